/**
 * Pure rules of the data folder: where it is by default, what an archived copy is called, and
 * whether an existing folder may be reused for the environment and terminal being connected.
 * (The seed: a leftover folder from an earlier installation broke the install and had to be
 * renamed by hand; here the register decides itself, and never deletes.)
 */
import path from 'node:path';
import type { RegisterFile } from '@kassa/contracts';

/** `%ProgramData%\Kassa` on Windows, `~/.local/share/kassa` elsewhere; KASSA_HOME wins. */
export function defaultDataFolder(
  env: Record<string, string | undefined>,
  platform: string,
  homeDir: string,
): string {
  const explicit = env.KASSA_HOME?.trim();
  if (explicit) return explicit;
  if (platform === 'win32') {
    return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'Kassa');
  }
  const dataHome = env.XDG_DATA_HOME?.trim();
  return path.posix.join(dataHome || path.posix.join(homeDir, '.local', 'share'), 'kassa');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `<folder>-arkiv-<YYYYMMDD-HHmmss>` in local time (what the shop's clock says). */
export function archiveFolderName(folder: string, now: Date): string {
  const stamp =
    `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-` +
    `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${folder.replace(/[\\/]+$/, '')}-arkiv-${stamp}`;
}

/** What is in the data folder now. */
export type FolderState =
  | { kind: 'absent' }
  | { kind: 'empty' }
  | { kind: 'installation'; register: RegisterFile }
  | { kind: 'damaged'; file: string; reason: string }
  | { kind: 'unknown'; entries: string[] };

/** What is being connected, as far as it is known before connecting. */
export interface WantedInstallation {
  /** Normalised origin, e.g. https://kafe.kassa.se. */
  url: string;
  slug?: string;
  /** The terminal's id or kassabeteckning, when known. */
  terminal?: string;
}

export type FolderDecision =
  | { use: 'fresh' }
  | { use: 'reuse'; register: RegisterFile }
  | {
      use: 'refuse';
      code:
        | 'data-folder-other-installation'
        | 'data-folder-terminal-unknown'
        | 'data-folder-unknown'
        | 'data-folder-damaged';
      details: Record<string, string>;
    };

function matchesTerminal(register: RegisterFile, wanted: string): boolean {
  const w = wanted.trim().toLowerCase();
  return (
    register.terminal.id.toLowerCase() === w || register.terminal.registerId.toLowerCase() === w
  );
}

/**
 * Reuse a folder only for the same environment (address and slug) and terminal; an unknown or
 * damaged folder, or another installation's, is refused (the caller may then archive it).
 */
export function decideFolderUse(
  folder: string,
  state: FolderState,
  wanted: WantedInstallation,
): FolderDecision {
  switch (state.kind) {
    case 'absent':
    case 'empty':
      return { use: 'fresh' };
    case 'damaged':
      return {
        use: 'refuse',
        code: 'data-folder-damaged',
        details: { folder, file: state.file, reason: state.reason },
      };
    case 'unknown':
      return { use: 'refuse', code: 'data-folder-unknown', details: { folder } };
    case 'installation': {
      const { register } = state;
      const wantedText = [wanted.slug ?? wanted.url, wanted.terminal]
        .filter((x): x is string => x !== undefined)
        .join(', terminal ');
      const other = {
        use: 'refuse' as const,
        code: 'data-folder-other-installation' as const,
        details: {
          folder,
          url: register.url,
          registerId: register.terminal.registerId,
          wanted: wantedText,
        },
      };
      const sameEnvironment =
        register.url === wanted.url &&
        (wanted.slug === undefined || wanted.slug === register.environment.slug);
      if (!sameEnvironment) return other;
      if (wanted.terminal === undefined) {
        return {
          use: 'refuse',
          code: 'data-folder-terminal-unknown',
          details: { folder, registerId: register.terminal.registerId },
        };
      }
      return matchesTerminal(register, wanted.terminal) ? { use: 'reuse', register } : other;
    }
  }
}
