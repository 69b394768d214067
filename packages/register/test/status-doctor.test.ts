/** `kassa status` and `kassa doctor` against the real server, connected or not, online or not. */
import { createServer } from 'node:net';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '@kassa/contracts';
import { PROGRAM_VERSION, type StatusReport } from '../src/index.js';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { kassa, newPc, type Pc } from './support/register-cli.js';

let server: KassaServer;
let posWeb: string;

beforeAll(async () => {
  server = await startKassaServer();
  posWeb = await mkdtemp(path.join(os.tmpdir(), 'kassa-posweb-'));
  await writeFile(path.join(posWeb, 'index.html'), '<!doctype html><title>Kassa</title>');
});

afterAll(async () => {
  await server?.close();
});

async function connected(registerId: string, name: string): Promise<Pc> {
  await server.admin.createTerminal(registerId, `Terminal ${registerId}`);
  const pc = await newPc(name);
  pc.env.KASSA_POS_WEB_DIR = posWeb;
  const run = await kassa(pc, [
    'connect',
    '--url',
    server.url,
    '--user',
    'admin',
    '--password',
    ADMIN_PASSWORD,
    '--terminal',
    registerId,
  ]);
  expect(run.code).toBe(0);
  return pc;
}

function line(output: string, check: string): string {
  return output.split('\n').find((l) => l.slice(4).startsWith(`${check}:`)) ?? `(no line ${check})`;
}

