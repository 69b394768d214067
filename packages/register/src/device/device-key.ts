/** The register's Ed25519 private key in the data folder (device-key.pem, mode 0600). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { FILES, writeFileAtomic } from '../folder/data-folder.js';
import { describeError, failed, succeeded, type Outcome } from '../failure.js';
import { loadPrivateKey } from './signature.js';

/** Stores the private key (PKCS#8 PEM), readable by the owner only. */
export async function saveDeviceKey(folder: string, privateKeyPem: string): Promise<void> {
  await writeFileAtomic(path.join(folder, FILES.deviceKey), privateKeyPem, 0o600);
}

/** Loads the private key; a failure says how to recover (connect again). */
export async function loadDeviceKey(folder: string): Promise<Outcome<KeyObject>> {
  const file = path.join(folder, FILES.deviceKey);
  try {
    return succeeded(loadPrivateKey(await readFile(file, 'utf8')));
  } catch (error) {
    return failed('device-key-unreadable', { file, reason: describeError(error) });
  }
}
