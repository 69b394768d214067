// The signed Windows installer the e2e backoffice hands out (docs/protocols/installer-tag.md).
//
// - When packages/register/dist-bin/kassa-setup.exe exists (built by `npm run build:register`)
//   and KASSA_SIGN_CA names the certificate (PEM) it was signed with, that real build is used and
//   verified against that CA.
// - Otherwise a small stand-in: a trivial NSIS installer (makensis), signed by osslsigncode with a
//   throwaway self-signed certificate made here, which is also the CA for `osslsigncode verify`.
//
// Needs makensis, openssl and osslsigncode on PATH (CI installs them).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
  await writeFile(
    path.join(dir, 'stand-in.nsi'),
    'Unicode true\nTarget amd64-unicode\nOutFile "kassa-setup-unsigned.exe"\nSection\nSectionEnd\n',
  );
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: dir, stdio: 'ignore' });
  run('makensis', ['-V1', 'stand-in.nsi']);
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'key.pem',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Kassa e2e stand-in',
  ]);
  run('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    'key.pem',
    '-in',
    'ca.pem',
    '-out',
    'sign.pfx',
    '-passout',
    'pass:e2e',
  ]);
  run('osslsigncode', [
    'sign',
    '-pkcs12',
    'sign.pfx',
    '-pass',
    'e2e',
    '-n',
    'Kassa',
    '-in',
    'kassa-setup-unsigned.exe',
    '-out',
    'kassa-setup.exe',
  ]);
  return {
    file: path.join(dir, 'kassa-setup.exe'),
    caFile: path.join(dir, 'ca.pem'),
    kind: 'stand-in',
  };
}

/** Puts the signed installer into a server's KASSA_REGISTER_DIST. */
export async function installSignedInstaller(registerDist: string): Promise<SignedInstaller> {
  const installer = await signedInstaller();
  await copyFile(installer.file, path.join(registerDist, 'kassa-setup.exe'));
  return installer;
}

/** `osslsigncode verify` against the CA: its output, or it throws. */
export function verifyAuthenticode(file: string, caFile: string): string {
  return execFileSync('osslsigncode', ['verify', '-CAfile', caFile, '-in', file], {
    encoding: 'utf8',
  });
}
