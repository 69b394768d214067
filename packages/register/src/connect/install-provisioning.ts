/**
 * `kassa install-provisioning <installer.exe>`: run by the Windows installer as
 * `"$INSTDIR\kassa.exe" install-provisioning "$EXEPATH"`. Reads the provisioning tag inside the
 * downloaded, signed installer (docs/protocols/installer-tag.md) and writes it as
 * kassa-provisioning.json into the data folder, where `kassa connect` and "Anslut kassan" find it.
 *
 * Exit codes: 0 written, or the installer has no tag (a note: connect with address and code);
 * 1 a damaged tag or an unreadable installer (stable code, Swedish and English message);
 * 2 usage.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InstallerTagError, readInstallerTag } from '@kassa/contracts';
import { formatFailure } from '../cli/cli-output.js';
import { writeJsonAtomic } from '../folder/data-folder.js';

const PROVISIONING_FILE = 'kassa-provisioning.json';

interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

export async function runInstallProvisioning(
  args: string[],
  io: Io,
  folder: string,
): Promise<number> {
  const [installer, ...extra] = args;
  if (installer === undefined || extra.length > 0) {
    io.err('Användning / usage: kassa install-provisioning <kassa-setup.exe>');
    return 2;
  }
  const file = path.resolve(io.cwd, installer);
  let pe: Uint8Array;
  try {
    pe = new Uint8Array(await readFile(file));
  } catch (error) {
    const failure = new InstallerTagError('installer-not-pe', (error as Error).message);
    for (const line of formatFailure({ code: failure.code, sv: failure.sv, en: failure.en })) {
      io.err(line);
    }
    return 1;
  }
  try {
    const provisioning = readInstallerTag(pe);
    if (provisioning === null) {
      io.out(
        'Installationsprogrammet innehåller inga anslutningsuppgifter. Anslut kassan med adress och parkopplingskod. (The installer carries no connection details: connect with the address and pairing code.)',
      );
      return 0;
    }
    const target = path.join(folder, PROVISIONING_FILE);
    await writeJsonAtomic(target, provisioning, 0o600);
    io.out(`Anslutningsuppgifterna sparades i ${target}. (The connection details were saved.)`);
    return 0;
  } catch (error) {
    if (!(error instanceof InstallerTagError)) throw error;
    for (const line of formatFailure({ code: error.code, sv: error.sv, en: error.en })) {
      io.err(line);
    }
    io.err(`     [${error.code}]`);
    return 1;
  }
}
