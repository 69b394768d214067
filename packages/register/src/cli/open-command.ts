/**
 * `kassa open [--port 8181]`: what the Start-menu and desktop shortcut "Kassa" run. Opens the
 * POS in the default browser; when kassa does not run, it is started in the background first
 * (`kassa start --background`, no console window).
 */
import { openBrowser } from './open-browser.js';

interface OpenIo {
  out(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** True when a kassa answers /local/status on 127.0.0.1:port. */
async function running(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/local/status`, {
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export async function runOpen(
  io: OpenIo,
  args: string[],
  start: (args: string[]) => Promise<number>,
): Promise<number> {
  const i = args.indexOf('--port');
  const port = Number((i >= 0 ? args[i + 1] : undefined) ?? io.env.KASSA_PORT ?? '8181');
  if (!(await running(port))) {
    // Not running (closed, or never started at log-on): start it in the background, then open.
    const started = await start(args);
    if (started !== 0) return started;
  }
  const url = `http://127.0.0.1:${port}/`;
  const browser = await openBrowser(url, { env: io.env });
  if (!browser.opened) io.out(`Kassan är igång: öppna ${url} i webbläsaren.`);
  return 0;
}
