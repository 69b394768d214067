import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readInstallerTag } from '@kassa/contracts';
import { makeSignedStandInInstaller, verifyAuthenticode } from '@kassa/test-kit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setLicence } from '../src/commands/terminals.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import {
  FakeClock,
  as,
  buildEnvironment,
  buildTestApp,
  signInAs,
  type Session,
} from './support/test-app.js';
import { SimulatedPc } from './support/device.js';

/** The Windows download: the signed kassa-setup.exe with the terminal's tag (docs/protocols/installer-tag.md). */
describeDb('installer download for Windows', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let slug: string;
  let placeId: string;
  let distDir: string;
  let work: string;
  let standIn: ReturnType<typeof makeSignedStandInInstaller>;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    distDir = mkdtempSync(path.join(tmpdir(), 'kassa-dist-'));
    work = mkdtempSync(path.join(tmpdir(), 'kassa-pe-'));
    // A stand-in for the real build: a trivial NSIS installer signed with a throwaway certificate.
    standIn = makeSignedStandInInstaller(work, { name: 's.exe' });
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock, registerDistDir: distDir });
    const env = await buildEnvironment(tdb.database, 'fonster', 'Fönsterkaféet AB');
    host = env.host;
    slug = env.slug;
    await setLicence(tdb.database.db, slug, { terminals: 10 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    const e = await app.inject({ url: '/api/environment', headers: as(admin) });
    placeId = e.json<{ placesOfBusiness: { id: string }[] }>().placesOfBusiness[0]?.id ?? '';
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await tdb.drop();
    rmSync(distDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('503 installer-not-built until kassa-setup.exe exists; then a signed, tagged installer whose code works once', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/terminals',
      headers: as(admin),
      payload: { name: 'Kassa W1', placeOfBusinessId: placeId, registerId: 'W1' },
    });
    const terminalId = created.json<{ terminal: { id: string } }>().terminal.id;
    const url = `/api/terminals/${terminalId}/installer`;
    const notBuilt = await app.inject({ method: 'POST', url, headers: as(admin) });
    expect(notBuilt.statusCode).toBe(503);
    expect(notBuilt.json<{ error: { code: string; sv: string } }>().error).toMatchObject({
      code: 'installer-not-built',
    });
    expect(notBuilt.json<{ error: { sv: string } }>().error.sv).toContain('npm run build:register');

    copyFileSync(standIn.file, path.join(distDir, 'kassa-setup.exe'));
    const r = await app.inject({ method: 'POST', url, headers: as(admin) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(r.headers['content-disposition']).toBe('attachment; filename="kassa-setup-W1.exe"');
    expect(r.headers['x-kassa-installer-signed']).toBe('true');
    const downloaded = path.join(work, 'kassa-setup-W1.exe');
    writeFileSync(downloaded, r.rawPayload);
    const verify = verifyAuthenticode(downloaded, standIn.certificate.cert);
    expect(verify.code, verify.output).toBe(0);
    expect(verify.output).toMatch(/Succeeded/);
    const tag = readInstallerTag(new Uint8Array(r.rawPayload));
    expect(tag).toMatchObject({
      registerId: 'W1',
      environment: slug,
      url: `http://${host}`,
      terminalId,
    });
    expect(tag?.pairingCode).toBe(r.headers['x-kassa-pairing-code']);

    const pc = new SimulatedPc('FONSTER-PC');
    const connect = () =>
      app.inject({
        method: 'POST',
        url: '/api/register/connect',
        headers: { host },
        payload: { method: 'pairing-code', code: tag?.pairingCode, ...pc.identity() },
      });
    expect((await connect()).statusCode).toBe(200);
    expect((await connect()).statusCode).not.toBe(200);
  });
});
