/**
 * The installation guide's flow, end to end, with a real server (over real HTTP) and simulated
 * PCs: create a terminal → download the installer → PC 1 connects with admin credentials →
 * PC 2 is refused with PC 1's name → the admin removes the binding → PC 1 is refused → PC 2
 * connects with the pairing code from the download → an assigned cashier signs in at the
 * register, an unassigned one is refused; and the guide's failure cases: a terminal beyond the
 * licence, a non-local http:// address, a wrong password, a stale data folder.
 */
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLicence } from '@kassa/server';
import { buildLocalService } from '../src/index.js';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  startKassaServer,
  type KassaServer,
} from './support/kassa-server.js';
import { kassa, newPc } from './support/register-cli.js';

let server: KassaServer;

beforeAll(async () => {
  server = await startKassaServer({ slug: 'seedkafe', licensedTerminals: 2 });
});
afterAll(async () => {
  await server?.close();
});

/** Signs in to the backoffice over real HTTP, as a browser would. */
async function browserSession(): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

describe('the installation guide, end to end', () => {
  it('walks the whole flow with two PCs, a pairing code and cashiers', async () => {
    // Backoffice: create the terminal. Unbound, it says exactly what the guide says to look for.
    const terminalId = await server.admin.createTerminal('KASSA1', 'Kassa 1');
    expect((await server.admin.terminal(terminalId)).binding).toBeNull();

    // "Ladda ner installationsprogram", Linux: a zip with the program and a provisioning file
    // (the Windows installer and its tag are tested in windows-installer.test.ts).
    const session = await browserSession();
    const download = await fetch(
      `${server.url}/api/terminals/${terminalId}/installer?platform=linux`,
      {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      },
    );
    expect(download.status).toBe(200);
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    const provisioningText = strFromU8(files['kassa-provisioning.json'] ?? new Uint8Array());
    const provisioning = JSON.parse(provisioningText) as { url: string; pairingCode: string };
    expect(provisioning.url).toBe(server.url);
    expect(provisioning.pairingCode).toBe(download.headers.get('x-kassa-pairing-code'));
    const downloadFolder = await mkdtemp(path.join(os.tmpdir(), 'kassa-download-'));
    await writeFile(path.join(downloadFolder, 'kassa-provisioning.json'), provisioningText);

    // PC 1 connects with an administrator's credentials.
    const pc1 = await newPc('KASSA-PC-1');
    const connect1 = await kassa(pc1, [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      'KASSA1',
    ]);
    expect(connect1.code, connect1.output).toBe(0);
    expect((await server.admin.terminal(terminalId)).binding?.pcName).toBe('KASSA-PC-1');

    // PC 2 is refused, naming PC 1 and how to release it.
    const pc2 = await newPc('KASSA-PC-2');
    const refused = await kassa(pc2, [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      'KASSA1',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Terminalen är redan kopplad till datorn KASSA-PC-1');
    expect(refused.stderr).toContain('Ta bort koppling mot hårdvara');

    // The admin removes the binding ("hårddiskkrasch"); PC 1 is refused from its next request.
    await server.admin.removeBinding(terminalId, 'KASSA1');
    const doctor1 = await kassa(pc1, ['doctor']);
    expect(doctor1.code).not.toBe(0);
    expect(doctor1.output).toContain(
      'Kopplingen mellan den här datorn och terminalen har tagits bort',
    );

    // PC 2 connects with the pairing code from the download: no admin password typed on the till.
    const connect2 = await kassa(pc2, ['connect'], { cwd: downloadFolder });
    expect(connect2.code, connect2.output).toBe(0);
    const bound = await server.admin.terminal(terminalId);
    expect(bound.binding?.pcName).toBe('KASSA-PC-2');
    const reuse = await kassa(await newPc('KASSA-PC-3'), ['connect'], { cwd: downloadFolder });
    expect(reuse.code).toBe(1);
    expect(reuse.stderr).toContain('Parkopplingskoden är redan använd');

    // Cashiers: one assigned to this terminal, one not.
    const lisa = await server.admin.call<{ user: { id: string } }>('POST', '/api/users', {
      username: 'lisa',
      displayName: 'Lisa Kassör',
      role: 'cashier',
      password: USER_PASSWORD,
    });
    const olle = await server.admin.call<{ user: { id: string } }>('POST', '/api/users', {
      username: 'olle',
      displayName: 'Olle Annan',
      role: 'cashier',
      password: USER_PASSWORD,
    });
    for (const user of [lisa.body.user.id, olle.body.user.id]) {
      await server.admin.call('PUT', `/api/users/${user}/pin`, { pin: '2580' });
    }
    await server.admin.call('PUT', `/api/users/${lisa.body.user.id}/terminals`, {
      terminalIds: [terminalId],
    });

    const register = await buildLocalService({
      folder: pc2.home,
      env: pc2.env,
      syncIntervalMs: 0,
      posWebDir: null,
      provisioningCandidates: [],
    });
    try {
      await register.kassa.syncNow(); // what `kassa start` does at start and every minute
      const signIn = (username: string, pin: string) =>
        register.inject({
          method: 'POST',
          url: '/local/sign-in',
          headers: { host: '127.0.0.1:8181' },
          payload: { username, pin },
        });
      const ok = await signIn('lisa', '2580');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        signedIn: { username: 'lisa', displayName: 'Lisa Kassör' },
      });
      const denied = await signIn('olle', '2580');
      expect(denied.statusCode).toBe(403);
      expect(denied.body).toContain('Du har inte behörighet att logga in på den här kassan');
    } finally {
      await register.close();
    }
  });

  it('refuses a terminal beyond the licence, a non-local http address and a wrong password', async () => {
    await server.admin.createTerminal('KASSA2', 'Kassa 2');
    const third = await server.admin.call<{ error: { sv: string } }>(
      'POST',
      '/api/terminals',
      { name: 'Kassa 3', placeOfBusinessId: await server.admin.placeId(), registerId: 'KASSA3' },
      [409],
    );
    expect(third.body.error.sv).toContain(
      'Licensen räcker inte: 2 terminaler ingår och 2 är aktiva',
    );
    await setLicence(server.database.db, server.slug, { terminals: 1 }, new Date());
    try {
      const full = await kassa(await newPc(), [
        'connect',
        '--url',
        server.url,
        '--user',
        'admin',
        '--password',
        ADMIN_PASSWORD,
        '--terminal',
        'KASSA2',
      ]);
      expect(full.code).toBe(1);
      expect(full.stderr).toContain('Licensen räcker inte');
    } finally {
      await setLicence(server.database.db, server.slug, { terminals: 2 }, new Date());
    }

    const insecure = await kassa(await newPc(), [
      'connect',
      '--url',
      'http://kafe.kassa.se',
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      'KASSA2',
    ]);
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toContain('https://');

    const wrong = await kassa(await newPc(), [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      'fel-losenord-1',
      '--terminal',
      'KASSA2',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Fel användarnamn eller lösenord');
  });

  it('detects a stale data folder from an earlier installation and archives it with nothing lost', async () => {
    const pc = await newPc('GAMMAL-PC');
    await mkdir(pc.home, { recursive: true });
    await writeFile(
      path.join(pc.home, 'register.json'),
      JSON.stringify({
        formatVersion: 1,
        url: 'https://annan.kassa.se',
        environment: { slug: 'annan', companyName: 'Annan AB' },
        terminal: {
          id: '00000000-0000-4000-8000-000000000001',
          name: 'Gammal',
          registerId: 'GAMMAL',
          serialNumber: 'KS000',
        },
        bindingId: '00000000-0000-4000-8000-000000000002',
        fingerprint: 'ab',
        pcName: 'GAMMAL-PC',
        connectedAt: '2025-01-01T00:00:00Z',
      }),
    );
    await writeFile(path.join(pc.home, 'anteckningar.txt'), 'viktigt');
    const args = [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      'KASSA2',
    ];
    const stopped = await kassa(pc, args);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('--archive-existing');
    const archived = await kassa(pc, [...args, '--archive-existing']);
    expect(archived.code, archived.output).toBe(0);
    const parent = path.dirname(pc.home);
    const archive = (await readdir(parent)).find((n) => n.startsWith('kassa-arkiv-')) ?? '';
    expect(archive).not.toBe('');
    expect(await readFile(path.join(parent, archive, 'anteckningar.txt'), 'utf8')).toBe('viktigt');
    expect(await readFile(path.join(parent, archive, 'register.json'), 'utf8')).toContain(
      'annan.kassa.se',
    );
    const fresh = JSON.parse(await readFile(path.join(pc.home, 'register.json'), 'utf8')) as {
      terminal: { registerId: string };
    };
    expect(fresh.terminal.registerId).toBe('KASSA2');
  });
});