describe('kassa status', () => {
  it('works when not connected and says how to connect', async () => {
    const pc = await newPc();
    const run = await kassa(pc, ['status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Kassa ${PROGRAM_VERSION}`);
    expect(run.stdout).toContain(`Datamapp:        ${pc.home}`);
    expect(run.stdout).toContain('Status:          Inte ansluten');
    expect(run.stdout).toContain('kassa connect --code');
    const json = JSON.parse((await kassa(pc, ['status', '--json'])).stdout) as StatusReport;
    expect(json).toMatchObject({
      connected: false,
      dataFolder: pc.home,
      programVersion: PROGRAM_VERSION,
    });
  });

  it('shows environment, terminal, binding, fingerprint and last contact', async () => {
    const pc = await connected('ST1', 'STATUS-PC');
    const run = await kassa(pc, ['status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Miljö:           Kaféet Exempel AB (kafe) – ${server.url}`);
    expect(run.stdout).toContain('Terminal:        ST1 – Terminal ST1, Kaféet Storgatan');
    expect(run.stdout).toContain('Koppling:        giltig (kontrollerad nu)');
    expect(run.stdout).toMatch(/Fingeravtryck: {3}[0-9a-f]{12} \(den här datorn\)/);
    expect(run.stdout).toContain('Datornamn:       STATUS-PC');
    expect(run.stdout).toMatch(/Senaste kontakt: \d{4}-\d\d-\d\d \d\d:\d\d/);

    const json = JSON.parse((await kassa(pc, ['status', '--json'])).stdout) as StatusReport;
    expect(json).toMatchObject({
      connected: true,
      online: true,
      binding: 'ok',
      environment: { slug: 'kafe', url: server.url },
      terminal: { registerId: 'ST1' },
      fingerprint: { matchesThisPc: true },
    });

    // Copied to another PC (other hardware): the fingerprint says so.
    const moved = { ...pc, env: { ...pc.env, KASSA_HARDWARE_ID: 'en-annan-dator' } };
    expect((await kassa(moved, ['status'])).stdout).toContain('STÄMMER INTE med den här datorn');
  });

  it('refuses a damaged register.json with a way out', async () => {
    const pc = await connected('ST2', 'TRASIG-PC');
    await writeFile(path.join(pc.home, 'register.json'), '{ "formatVersion": 1, "url": ');
    const run = await kassa(pc, ['status']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('i datamappen är skadad');
    expect(run.stdout).toContain('--archive-existing');
  });
});

describe('kassa doctor', () => {
  it('says OK line by line for a healthy register', async () => {
    const pc = await connected('D1', 'FRISK-PC');
    const terminalId = (JSON.parse((await kassa(pc, ['status', '--json'])).stdout) as StatusReport)
      .terminal?.id;
    await server.admin.createUser('frida', 'cashier', {
      pin: '8642',
      terminalIds: [terminalId ?? ''],
    });
    const run = await kassa(pc, ['doctor']);
    expect(run.stdout).toContain('Allt ser bra ut.');
    expect(run.code).toBe(0);
    for (const check of [
      'Datamapp',
      'Anslutning',
      'Adress',
      'Server och TLS',
      'Klocka',
      'Koppling',
      'Kassörer',
      'Nyckelfil',
      'Kassans webbgränssnitt',
    ]) {
      expect(line(run.stdout, check)).toMatch(/^OK /);
    }
    expect(line(run.stdout, 'Kassörer')).toMatch(/^OK {2}Kassörer: 1 kan logga in/);
  });

  it('fails when not connected, with the fix', async () => {
    const pc = await newPc();
    pc.env.KASSA_POS_WEB_DIR = posWeb;
    const run = await kassa(pc, ['doctor']);
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'Anslutning')).toBe('FEL Anslutning: Inte ansluten');
    expect(run.stdout).toContain('Åtgärd: Anslut kassan med kassa connect');
  });

  it('finds a clock that is off, a removed binding and a readable key file', async () => {
    const pc = await connected('D2', 'KLOCK-PC');
    await server.admin.createUser('doris', 'cashier', { pin: '9999', terminalIds: [] });
    server.clock.offsetMs = 10 * 60_000;
    try {
      const run = await kassa(pc, ['doctor']);
      expect(run.code).toBe(1);
      expect(line(run.stdout, 'Klocka')).toMatch(
        /^FEL Klocka: datorns klocka går 6\d\d s efter serverns \(högst 5 minuter tillåts\)/,
      );
      expect(line(run.stdout, 'Koppling')).toBe(
        `FEL Koppling: ${ERROR_MESSAGES['device-signature-invalid'].sv}`,
      );
      expect(line(run.stdout, 'Kassörer')).toBe(
        'FEL Kassörer: ingen får logga in på den här terminalen',
      );
    } finally {
      server.clock.offsetMs = 0;
    }

    const registerJson = JSON.parse((await kassa(pc, ['status', '--json'])).stdout) as StatusReport;
    await server.admin.removeBinding(registerJson.terminal?.id ?? '', 'D2');
    await chmod(path.join(pc.home, 'device-key.pem'), 0o644);
    const run = await kassa(pc, ['doctor']);
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'Koppling')).toBe(
      `FEL Koppling: ${ERROR_MESSAGES['binding-removed'].sv}`,
    );
    expect(line(run.stdout, 'Nyckelfil')).toContain(
      'FEL Nyckelfil: andra användare kan läsa kassans nyckel (644)',
    );
    expect(run.stdout).toContain('chmod 600');
    const json = JSON.parse((await kassa(pc, ['doctor', '--json'])).stdout) as { ok: boolean };
    expect(json.ok).toBe(false);
  });

  it('says when the server cannot be reached', async () => {
    const pc = await connected('D3', 'NATLOS-PC');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const register = path.join(pc.home, 'register.json');
    const text = await readFile(register, 'utf8');
    await writeFile(register, text.replace(server.url, `http://127.0.0.1:${port}`));
    const run = await kassa(pc, ['doctor']);
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'Server och TLS')).toMatch(
      /^FEL Server och TLS: Servern 127\.0\.0\.1:\d+ går inte att nå \(anslutningen nekades \[ECONNREFUSED\]\)/,
    );
    expect(line(run.stdout, 'Klocka')).toBe(' –  Klocka: inte kontrollerat');
  });
});
