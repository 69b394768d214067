/**
 * The Windows build from Linux (scripts/build-register.mjs): kassa.exe (Node SEA from the
 * official node.exe) and the NSIS installer kassa-setup.exe. Signed with a throwaway self-made
 * certificate when KASSA_SIGN_PFX/KASSA_SIGN_PASSWORD are set, checked with
 * `osslsigncode verify`; unsigned otherwise, and then it says so (build-info.json, the
 * installer's version resource "(osignerad)", no signature). Each mode is built once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type SigningCertificate,
  makeSigningCertificate,
  verifyAuthenticode,
} from '@kassa/test-kit';
import { REGISTER_DIR, runProcess } from './support/register-cli.js';
import { DIST_BIN, buildIsStale } from './support/register-build.js';

const BUILD = path.join(REGISTER_DIR, 'scripts', 'build-register.mjs');

interface BuildInfo {
  version: string;
  node: string;
  signed: boolean;
  signer: string | null;
  files: Record<string, { sha256: string }>;
}

async function build(out: string | null, env: NodeJS.ProcessEnv): Promise<void> {
  const run = await runProcess(
    process.execPath,
    [BUILD, ...(out ? ['--out', out] : [])],
    env,
    REGISTER_DIR,
    600_000,
  );
  if (run.code !== 0) throw new Error(`build:register failed:\n${run.output}`);
}

const verify = verifyAuthenticode;

function sha256(data: Buffer): string {
  return execFileSync('sha256sum', { input: data, encoding: 'utf8' }).split(' ')[0] ?? '';
}

let certificate: Pick<SigningCertificate, 'cert'>;
let signedOut: string;
let unsignedOut: string;

beforeAll(async () => {
  // Unsigned: a build of its own, in its own folder — dist-bin/ is the (signed) build the other
  // suites use at the same time, and must not change under them.
  const unsignedEnv = { ...process.env };
  delete unsignedEnv.KASSA_SIGN_PFX;
  delete unsignedEnv.KASSA_SIGN_PASSWORD;
  unsignedOut = await mkdtemp(path.join(os.tmpdir(), 'kassa-unsigned-'));
  await build(unsignedOut, unsignedEnv);

  // Signed: `npm test` has already built dist-bin/ signed with its throwaway test certificate
  // (KASSA_SIGN_CA); that build is the one checked when it is current. Otherwise (this file run
  // alone, or signed by a real certificate) a throwaway certificate and a build of its own.
  const ca = process.env.KASSA_SIGN_CA;
  if (ca && process.env.KASSA_SIGN_PFX && (await testSignedDistBin())) {
    certificate = { cert: ca };
    signedOut = DIST_BIN;
    return;
  }
  const certDir = await mkdtemp(path.join(os.tmpdir(), 'kassa-cert-'));
  const made = makeSigningCertificate(certDir);
  certificate = made;
  signedOut = await mkdtemp(path.join(os.tmpdir(), 'kassa-signed-'));
  await build(signedOut, {
    ...unsignedEnv,
    KASSA_SIGN_PFX: made.pfx,
    KASSA_SIGN_PASSWORD: made.password,
  });
}, 900_000);

/** The common name of a PEM certificate's subject (openssl). */
function commonName(certFile: string): string {
  const subject = execFileSync('openssl', ['x509', '-noout', '-subject', '-in', certFile], {
    encoding: 'utf8',
  });
  return /CN\s*=\s*([^,\n/]+)/.exec(subject)?.[1]?.trim() ?? '';
}

/** The signer's name the signed build must carry. */
let signerName = 'Kassa Test Signing';

/** dist-bin/ is current and signed by the certificate `npm test` gave it (KASSA_SIGN_CA). */
async function testSignedDistBin(): Promise<boolean> {
  const files = ['kassa', 'kassa.exe', 'kassa-setup.exe', 'build-info.json'].map((name) =>
    path.join(DIST_BIN, name),
  );
  if (await buildIsStale(files)) return false;
  const info = JSON.parse(
    await readFile(path.join(DIST_BIN, 'build-info.json'), 'utf8'),
  ) as BuildInfo;
  const name = commonName(process.env.KASSA_SIGN_CA ?? '');
  if (!info.signed || name === '' || !(info.signer ?? '').includes(name)) return false;
  signerName = name;
  return true;
}

