/**
 * The per-terminal installer download: the register program (Linux executable and/or the Node
 * bundle built by `npm run build:register`), a provisioning file with a single-use pairing code,
 * and a short Swedish README, in one zip.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';

export interface Provisioning {
  url: string;
  environment: string;
  terminalId: string;
  registerId: string;
  pairingCode: string;
  expiresAt: string;
}

/** Which built program files exist in `distDir` (null when nothing has been built). */
export function findRegisterBuild(
  distDir: string,
): { executable: string | null; bundle: string | null } | null {
  const executable = path.join(distDir, 'kassa');
  const bundle = path.join(distDir, 'kassa-bundle');
  const found = {
    executable: existsSync(executable) && statSync(executable).isFile() ? executable : null,
    bundle: existsSync(bundle) && statSync(bundle).isDirectory() ? bundle : null,
  };
  return found.executable || found.bundle ? found : null;
}

const UNIX = 3;
const EXECUTABLE = { os: UNIX, attrs: 0o100755 << 16, level: 0 as const };
const REGULAR = { os: UNIX, attrs: 0o100644 << 16 };

function addFolder(target: Zippable, folder: string, prefix: string): void {
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    const entry = `${prefix}/${name}`;
    if (statSync(full).isDirectory()) {
      addFolder(target, full, entry);
    } else {
      const isScript = name === 'kassa' || name.endsWith('.sh');
      target[entry] = [readFileSync(full), isScript ? { ...EXECUTABLE, level: 6 } : REGULAR];
    }
  }
}

function readme(p: Provisioning): string {
  return [
    'Kassa – installationsprogram',
    '',
    `Miljö: ${p.url}`,
    `Terminal: ${p.registerId}`,
    `Parkopplingskod: ${p.pairingCode} (gäller till ${p.expiresAt}, en gång)`,
    '',
    '1. Packa upp hela mappen på kassadatorn.',
    '2. Linux: kör ./kassa connect   (Windows: kassa.exe connect, eller kassa-bundle\\kassa.cmd connect)',
    '   Programmet läser kassa-provisioning.json i samma mapp och ansluter med parkopplingskoden –',
    '   inget administratörslösenord behöver skrivas på kassan.',
    '3. Starta kassan: kassa start   och öppna adressen som visas.',
    '',
    'Windows kan visa "Windows skyddade datorn" (SmartScreen): välj "Mer information" och "Kör ändå".',
    'Får du ett felmeddelande säger det vad du ska göra. "kassa doctor" kontrollerar anslutningen.',
    '',
  ].join('\r\n');
}

/** Builds the zip; null when the register program has not been built on this server. */
export function buildInstallerZip(distDir: string, provisioning: Provisioning): Uint8Array | null {
  const build = findRegisterBuild(distDir);
  if (!build) return null;
  const files: Zippable = {
    'kassa-provisioning.json': [
      Buffer.from(JSON.stringify(provisioning, null, 2) + '\n', 'utf8'),
      REGULAR,
    ],
    'LASMIG.txt': [Buffer.from(readme(provisioning), 'utf8'), REGULAR],
  };
  if (build.executable) {
    files.kassa = [readFileSync(build.executable), EXECUTABLE];
    // The journal's SQLite addon: the single executable loads it from beside itself.
    const addon = path.join(distDir, 'better_sqlite3.node');
    if (existsSync(addon)) files['better_sqlite3.node'] = [readFileSync(addon), EXECUTABLE];
  }
  if (build.bundle) addFolder(files, build.bundle, 'kassa-bundle');
  return zipSync(files, { level: 6 });
}
