/**
 * Opens the POS in the PC's default browser after `kassa start` listens.
 * Windows: `explorer.exe <url>` (no cmd.exe, so `&` in a query string needs no quoting);
 * macOS: `open <url>`; Linux and others: `xdg-open <url>`.
 * Never throws: the outcome says what happened. KASSA_NO_BROWSER=1 turns it off (tests, servers).
 */
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** The program and arguments that open `url` on `platform`. Pure. */
export interface BrowserCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/** What openBrowser did. */
export type BrowserOutcome =
  | { readonly opened: true; readonly command: string }
  | {
      readonly opened: false;
      readonly reason: 'disabled' | 'bad-url' | 'failed';
      readonly detail?: string;
    };

/** True when the environment asks not to open a browser (KASSA_NO_BROWSER=1/true/yes). */
export function browserDisabled(env: NodeJS.ProcessEnv): boolean {
  return /^(1|true|yes|ja)$/i.test(env.KASSA_NO_BROWSER?.trim() ?? '');
}

/** The command for `platform`, or null when `url` is not an http(s) URL. Pure. */
export function browserCommand(url: string, platform: NodeJS.Platform): BrowserCommand | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const href = parsed.href;
  if (platform === 'win32') return { command: 'explorer.exe', args: [href] };
  if (platform === 'darwin') return { command: 'open', args: [href] };
  return { command: 'xdg-open', args: [href] };
}

export interface OpenBrowserOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Replaces child_process.spawn (tests). */
  readonly spawn?: (
    command: string,
    args: readonly string[],
    options: SpawnOptions,
  ) => ChildProcess;
}

/** Opens `url` in the default browser; resolves once the opener started or failed to. */
export function openBrowser(
  url: string,
  options: OpenBrowserOptions = {},
): Promise<BrowserOutcome> {
  const env = options.env ?? process.env;
  if (browserDisabled(env)) return Promise.resolve({ opened: false, reason: 'disabled' });
  const command = browserCommand(url, options.platform ?? process.platform);
  if (command === null) return Promise.resolve({ opened: false, reason: 'bad-url', detail: url });
  const spawn = options.spawn ?? nodeSpawn;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command.command, command.args, {
        detached: true,
        stdio: 'ignore',
        windowsHide: true,
      });
    } catch (error) {
      resolve({ opened: false, reason: 'failed', detail: (error as Error).message });
      return;
    }
    // explorer.exe exits with 1 even when it opened the page, so only a failed start counts.
    child.once('error', (error) =>
      resolve({ opened: false, reason: 'failed', detail: error.message }),
    );
    child.once('spawn', () => {
      child.unref();
      resolve({ opened: true, command: command.command });
    });
  });
}