describe('the signed Windows build', () => {
  it('signs kassa.exe and kassa-setup.exe with the given certificate', async () => {
    const ca = certificate.cert;
    for (const name of ['kassa.exe', 'kassa-setup.exe']) {
      const result = verify(path.join(signedOut, name), ca);
      expect(result.code, `${name}: ${result.output}`).toBe(0);
      expect(result.output).toContain(signerName);
    }
    const info = JSON.parse(
      await readFile(path.join(signedOut, 'build-info.json'), 'utf8'),
    ) as BuildInfo;
    expect(info).toMatchObject({ signed: true, node: 'v22.23.3' });
    expect(info.signer).toContain(signerName);
    for (const [name, { sha256: digest }] of Object.entries(info.files)) {
      expect(sha256(await readFile(path.join(signedOut, name)))).toBe(digest);
    }
    // The installer carries no "(osignerad)" in its version resource.
    const setup = await readFile(path.join(signedOut, 'kassa-setup.exe'));
    expect(setup.includes(Buffer.from('(osignerad)', 'utf16le'))).toBe(false);
    expect(setup.includes(Buffer.from('Kassa', 'utf16le'))).toBe(true);
  });
});

/** The string table of a PE's version resource (file properties → Information). */
async function versionStrings(file: string): Promise<Record<string, string>[]> {
  const ResEdit = await import('resedit');
  const exe = ResEdit.NtExecutable.from(await readFile(file), { ignoreCert: true });
  const resources = ResEdit.NtExecutableResource.from(exe);
  return ResEdit.Resource.VersionInfo.fromEntries(resources.entries).flatMap((info) =>
    info.getAllLanguagesForStringValues().map((language) => info.getStringValues(language)),
  );
}

describe('the version in clear text (file properties)', () => {
  it('kassa.exe and kassa-setup.exe name Kassa and its version, not Node.js', async () => {
    const pkg = JSON.parse(await readFile(path.join(REGISTER_DIR, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const out of [signedOut, unsignedOut]) {
      const [exe] = await versionStrings(path.join(out, 'kassa.exe'));
      expect(exe).toMatchObject({
        ProductName: 'Kassa',
        CompanyName: 'Kassa',
        FileDescription: 'Kassa – kassaprogrammet',
        FileVersion: pkg.version,
        ProductVersion: pkg.version,
        OriginalFilename: 'kassa.exe',
      });
      expect(Object.values(exe ?? {}).join(' ')).not.toContain('JavaScript Runtime');
      const [setup] = await versionStrings(path.join(out, 'kassa-setup.exe'));
      expect(setup).toMatchObject({ ProductName: 'Kassa', ProductVersion: pkg.version });
    }
    // The signed kassa.exe still verifies: the resource was written before signing.
    expect(verify(path.join(signedOut, 'kassa.exe'), certificate.cert).code).toBe(0);
  });
});

describe('the unsigned Windows build', () => {
  it('names itself unsigned and carries no signature', async () => {
    const info = JSON.parse(
      await readFile(path.join(unsignedOut, 'build-info.json'), 'utf8'),
    ) as BuildInfo;
    expect(info).toMatchObject({ signed: false, signer: null, node: 'v22.23.3' });
    expect(Object.keys(info.files).sort()).toEqual(['kassa', 'kassa-setup.exe', 'kassa.exe']);
    const setup = await readFile(path.join(unsignedOut, 'kassa-setup.exe'));
    expect(setup.includes(Buffer.from('(osignerad)', 'utf16le'))).toBe(true);
    const ca = certificate.cert;
    for (const name of ['kassa.exe', 'kassa-setup.exe']) {
      const result = verify(path.join(unsignedOut, name), ca);
      expect(result.code, `${name} must not verify: ${result.output}`).not.toBe(0);
    }
    // node.exe's own signature was removed before injecting: kassa.exe is a clean unsigned PE.
    const exe = await readFile(path.join(unsignedOut, 'kassa.exe'));
    expect(exe.subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(exe.includes(Buffer.from('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1'))).toBe(
      true,
    );
  });
});
