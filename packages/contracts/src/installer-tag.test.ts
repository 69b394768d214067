import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSignedStandInInstaller, verifyAuthenticode } from '@kassa/test-kit';
import {
  InstallerTagError,
  readInstallerTag,
  readInstallerTagJson,
  tagInstaller,
} from './installer-tag.js';

/** A trivial NSIS installer, signed with a throwaway certificate (docs/protocols/installer-tag.md). */
let dir: string;
let unsigned: Uint8Array;
let signed: Uint8Array;
let caFile: string;

function verify(pe: Uint8Array): string {
  const file = join(dir, `v-${Math.random().toString(36).slice(2)}.exe`);
  writeFileSync(file, pe);
  const result = verifyAuthenticode(file, caFile);
  if (result.code !== 0) throw new Error(result.output);
  return result.output;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-installer-tag-'));
  const { file, certificate } = makeSignedStandInInstaller(dir);
  caFile = certificate.cert;
  unsigned = new Uint8Array(readFileSync(join(dir, 'stand-in-unsigned.exe')));
  signed = new Uint8Array(readFileSync(file));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const provisioning = {
  url: 'https://demo.kassa.example',
  environment: 'demo',
  terminalId: 't-1',
  registerId: 'K1',
  pairingCode: 'ABCD-EFGH',
  expiresAt: '2026-12-08T09:00:00.000Z',
};

describe('installer tag', () => {
  it('a signed installer has no tag until one is added', () => {
    expect(readInstallerTag(signed)).toBeNull();
  });

  it('round-trips the provisioning file and osslsigncode still verifies the signature', () => {
    const tagged = tagInstaller(signed, provisioning);
    expect(tagged.length % 8).toBe(0);
    expect(readInstallerTag(tagged)).toEqual(provisioning);
    const report = verify(tagged);
    expect(report).toMatch(/Succeeded/);
    expect(report).not.toMatch(/mismatch/i);
  });

  it('replaces an existing tag instead of stacking', () => {
    const once = tagInstaller(signed, provisioning);
    const twice = tagInstaller(once, { ...provisioning, pairingCode: 'ZZZZ' });
    expect(readInstallerTag(twice)?.pairingCode).toBe('ZZZZ');
    expect(twice.length).toBe(once.length);
    expect(verify(twice)).toMatch(/Succeeded/);
  });

  it('refuses an unsigned PE with a stable code', () => {
    expect(() => tagInstaller(unsigned, provisioning)).toThrow(
      expect.objectContaining({ code: 'installer-not-signed' }),
    );
  });

  it('any JSON text round-trips', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(readInstallerTagJson(tagInstaller(signed, json))).toBe(json);
      }),
      { numRuns: 200 },
    );
  });

  it('a damaged tag is a clear refusal', () => {
    const tagged = tagInstaller(signed, '{"url": not json');
    expect(() => readInstallerTag(tagged)).toThrow(
      expect.objectContaining({ code: 'installer-tag-damaged' }),
    );
    const wrongShape = tagInstaller(signed, '{"url":"x"}');
    expect(() => readInstallerTag(wrongShape)).toThrow(
      expect.objectContaining({ code: 'installer-tag-damaged' }),
    );
  });

  it('random bytes never crash: null or an InstallerTagError', () => {
    const check = (bytes: Uint8Array): void => {
      for (const run of [() => readInstallerTag(bytes), () => tagInstaller(bytes, provisioning)]) {
        try {
          run();
        } catch (error) {
          expect(error).toBeInstanceOf(InstallerTagError);
        }
      }
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => check(bytes)),
      { numRuns: 300 },
    );
    // Random damage to a real signed, tagged installer.
    const tagged = tagInstaller(signed, provisioning);
    fc.assert(
      fc.property(
        fc.nat({ max: tagged.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.nat({ max: tagged.length }),
        (at, value, cut) => {
          const damaged = tagged.slice(0, Math.max(cut, at + 1));
          damaged[at] = value;
          check(damaged);
        },
      ),
      { numRuns: 300 },
    );
  });
});
