/**
 * The per-terminal installer download, with a provisioning file carrying a single-use pairing
 * code: on Windows the signed `kassa-setup.exe` built by `npm run build:register`, with the
 * provisioning file as a tag inside its certificate table (docs/protocols/installer-tag.md); on
 * Linux the register program (executable and/or Node bundle), the provisioning file and a short
 * Swedish README in one zip.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InstallerTagError, tagInstaller } from '@kassa/contracts';
import { zipSync, type Zippable } from 'fflate';

export type InstallerPlatform = 'windows' | 'linux';

/** The Windows installer's path in `distDir`, or null when it has not been built. */
function findWindowsInstaller(distDir: string): string | null {
  const file = path.join(distDir, 'kassa-setup.exe');
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Whether the build is there for `platform`. */
export function installerBuilt(distDir: string, platform: InstallerPlatform): boolean {
  return platform === 'windows'
    ? findWindowsInstaller(distDir) !== null
    : findRegisterBuild(distDir) !== null;
}

/**
 * The Windows installer with `provisioning` inside. An unsigned build (no certificate table)
 * cannot carry the tag: it is served as built (`tagged: false`) and the pairing code is typed in
 * "Anslut kassan". `signed` is from dist-bin/build-info.json when it says, else the table.
 */
export function buildWindowsInstaller(
  distDir: string,
  provisioning: Provisioning,
): { bytes: Uint8Array; signed: boolean; tagged: boolean } | null {
  const file = findWindowsInstaller(distDir);
  if (!file) return null;
  const pe = new Uint8Array(readFileSync(file));
  let info: { signed?: unknown } = {};
  try {
    info = JSON.parse(readFileSync(path.join(distDir, 'build-info.json'), 'utf8')) as typeof info;
  } catch {
    // No build-info.json: the certificate table decides.
  }
  try {
    const bytes = tagInstaller(pe, provisioning);
    return { bytes, signed: typeof info.signed === 'boolean' ? info.signed : true, tagged: true };
  } catch (error) {
    if (error instanceof InstallerTagError && error.code === 'installer-not-signed') {
      return { bytes: pe, signed: false, tagged: false };
    }
    throw error;
  }
}

export interface Provisioning {
  url: string;
  environment: string;
  terminalId: string;
  registerId: string;
  pairingCode: string;
  expiresAt: string;
}

/** Which built program files exist in `distDir` (null when nothing has been built). */
function findRegisterBuild(
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
  }
  if (build.bundle) addFolder(files, build.bundle, 'kassa-bundle');
  return zipSync(files, { level: 6 });
}
