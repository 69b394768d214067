// The signed Windows installer the e2e backoffice hands out (docs/protocols/installer-tag.md).
//
// - When packages/register/dist-bin/kassa-setup.exe exists (built by `npm run build:register`)
//   and KASSA_SIGN_CA names the certificate (PEM) it was signed with, that real build is used and
//   verified against that CA.
// - Otherwise a small stand-in: a trivial NSIS installer (makensis), signed by osslsigncode with a
//   throwaway self-signed certificate made here, which is also the CA for `osslsigncode verify`.
//
// Needs makensis, openssl and osslsigncode on PATH (CI installs them).
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeSignedStandInInstaller, verifyAuthenticode as verify } from '@kassa/test-kit';

export interface SignedInstaller {
  /** The signed kassa-setup.exe. */
  file: string;
  /** The certificate (PEM) to verify it against. */
  caFile: string;
  /** 'build' for dist-bin/kassa-setup.exe, 'stand-in' for the one made here. */
  kind: 'build' | 'stand-in';
}

const built = path.resolve('packages/register/dist-bin/kassa-setup.exe');

export async function signedInstaller(): Promise<SignedInstaller> {
  const ca = process.env.KASSA_SIGN_CA;
  if (existsSync(built) && ca && existsSync(ca)) return { file: built, caFile: ca, kind: 'build' };
  const dir = await mkdtemp(path.join(tmpdir(), 'kassa-e2e-signed-'));
  const { file, certificate } = makeSignedStandInInstaller(dir, {
    subject: '/CN=Kassa e2e stand-in',
  });
  return { file, caFile: certificate.cert, kind: 'stand-in' };
}

/** Puts the signed installer into a server's KASSA_REGISTER_DIST. */
export async function installSignedInstaller(registerDist: string): Promise<SignedInstaller> {
  const installer = await signedInstaller();
  await copyFile(installer.file, path.join(registerDist, 'kassa-setup.exe'));
  return installer;
}

/** `osslsigncode verify` against the CA: its output, or it throws. */
export function verifyAuthenticode(file: string, caFile: string): string {
  const result = verify(file, caFile);
  if (result.code !== 0) throw new Error(`osslsigncode verify failed: ${result.output}`);
  return result.output;
}
