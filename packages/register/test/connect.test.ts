/**
 * `kassa connect` against the real server: every failure the till can meet has its own message,
 * and the happy paths (password, pairing code, provisioning file, same PC reinstalled) work.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLicence } from '@kassa/server';
import { ERROR_MESSAGES, REGISTER_ERROR_MESSAGES, type RegisterFile } from '@kassa/contracts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  startKassaServer,
  type KassaServer,
} from './support/kassa-server.js';
import { kassa, newPc, reinstalled, scriptedPrompter, type Pc } from './support/register-cli.js';

let server: KassaServer;

beforeAll(async () => {
  server = await startKassaServer();
});

afterAll(async () => {
  await server?.close();
});

function withPassword(terminal: string, user = 'admin', password = ADMIN_PASSWORD): string[] {
  return [
    'connect',
    '--url',
    server.url,
    '--user',
    user,
    '--password',
    password,
    '--terminal',
    terminal,
  ];
}

async function readRegister(pc: Pc): Promise<RegisterFile> {
  return JSON.parse(await readFile(path.join(pc.home, 'register.json'), 'utf8')) as RegisterFile;
}

/** The first sentence of a catalogue message (the part without {placeholders}). */
function start(text: string): string {
  return text.split(/[.{]/)[0] ?? text;
}

describe('kassa connect: the address', () => {
  it('refuses garbage with address-invalid', async () => {
    const pc = await newPc();
    const run = await kassa(pc, [
      'connect',
      '--url',
      'kafe kassa se',
      '--user',
      'a',
      '--password',
      'b',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Adressen "kafe kassa se" är inte en giltig adress');
    expect(run.stderr).toContain('https://dittforetag.kassa.se');
  });

  it('refuses http:// except for localhost with address-insecure', async () => {
    const pc = await newPc();
    const run = await kassa(pc, [
      'connect',
      '--url',
      'http://kafe.kassa.se',
      '--user',
      'a',
      '--password',
      'b',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(REGISTER_ERROR_MESSAGES['address-insecure'].sv);
  });

  it('says when the server cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const pc = await newPc();
    const run = await kassa(pc, [
      'connect',
      '--url',
      `http://127.0.0.1:${port}`,
      '--user',
      'a',
      '--password',
      'b',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `Servern 127.0.0.1:${port} går inte att nå (anslutningen nekades [ECONNREFUSED])`,
    );
  });

  it('says when the address answers but is not a Kassa server', async () => {
    const other: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<h1>Välkommen till routern</h1>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    try {
      const pc = await newPc();
      const run = await kassa(pc, [
        'connect',
        '--url',
        `http://localhost:${port}`,
        '--user',
        'a',
        '--password',
        'b',
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`localhost:${port} svarar, men det är ingen Kassa-server`);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('asks for what is missing when nobody can be asked (no TTY)', async () => {
    const pc = await newPc();
    const run = await kassa(pc, ['connect', '--url', server.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Uppgifter saknas: --user, --password');
  });
});

describe('kassa connect: the server refuses', () => {
  let terminalId: string;

  beforeAll(async () => {
    terminalId = await server.admin.createTerminal('R1', 'Refusals');
    await server.admin.createUser('maja', 'manager');
  });

  it("shows wrong credentials in the server's words", async () => {
    const run = await kassa(await newPc(), withPassword('R1', 'admin', 'fel-losenord-123'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(ERROR_MESSAGES['invalid-credentials'].sv);
  });

  it('refuses a user who is not an administrator', async () => {
    const run = await kassa(await newPc(), withPassword('R1', 'maja', USER_PASSWORD));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(ERROR_MESSAGES['connect-requires-admin'].sv);
  });

  it('names the terminals that can be chosen when --terminal is wrong or missing', async () => {
    const wrong = await kassa(await newPc(), withPassword('NOPE'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Terminalen "NOPE" finns inte i miljön');
    expect(wrong.stderr).toContain('R1 (Refusals)');
    const missing = await kassa(await newPc(), [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Välj vilken terminal datorn ska bli med --terminal');
    expect(missing.stderr).toContain('R1 (Refusals)');
  });

  it('refuses a deactivated terminal', async () => {
    const id = await server.admin.createTerminal('R2', 'Inaktiv');
    await server.admin.setActive(id, false);
    const run = await kassa(await newPc(), withPassword('R2'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(ERROR_MESSAGES['terminal-deactivated'].sv);
  });

  it('refuses a terminal bound to another PC, naming that PC and since when', async () => {
    const first = await newPc('KASSA-FRAMME');
    expect((await kassa(first, withPassword('R1'))).code).toBe(0);
    const second = await newPc('KASSA-BAKOM');
    const run = await kassa(second, withPassword('R1'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /Terminalen är redan kopplad till datorn KASSA-FRAMME \(sedan \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)/,
    );
    expect(run.stderr).toContain('Ta bort koppling mot hårdvara');
    expect(existsSync(path.join(second.home, 'register.json'))).toBe(false);
    expect((await server.admin.terminal(terminalId)).binding?.pcName).toBe('KASSA-FRAMME');
  });

  it('refuses when the licence is full', async () => {
    const id = await server.admin.createTerminal('R3', 'Över licensen');
    await setLicence(server.database.db, 'kafe', { terminals: 1 }, new Date());
    try {
      const run = await kassa(await newPc(), withPassword('R3'));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/Licensen räcker inte: 1 terminaler ingår och \d+ är aktiva/);
    } finally {
      await setLicence(server.database.db, 'kafe', { terminals: 100 }, new Date());
    }
    expect((await server.admin.terminal(id)).binding).toBeNull();
  });
});

describe('kassa connect: binding this PC', () => {
  it('connects with admin credentials, stores the key privately and fetches the cashiers', async () => {
    const terminalId = await server.admin.createTerminal('K1', 'Kassa 1');
    await server.admin.createUser('kalle', 'cashier', { pin: '4711', terminalIds: [terminalId] });
    const pc = await newPc('KASSA-PC-1');
    const run = await kassa(pc, withPassword('k1'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Ansluten! Den här datorn (KASSA-PC-1) är nu terminal K1 – Kassa 1 (Kaféet Storgatan) i Kaféet Exempel AB.',
    );

    const register = await readRegister(pc);
    expect(register).toMatchObject({
      formatVersion: 1,
      url: server.url,
      environment: { slug: 'kafe', companyName: 'Kaféet Exempel AB' },
      terminal: { id: terminalId, registerId: 'K1', name: 'Kassa 1' },
      pcName: 'KASSA-PC-1',
    });
    expect(register.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const key = await stat(path.join(pc.home, 'device-key.pem'));
    expect(key.mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(pc.home, 'device-key.pem'), 'utf8')).toMatch(
      /^-----BEGIN PRIVATE KEY-----/,
    );
    const cashiers = JSON.parse(await readFile(path.join(pc.home, 'cashiers.json'), 'utf8')) as {
      cashiers: { username: string }[];
    };
    expect(cashiers.cashiers.map((c) => c.username)).toEqual(['kalle']);

    const seen = await server.admin.terminal(terminalId);
    expect(seen.binding).toMatchObject({
      pcName: 'KASSA-PC-1',
      fingerprintShort: register.fingerprint.slice(0, 12),
    });
    expect(seen.lastContactAt).not.toBeNull();
    expect(seen.unsyncedEntries).toBe(0);
  });

  it('asks interactively: address, username, hidden password, then the terminal', async () => {
    await server.admin.createTerminal('I1', 'Interaktiv');
    const other = await server.admin.createTerminal('I2', 'Upptagen');
    await server.admin.createTerminal('I3', 'Ledig');
    expect((await kassa(await newPc('ANNAN-PC'), withPassword('I2'))).code).toBe(0);
    expect((await server.admin.terminal(other)).binding?.pcName).toBe('ANNAN-PC');

    const prompter = scriptedPrompter([server.url, 'admin', ADMIN_PASSWORD, 'I2', 'I3']);
    const pc = await newPc('INTERAKTIV-PC');
    const run = await kassa(pc, ['connect'], { prompter });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(prompter.asked).toEqual([
      'Adress (t.ex. https://dittforetag.kassa.se): ',
      'Användarnamn: ',
      'Lösenord: ',
      'Välj terminal (nummer eller kassabeteckning): ',
      'Välj terminal (nummer eller kassabeteckning): ',
    ]);
    const listing = prompter.shown.join('\n');
    expect(listing).toMatch(
      /I1 – Interaktiv \(Kaféet Storgatan\): inte ansluten till någon hårdvara/,
    );
    expect(listing).toMatch(
      / - I2 – Upptagen \(Kaféet Storgatan\): kopplad till datorn ANNAN-PC sedan \d{4}-\d\d-\d\d \d\d:\d\d – kan inte väljas/,
    );
    expect(listing).toContain('Terminalen I2 kan inte väljas');
    expect((await readRegister(pc)).terminal.registerId).toBe('I3');
  });

  it('lets the same PC reinstalled rebind with admin credentials: new key, old one revoked', async () => {
    await server.admin.createTerminal('S1', 'Samma PC');
    const pc = await newPc('SAMMA-PC');
    expect((await kassa(pc, withPassword('S1'))).code).toBe(0);
    const before = await readRegister(pc);

    const again = await reinstalled(pc);
    const run = await kassa(again, withPassword('S1'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = await readRegister(again);
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.bindingId).not.toBe(before.bindingId);

    const old = await kassa(pc, ['status', '--json']);
    expect(JSON.parse(old.stdout)).toMatchObject({
      connected: true,
      online: true,
      binding: 'removed',
      problem: { code: 'binding-removed' },
    });
    const fresh = await kassa(again, ['status', '--json']);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ binding: 'ok', online: true, problem: null });
  });

  it('reuses the data folder of the same terminal and keeps the journal', async () => {
    await server.admin.createTerminal('S2', 'Återanvänd');
    const pc = await newPc('AATER-PC');
    expect((await kassa(pc, withPassword('S2'))).code).toBe(0);
    await writeFile(path.join(pc.home, 'journal.sqlite'), 'journal-bytes');
    const run = await kassa(pc, withPassword('S2'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Datamappen från den tidigare installationen återanvänds; journalen finns kvar.',
    );
    expect(await readFile(path.join(pc.home, 'journal.sqlite'), 'utf8')).toBe('journal-bytes');
  });
});

describe('kassa connect: an earlier data folder', () => {
  it("stops for another terminal's folder and archives it only when told, never deleting", async () => {
    await server.admin.createTerminal('A1', 'Gammal');
    await server.admin.createTerminal('A2', 'Ny');
    const pc = await newPc('ARKIV-PC');
    expect((await kassa(pc, withPassword('A1'))).code).toBe(0);
    const old = await readRegister(pc);
    await server.admin.removeBinding(old.terminal.id, 'A1');

    const refused = await kassa(pc, withPassword('A2'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Datamappen ${pc.home} tillhör en tidigare installation (miljö ${server.url}, terminal A1)`,
    );
    expect(refused.stderr).toContain('--archive-existing');
    expect((await readRegister(pc)).terminal.registerId).toBe('A1');

    // A journal that cannot be read yet blocks archiving unless forced with a reason.
    await writeFile(path.join(pc.home, 'journal.sqlite'), 'not uploaded');
    const blocked = await kassa(pc, [...withPassword('A2'), '--archive-existing']);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('innehåller en journal (journal.sqlite) som inte kunde läsas');
    const noReason = await kassa(pc, [...withPassword('A2'), '--archive-existing', '--force']);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('--force kräver ett skäl');

    const forced = await kassa(pc, [
      ...withPassword('A2'),
      '--archive-existing',
      '--force',
      '--reason',
      'Gamla kassan är skrotad',
    ]);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    const parent = path.dirname(pc.home);
    const archived = (await readdir(parent)).filter((n) => /^kassa-arkiv-\d{8}-\d{6}$/.test(n));
    expect(archived).toHaveLength(1);
    const archive = path.join(parent, archived[0] ?? '');
    expect(forced.stdout).toContain(`Den tidigare datamappen flyttades till ${archive}`);
    expect(await readFile(path.join(archive, 'journal.sqlite'), 'utf8')).toBe('not uploaded');
    const note = await readFile(path.join(archive, 'ARKIVERAD.txt'), 'utf8');
    expect(note).toContain('Skäl / reason: Gamla kassan är skrotad');
    expect(note).toContain('terminal A1');
    expect((await readRegister(pc)).terminal.registerId).toBe('A2');
  });

  it('archives a folder without un-uploaded entries with --archive-existing alone', async () => {
    await server.admin.createTerminal('A3', 'Tredje');
    const pc = await newPc('OKAND-PC');
    await mkdir(pc.home, { recursive: true });
    await writeFile(path.join(pc.home, 'gammal-fil.txt'), 'från Alpacha');
    const refused = await kassa(pc, withPassword('A3'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Mappen ${pc.home} finns redan men innehåller ingen känd Kassa-installation`,
    );
    const run = await kassa(pc, [...withPassword('A3'), '--archive-existing']);
    expect(run.code).toBe(0);
    const parent = path.dirname(pc.home);
    const archived = (await readdir(parent)).find((n) => n.startsWith('kassa-arkiv-')) ?? '';
    expect(await readFile(path.join(parent, archived, 'gammal-fil.txt'), 'utf8')).toBe(
      'från Alpacha',
    );
    expect(await readFile(path.join(parent, archived, 'ARKIVERAD.txt'), 'utf8')).toContain(
      'Tvingad / forced: nej / no',
    );
  });
});

describe('kassa connect: pairing code', () => {
  it('connects with kassa-provisioning.json beside the program, without any password', async () => {
    const terminalId = await server.admin.createTerminal('P1', 'Parkoppling');
    const code = await server.admin.pairingCode(terminalId);
    const pc = await newPc('PAR-PC');
    const folder = path.join(path.dirname(pc.home), 'nedladdning');
    await mkdir(folder);
    await writeFile(
      path.join(folder, 'kassa-provisioning.json'),
      JSON.stringify({
        url: server.url,
        environment: 'kafe',
        terminalId,
        registerId: 'P1',
        pairingCode: code,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    );
    const run = await kassa(pc, ['connect'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Använder parkopplingskoden från ${path.join(folder, 'kassa-provisioning.json')}`,
    );
    expect((await readRegister(pc)).terminal.id).toBe(terminalId);

    // Running it again does not fail on the used code: it says the register is connected.
    const again = await kassa(pc, ['connect'], { cwd: folder });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Kassan är redan ansluten: terminal P1');

    // The same code on another PC: used.
    const other = await kassa(await newPc(), ['connect', '--url', server.url, '--code', code]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(ERROR_MESSAGES['pairing-code-used'].sv);
  });

  it('refuses an unknown code and one replaced by a newer download', async () => {
    const terminalId = await server.admin.createTerminal('P2', 'Ersatt kod');
    const unknown = await kassa(await newPc(), [
      'connect',
      '--url',
      server.url,
      '--code',
      'AAAA-BBBB-CCCC',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(ERROR_MESSAGES['pairing-code-invalid'].sv);

    const older = await server.admin.pairingCode(terminalId);
    await server.admin.pairingCode(terminalId);
    const replaced = await kassa(await newPc(), ['connect', '--url', server.url, '--code', older]);
    expect(replaced.code).toBe(1);
    expect(replaced.stderr).toContain(start(ERROR_MESSAGES['pairing-code-expired'].sv));
  });

  it('refuses a code older than 24 hours', async () => {
    const terminalId = await server.admin.createTerminal('P3', 'Gammal kod');
    const code = await server.admin.pairingCode(terminalId);
    server.clock.offsetMs = 25 * 3600_000;
    try {
      const run = await kassa(await newPc(), ['connect', '--url', server.url, '--code', code]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(ERROR_MESSAGES['pairing-code-expired'].sv);
    } finally {
      server.clock.offsetMs = 0;
    }
  });
});
