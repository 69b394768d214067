/**
 * The Windows build from Linux (scripts/build-register.mjs): kassa.exe (Node SEA from the
 * official node.exe) and the NSIS installer kassa-setup.exe. Signed with a throwaway self-made
 * certificate when KASSA_SIGN_PFX/KASSA_SIGN_PASSWORD are set, checked with
 * `osslsigncode verify`; unsigned otherwise, and then it says so (build-info.json, the
 * installer's version resource "(osignerad)", no signature). Each mode is built once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTER_DIR, runProcess } from './support/register-cli.js';

const BUILD = path.join(REGISTER_DIR, 'scripts', 'build-register.mjs');
const PASSWORD = 'prov-lösen-1';

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

function verify(file: string, caFile: string): { code: number | null; output: string } {
  const run = spawnSync('osslsigncode', ['verify', '-CAfile', caFile, '-in', file], {
    encoding: 'utf8',
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

function sha256(data: Buffer): string {
  return execFileSync('sha256sum', { input: data, encoding: 'utf8' }).split(' ')[0] ?? '';
}

let certDir: string;
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

  // Signed: a throwaway certificate, into a separate folder.
  certDir = await mkdtemp(path.join(os.tmpdir(), 'kassa-cert-'));
  const key = path.join(certDir, 'key.pem');
  const cert = path.join(certDir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Kassa Test Signing/O=Kassa Test',
      '-keyout',
      key,
      '-out',
      cert,
      '-addext',
      'extendedKeyUsage=codeSigning',
    ],
    { stdio: 'ignore' },
  );
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    key,
    '-in',
    cert,
    '-out',
    path.join(certDir, 'sign.pfx'),
    '-passout',
    `pass:${PASSWORD}`,
  ]);
  signedOut = await mkdtemp(path.join(os.tmpdir(), 'kassa-signed-'));
  await build(signedOut, {
    ...unsignedEnv,
    KASSA_SIGN_PFX: path.join(certDir, 'sign.pfx'),
    KASSA_SIGN_PASSWORD: PASSWORD,
  });
}, 900_000);

describe('the signed Windows build', () => {
  it('signs kassa.exe and kassa-setup.exe with the given certificate', async () => {
    const ca = path.join(certDir, 'cert.pem');
    for (const name of ['kassa.exe', 'kassa-setup.exe']) {
      const result = verify(path.join(signedOut, name), ca);
      expect(result.code, `${name}: ${result.output}`).toBe(0);
      expect(result.output).toContain('Kassa Test Signing');
    }
    const info = JSON.parse(
      await readFile(path.join(signedOut, 'build-info.json'), 'utf8'),
    ) as BuildInfo;
    expect(info).toMatchObject({ signed: true, node: 'v22.23.3' });
    expect(info.signer).toContain('Kassa Test Signing');
    for (const [name, { sha256: digest }] of Object.entries(info.files)) {
      expect(sha256(await readFile(path.join(signedOut, name)))).toBe(digest);
    }
    // The installer carries no "(osignerad)" in its version resource.
    const setup = await readFile(path.join(signedOut, 'kassa-setup.exe'));
    expect(setup.includes(Buffer.from('(osignerad)', 'utf16le'))).toBe(false);
    expect(setup.includes(Buffer.from('Kassa', 'utf16le'))).toBe(true);
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
    const ca = path.join(certDir, 'cert.pem');
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
