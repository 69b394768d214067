import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tagInstaller } from '@kassa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSignedStandInInstaller } from '@kassa/test-kit';
import { provisioningCandidates } from '../src/program/program.js';
import { kassa, newPc } from './support/register-cli.js';

/** `kassa install-provisioning <installer.exe>` (docs/protocols/installer-tag.md). */
describe('kassa install-provisioning', () => {
  let work: string;
  let signed: Uint8Array;
  const provisioning = {
    url: 'http://127.0.0.1:1',
    environment: 'demo',
    terminalId: 't-1',
    registerId: 'K1',
    pairingCode: 'ABCD-EFGH-JKLM',
    expiresAt: '2026-12-08T09:00:00.000Z',
  };

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'kassa-install-prov-'));
    const { file } = makeSignedStandInInstaller(work, { name: 's.exe' });
    signed = new Uint8Array(readFileSync(file));
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the tag as kassa-provisioning.json into the data folder, where connect looks', async () => {
    const pc = await newPc();
    const exe = path.join(work, 'kassa-setup-K1.exe');
    writeFileSync(exe, tagInstaller(signed, provisioning));
    const result = await kassa(pc, ['install-provisioning', exe]);
    expect(result.code, result.output).toBe(0);
    const written = JSON.parse(
      await readFile(path.join(pc.home, 'kassa-provisioning.json'), 'utf8'),
    ) as unknown;
    expect(written).toEqual(provisioning);
    expect(provisioningCandidates(work, pc.env)).toContain(
      path.join(pc.home, 'kassa-provisioning.json'),
    );
  });

  it('an installer without a tag: exit 0 with a note', async () => {
    const pc = await newPc();
    const result = await kassa(pc, ['install-provisioning', path.join(work, 's.exe')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('inga anslutningsuppgifter');
  });

  it('a damaged tag: exit 1 with its stable code and Swedish message', async () => {
    const pc = await newPc();
    const exe = path.join(work, 'damaged.exe');
    writeFileSync(exe, tagInstaller(signed, '{"url": broken'));
    const result = await kassa(pc, ['install-provisioning', exe]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('installer-tag-damaged');
    expect(result.stderr).toContain('Anslutningsuppgifterna i installationsprogrammet är skadade');
  });
});
