import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  OLDEST_REGISTER_PROTOCOL_VERSION,
  REGISTER_PROTOCOL_HEADER,
  REGISTER_PROTOCOL_VERSION,
} from '@kassa/contracts';
import { setLicence } from '../src/commands/terminals.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import {
  ADMIN_PASSWORD,
  FakeClock,
  as,
  buildEnvironment,
  buildTestApp,
  createUserAs,
  signInAs,
  type Session,
} from './support/test-app.js';
import { SimulatedPc } from './support/device.js';

interface ErrorView {
  error: { code: string; sv: string; en: string; details?: Record<string, unknown> };
}
const codeOf = (body: string) => (JSON.parse(body) as ErrorView).error.code;

describeDb('register protocol: connecting PCs, device-signed requests, releasing bindings', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let slug: string;
  let placeId: string;
  let distDir: string;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    distDir = mkdtempSync(path.join(tmpdir(), 'kassa-dist-'));
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock, registerDistDir: distDir });
    const env = await buildEnvironment(tdb.database, 'registret', 'Registerkaféet AB');
    host = env.host;
    slug = env.slug;
    await setLicence(tdb.database.db, slug, { terminals: 10 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    const e = await app.inject({ url: '/api/environment', headers: as(admin) });
    placeId = e.json<{ placesOfBusiness: { id: string }[] }>().placesOfBusiness[0]?.id ?? '';
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
    rmSync(distDir, { recursive: true, force: true });
  });

  async function newTerminal(registerId: string): Promise<string> {
    const r = await app.inject({
      method: 'POST',
      url: '/api/terminals',
      headers: as(admin),
      payload: { name: `Kassa ${registerId}`, placeOfBusinessId: placeId, registerId },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
    return r.json<{ terminal: { id: string } }>().terminal.id;
  }

  const connect = (payload: object) =>
    app.inject({ method: 'POST', url: '/api/register/connect', headers: { host }, payload });

  const connectWithPassword = (
    pc: SimulatedPc,
    terminalId: string,
    password = ADMIN_PASSWORD,
    username = 'admin',
  ) => connect({ method: 'password', username, password, terminalId, ...pc.identity() });

  const terminalView = async (id: string) =>
    (await app.inject({ url: `/api/terminals/${id}`, headers: as(admin) })).json<{
      terminal: {
        binding: { pcName: string; fingerprintShort: string; boundAt: string } | null;
        lastContactAt: string | null;
        unsyncedEntries: number | null;
        programVersion: string;
      };
    }>().terminal;

  it('lists terminals for an admin only, and binds the first PC with admin credentials', async () => {
    const terminalId = await newTerminal('R1');
    await createUserAs(app, admin, 'chef-r', 'manager');
    const list = await app.inject({
      method: 'POST',
      url: '/api/register/terminals',
      headers: { host },
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      environment: { slug, companyName: 'Registerkaféet AB' },
      terminals: [{ id: terminalId, registerId: 'R1', binding: null, active: true }],
    });
    const manager = await app.inject({
      method: 'POST',
      url: '/api/register/terminals',
      headers: { host },
      payload: { username: 'chef-r', password: 'ett-bra-losenord-42' },
    });
    expect(manager.statusCode).toBe(403);
    expect(codeOf(manager.body)).toBe('connect-requires-admin');

    const pc1 = new SimulatedPc('KASSA-PC-1');
    const wrong = await connectWithPassword(pc1, terminalId, 'fel-losenord');
    expect(codeOf(wrong.body)).toBe('invalid-credentials');
    const ok = await connectWithPassword(pc1, terminalId);
    expect(ok.statusCode).toBe(200);
    const body = ok.json<{
      bindingId: string;
      terminal: { registerId: string; serialNumber: string };
    }>();
    expect(body.terminal.registerId).toBe('R1');
    expect(body.terminal.serialNumber).toMatch(/^KS/);
    pc1.bindingId = body.bindingId;
    const view = await terminalView(terminalId);
    expect(view.binding).toMatchObject({
      pcName: 'KASSA-PC-1',
      fingerprintShort: pc1.fingerprint.slice(0, 12),
    });

    // A second PC is refused, naming the first and since when.
    const pc2 = new SimulatedPc('KASSA-PC-2');
    const refused = await connectWithPassword(pc2, terminalId);
    expect(refused.statusCode).toBe(409);
    const err = refused.json<ErrorView>().error;
    expect(err.code).toBe('terminal-bound-elsewhere');
    expect(err.details).toMatchObject({ pcName: 'KASSA-PC-1' });
    expect(err.sv).toContain('KASSA-PC-1');
    expect(err.sv).toContain('Ta bort koppling mot hårdvara');
  });

  it('authenticates signed requests and refuses bad signatures, replays, stale clocks and tampering', async () => {
    const terminalId = await newTerminal('R2');
    const pc = new SimulatedPc('KASSA-PC-R2');
    pc.bindingId = (await connectWithPassword(pc, terminalId)).json<{
      bindingId: string;
    }>().bindingId;

    const now = clock.now().getTime();
    const me = await pc.request(app, host, 'GET', '/api/register/me', undefined, now);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      terminal: { id: terminalId, registerId: 'R2' },
      environment: { slug },
    });

    const unsigned = await app.inject({ url: '/api/register/me', headers: { host } });
    expect(codeOf(unsigned.body)).toBe('device-signature-invalid');

    const stranger = new SimulatedPc('INKRÄKTARE');
    stranger.bindingId = pc.bindingId;
    const forged = await stranger.request(app, host, 'GET', '/api/register/me', undefined, now);
    expect(forged.statusCode).toBe(401);
    expect(codeOf(forged.body)).toBe('device-signature-invalid');

    const headers = pc.sign('GET', '/api/register/me', '', now, 'samma-nonce-0123456789');
    expect(
      (await app.inject({ url: '/api/register/me', headers: { host, ...headers } })).statusCode,
    ).toBe(200);
    const replay = await app.inject({ url: '/api/register/me', headers: { host, ...headers } });
    expect(codeOf(replay.body)).toBe('device-replay');

    const stale = await pc.request(
      app,
      host,
      'GET',
      '/api/register/me',
      undefined,
      now - 10 * 60 * 1000,
    );
    expect(stale.statusCode).toBe(401);
    expect(stale.json<ErrorView>().error.details).toHaveProperty('serverTime');

    const signedBody = JSON.stringify({ programVersion: '0.1.0', unsyncedEntries: 1 });
    const tampered = await app.inject({
      method: 'POST',
      url: '/api/register/heartbeat',
      headers: {
        host,
        'content-type': 'application/json',
        ...pc.sign('POST', '/api/register/heartbeat', signedBody, now),
      },
      payload: JSON.stringify({ programVersion: '0.1.0', unsyncedEntries: 0 }),
    });
    expect(codeOf(tampered.body)).toBe('device-signature-invalid');

    const beat = await pc.request(
      app,
      host,
      'POST',
      '/api/register/heartbeat',
      { programVersion: '0.2.0', unsyncedEntries: 17 },
      now,
    );
    expect(beat.statusCode).toBe(200);
    const view = await terminalView(terminalId);
    expect(view).toMatchObject({ unsyncedEntries: 17, programVersion: '0.2.0' });
    expect(view.lastContactAt).not.toBeNull();

    // A newer register reports fields this server does not know: they are ignored, the rest is
    // taken (registers are updated shop by shop, before or after the server).
    const newer = await pc.request(
      app,
      host,
      'POST',
      '/api/register/heartbeat',
      { programVersion: '0.9.0', unsyncedEntries: 3, printer: { state: 'out-of-paper' } },
      now,
    );
    expect(newer.statusCode, newer.body).toBe(200);
    expect(await terminalView(terminalId)).toMatchObject({
      unsyncedEntries: 3,
      programVersion: '0.9.0',
    });
  });

  it('refuses a register older than the protocol it speaks, naming the version to install, and answers a newer one', async () => {
    const terminalId = await newTerminal('R9');
    const pc = new SimulatedPc('KASSA-PC-R9');
    const withProtocol = (version: string, headers: Record<string, string>) => ({
      ...headers,
      [REGISTER_PROTOCOL_HEADER]: version,
    });
    const install = app.deps.version;
    const tooOld = String(OLDEST_REGISTER_PROTOCOL_VERSION - 1);

    // Connecting with an old register: refused before anything is bound.
    const oldConnect = await app.inject({
      method: 'POST',
      url: '/api/register/connect',
      headers: withProtocol(tooOld, { host }),
      payload: {
        method: 'password',
        username: 'admin',
        password: ADMIN_PASSWORD,
        terminalId,
        ...pc.identity(),
      },
    });
    expect(oldConnect.statusCode).toBe(426);
    const refusal = oldConnect.json<ErrorView>().error;
    expect(refusal.code).toBe('register-too-old');
    expect(refusal.details).toEqual({
      sent: OLDEST_REGISTER_PROTOCOL_VERSION - 1,
      oldest: OLDEST_REGISTER_PROTOCOL_VERSION,
      current: REGISTER_PROTOCOL_VERSION,
      install,
    });
    expect(refusal.sv).toContain(`Installera Kassa ${install}`);
    expect(refusal.en).toContain(`Install Kassa ${install}`);
    expect((await terminalView(terminalId)).binding).toBeNull();

    // The current version connects; its signed heartbeat is refused once it claims an old one.
    pc.bindingId = (await connectWithPassword(pc, terminalId)).json<{
      bindingId: string;
    }>().bindingId;
    const body = JSON.stringify({ programVersion: '0.0.1', unsyncedEntries: 0 });
    const heartbeat = (version: string) =>
      app.inject({
        method: 'POST',
        url: '/api/register/heartbeat',
        headers: withProtocol(version, {
          host,
          'content-type': 'application/json',
          ...pc.sign('POST', '/api/register/heartbeat', body, clock.now().getTime()),
        }),
        payload: body,
      });
    const old = await heartbeat(tooOld);
    expect(old.statusCode).toBe(426);
    expect(codeOf(old.body)).toBe('register-too-old');
    const unreadable = await heartbeat('ett');
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.json<ErrorView>().error).toMatchObject({
      code: 'register-protocol-invalid',
      details: { sent: 'ett', install },
    });
    expect((await heartbeat(String(REGISTER_PROTOCOL_VERSION))).statusCode).toBe(200);
    // A newer register (updated before the server) is still answered.
    expect((await heartbeat(String(REGISTER_PROTOCOL_VERSION + 1))).statusCode).toBe(200);

    // The journal upload too, and the header is not needed outside /api/register/.
    const upload = await app.inject({
      method: 'POST',
      url: '/api/register/journal',
      headers: withProtocol(tooOld, { host, 'content-type': 'application/json' }),
      payload: '{"entries":[]}',
    });
    expect(codeOf(upload.body)).toBe('register-too-old');
    const health = await app.inject({
      url: '/api/health',
      headers: withProtocol(tooOld, { host }),
    });
    expect(health.statusCode).toBe(200);
  });

  it('lets the same PC rebind (old key revoked), and an admin release a binding so another PC can connect', async () => {
    const terminalId = await newTerminal('R3');
    const pc1 = new SimulatedPc('GAMLA-PC');
    pc1.bindingId = (await connectWithPassword(pc1, terminalId)).json<{
      bindingId: string;
    }>().bindingId;
    await pc1.request(app, host, 'POST', '/api/register/heartbeat', {
      programVersion: '0.1.0',
      unsyncedEntries: 42,
    });

    clock.advance(60_000);
    // Reinstalled on the same hardware: new key, same fingerprint.
    const reinstalled = new SimulatedPc('GAMLA-PC', pc1.fingerprint);
    const again = await connectWithPassword(reinstalled, terminalId);
    expect(again.statusCode).toBe(200);
    reinstalled.bindingId = again.json<{ bindingId: string }>().bindingId;
    expect(codeOf((await pc1.request(app, host, 'GET', '/api/register/me')).body)).toBe(
      'binding-removed',
    );
    expect((await reinstalled.request(app, host, 'GET', '/api/register/me')).statusCode).toBe(200);
    const sameHardware = await app.inject({
      url: `/api/terminals/${terminalId}`,
      headers: as(admin),
    });
    expect(sameHardware.json()).toMatchObject({ terminal: { movedToNewPc: null } });

    const mismatch = await app.inject({
      method: 'POST',
      url: `/api/terminals/${terminalId}/binding/remove`,
      headers: as(admin),
      payload: { confirmation: 'R4', reason: 'Hårddisken kraschade' },
    });
    expect(codeOf(mismatch.body)).toBe('binding-confirmation-mismatch');
    const noReason = await app.inject({
      method: 'POST',
      url: `/api/terminals/${terminalId}/binding/remove`,
      headers: as(admin),
      payload: { confirmation: 'R3', reason: '' },
    });
    expect(codeOf(noReason.body)).toBe('binding-confirmation-mismatch');
    clock.advance(60_000);
    const removed = await app.inject({
      method: 'POST',
      url: `/api/terminals/${terminalId}/binding/remove`,
      headers: as(admin),
      payload: { confirmation: 'r3', reason: 'Hårddisken kraschade' },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ terminal: { binding: null } });
    const gone = await reinstalled.request(app, host, 'GET', '/api/register/me');
    expect(gone.statusCode).toBe(401);
    expect(gone.json<ErrorView>().error.sv).toContain(
      'Kopplingen mellan den här datorn och terminalen har tagits bort',
    );
    const twice = await app.inject({
      method: 'POST',
      url: `/api/terminals/${terminalId}/binding/remove`,
      headers: as(admin),
      payload: { confirmation: 'R3', reason: 'igen' },
    });
    expect(codeOf(twice.body)).toBe('terminal-not-bound');

    const audit = await app.inject({ url: '/api/audit-log', headers: as(admin) });
    const entry = audit
      .json<{
        entries: {
          action: string;
          targetId: string;
          details: Record<string, unknown>;
          actor: string;
        }[];
      }>()
      .entries.find((e) => e.action === 'terminal.binding-removed' && e.targetId === terminalId);
    expect(entry).toMatchObject({
      actor: 'admin',
      details: { pcName: 'GAMLA-PC', unsyncedEntries: 42, reason: 'Hårddisken kraschade' },
    });

    clock.advance(60_000);
    const pc2 = new SimulatedPc('NYA-PC');
    expect((await connectWithPassword(pc2, terminalId)).statusCode).toBe(200);
    // Moved to another PC: the backoffice shows the sticker/control-unit checklist.
    const moved = await app.inject({ url: `/api/terminals/${terminalId}`, headers: as(admin) });
    expect(moved.json()).toMatchObject({
      terminal: { movedToNewPc: { fromPcName: 'GAMLA-PC' }, binding: { pcName: 'NYA-PC' } },
    });
    // Confirming the registration after the move completes the checklist.
    clock.advance(60_000);
    const confirmed = await app.inject({
      method: 'PUT',
      url: `/api/terminals/${terminalId}/registration`,
      headers: as(admin),
      payload: { controlUnitSerial: 'CCU-NY-1', status: 'registered', registeredOn: '2026-11-25' },
    });
    expect(confirmed.json()).toMatchObject({ terminal: { movedToNewPc: null } });
  });

  it('says clearly when no installer has been built, and otherwise serves a zip with a single-use pairing code', async () => {
    const terminalId = await newTerminal('R4');
    const notBuilt = await app.inject({
      method: 'POST',
      url: `/api/terminals/${terminalId}/installer`,
      headers: as(admin),
    });
    expect(notBuilt.statusCode).toBe(503);
    expect(notBuilt.json<ErrorView>().error.sv).toContain('npm run build:register');
    expect(
      (
        await app.inject({ url: `/api/terminals/${terminalId}/pairing-code`, headers: as(admin) })
      ).json(),
    ).toEqual({ code: null });

    mkdirSync(path.join(distDir, 'kassa-bundle'), { recursive: true });
    writeFileSync(path.join(distDir, 'kassa-bundle', 'kassa.cjs'), 'console.log("kassa")\n');
    writeFileSync(path.join(distDir, 'kassa'), '#!/bin/sh\necho kassa\n');
    const download = async () => {
      const r = await app.inject({
        method: 'POST',
        url: `/api/terminals/${terminalId}/installer?platform=linux`,
        headers: as(admin),
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(r.rawPayload));
      const provisioning = JSON.parse(
        strFromU8(files['kassa-provisioning.json'] ?? new Uint8Array()),
      ) as {
        pairingCode: string;
        registerId: string;
        url: string;
        environment: string;
      };
      expect(provisioning).toMatchObject({
        registerId: 'R4',
        url: `http://${host}`,
        environment: slug,
      });
      expect(provisioning.pairingCode).toBe(r.headers['x-kassa-pairing-code']);
      expect(Object.keys(files).sort()).toEqual([
        'LASMIG.txt',
        'kassa',
        'kassa-bundle/kassa.cjs',
        'kassa-provisioning.json',
      ]);
      expect(strFromU8(files['LASMIG.txt'] ?? new Uint8Array())).toContain(
        provisioning.pairingCode,
      );
      return provisioning.pairingCode;
    };
    const first = await download();
    const second = await download();
    expect(second).not.toBe(first);
    const status = await app.inject({
      url: `/api/terminals/${terminalId}/pairing-code`,
      headers: as(admin),
    });
    expect(status.json<{ code: { expiresAt: string } }>().code.expiresAt).toBeTruthy();

    const pc = new SimulatedPc('KOD-PC');
    const older = await connect({ method: 'pairing-code', code: first, ...pc.identity() });
    expect(older.statusCode).toBe(410);
    expect(codeOf(older.body)).toBe('pairing-code-expired');
    const invalid = await connect({
      method: 'pairing-code',
      code: 'AAAA-BBBB-CCCC',
      ...pc.identity(),
    });
    expect(codeOf(invalid.body)).toBe('pairing-code-invalid');
    const ok = await connect({
      method: 'pairing-code',
      code: ` ${second.toLowerCase().replaceAll('-', ' ')} `,
      ...pc.identity(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ terminal: { registerId: 'R4' } });
    const reused = await connect({
      method: 'pairing-code',
      code: second,
      ...new SimulatedPc('ANNAN').identity(),
    });
    expect(codeOf(reused.body)).toBe('pairing-code-used');

    // A code older than 24 hours has expired.
    await app.inject({
      method: 'POST',
      url: `/api/terminals/${terminalId}/binding/remove`,
      headers: as(admin),
      payload: { confirmation: 'R4', reason: 'Test av utgång' },
    });
    const late = await download();
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const expired = await connect({ method: 'pairing-code', code: late, ...pc.identity() });
    expect(codeOf(expired.body)).toBe('pairing-code-expired');
    admin = await signInAs(app, host, 'admin');
  });

  it('syncs who may sign in at the register, refuses deactivated terminals, an over-full licence and bad keys', async () => {
    const terminalId = await newTerminal('R5');
    const pc = new SimulatedPc('KASSA-R5');
    pc.bindingId = (await connectWithPassword(pc, terminalId)).json<{
      bindingId: string;
    }>().bindingId;
    const here = await createUserAs(app, admin, 'lisa-r5', 'cashier');
    await createUserAs(app, admin, 'olle-annan', 'cashier');
    await app.inject({
      method: 'PUT',
      url: `/api/users/${here}/pin`,
      headers: as(admin),
      payload: { pin: '2468' },
    });
    await app.inject({
      method: 'PUT',
      url: `/api/users/${here}/terminals`,
      headers: as(admin),
      payload: { terminalIds: [terminalId] },
    });
    await app.inject({
      method: 'PUT',
      url: `/api/users/${admin.userId}/pin`,
      headers: as(admin),
      payload: { pin: '1357' },
    });
    const me = await pc.request(
      app,
      host,
      'GET',
      '/api/register/me',
      undefined,
      clock.now().getTime(),
    );
    const body = me.json<{
      cashiers: { username: string; pinHash: string; role: string }[];
      otherUsernames: string[];
    }>();
    expect(body.cashiers.map((c) => c.username)).toEqual(['admin', 'lisa-r5']);
    expect(body.cashiers[1]?.pinHash).toMatch(/^scrypt\$/);
    expect(body.otherUsernames).toContain('olle-annan');
    expect(body.otherUsernames).not.toContain('lisa-r5');

    const off = await app.inject({
      method: 'PATCH',
      url: `/api/terminals/${terminalId}`,
      headers: as(admin),
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const deactivated = await pc.request(
      app,
      host,
      'GET',
      '/api/register/me',
      undefined,
      clock.now().getTime(),
    );
    expect(codeOf(deactivated.body)).toBe('terminal-deactivated');
    const connectDeactivated = await connectWithPassword(new SimulatedPc('X'), terminalId);
    expect(codeOf(connectDeactivated.body)).toBe('terminal-deactivated');

    // The operator lowers the licence below the active terminals: connecting is refused.
    await setLicence(tdb.database.db, slug, { terminals: 1 }, clock.now());
    const other = await newTerminal('R6').catch((e: Error) => e.message);
    expect(other).toContain('licence-full');
    const listed = await app.inject({ url: '/api/terminals', headers: as(admin) });
    const active = listed
      .json<{ terminals: { id: string; active: boolean }[] }>()
      .terminals.find((t) => t.active);
    const full = await connectWithPassword(new SimulatedPc('Y'), active?.id ?? '');
    expect(codeOf(full.body)).toBe('licence-full');

    const badKey = await connect({
      method: 'password',
      username: 'admin',
      password: ADMIN_PASSWORD,
      terminalId,
      ...new SimulatedPc('Z').identity(),
      publicKey: Buffer.alloc(44).toString('base64'),
    });
    expect(badKey.statusCode).toBe(400);
    expect(codeOf(badKey.body)).toBe('validation-failed');
  });
});
