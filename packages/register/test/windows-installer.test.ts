/**
 * The shipped Windows register under Wine, the way a shop gets it: the built `kassa-setup.exe`
 * carrying a terminal's provisioning (docs/protocols/installer-tag.md) is installed silently
 * (`/S`) into a fresh Windows prefix; `kassa.exe connect` pairs with the real server on loopback
 * using the code the installer left in %ProgramData%\Kassa; `kassa.exe start` sells through the
 * local API (control-unit simulator on a socket, printer to a file), and the journal entry, the
 * ESC/POS bytes and the PDF receipt are read back here. Then the power goes (`wineserver -k`) in
 * the middle of a payment; after a restart the chain verifies and nothing was numbered twice.
 * Uninstall keeps %ProgramData%\Kassa; a reinstall continues the receipt numbers of the same
 * terminal.
 *
 * Built with `npm run build:register`'s script when the installer is missing or older than the
 * sources, so it is never skipped (CI installs Wine from Debian).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JournalEntry, verifyJournal } from '@kassa/core';
import { readInstallerTag, tagInstaller } from '@kassa/contracts';
import { decodeEscPos, escPosText, findFreePort } from '@kassa/test-kit';
import { startControlUnitSimulator, type ControlUnitSimulator } from '../src/index.js';
import { startKassaServer, type KassaServer } from './support/kassa-server.js';
import {
  buildIsStale,
  buildRegister,
  DIST_BIN as BUILT_DIST_BIN,
} from './support/register-build.js';
import { REGISTER_DIR, runProcess } from './support/register-cli.js';
import { readJournalFile } from './support/selling.js';
import { newWinePc, type WinePc, type WineProcess } from './support/wine.js';

// KASSA_REGISTER_DIST: another build's output folder (e.g. a signed build made elsewhere).
const DIST_BIN = process.env.KASSA_REGISTER_DIST ?? BUILT_DIST_BIN;
const SETUP = path.join(DIST_BIN, 'kassa-setup.exe');
const INSTALL_DIR = 'C:\\Program Files\\Kassa';
const KASSA_EXE = `${INSTALL_DIR}\\kassa.exe`;
const DATA_DIR = 'C:\\ProgramData\\Kassa';
const PRINTER = `${DATA_DIR}\\kvittoskrivare.bin`;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function ensureBuilt(): Promise<void> {
  if (process.env.KASSA_REGISTER_DIST && existsSync(SETUP)) return;
  if (await buildIsStale([SETUP])) await buildRegister();
}

function receiptNumbers(entries: JournalEntry[]): number[] {
  return entries
    .filter((e) => e.kind === 'sale')
    .map((e) => (e.data as { receipt: { receiptNumber: number } }).receipt.receiptNumber);
}

let server: KassaServer;
let simulator: ControlUnitSimulator;
let simulatorPort: number;
let pc: WinePc;
let setupFile: string;
let terminalId: string;
let work: string;

beforeAll(async () => {
  await ensureBuilt();
  server = await startKassaServer();
  terminalId = await server.admin.createTerminal('W1', 'Kassa vid fönstret');
  await server.admin.createUser('kalle', 'cashier', { pin: '4711', terminalIds: [terminalId] });
  await server.admin.call(
    'POST',
    '/api/products',
    {
      articleNumber: 'KAFFE',
      name: 'Bryggkaffe',
      barcodes: [],
      priceOre: 3500,
      vatCategory: 'restaurant',
      kind: 'good',
      group: null,
      unit: 'piece',
    },
    [201, 200, 409],
  );
  ({ simulator, port: simulatorPort } = await startControlUnitSimulator({ seed: 'wine' }));
  // The download the backoffice would give for W1: the built installer with W1's provisioning.
  const code = await server.admin.pairingCode(terminalId);
  work = await mkdtemp(path.join(os.tmpdir(), 'kassa-wine-dl-'));
  setupFile = path.join(work, 'kassa-setup-W1.exe');
  const tagged = tagInstaller(await readFile(SETUP), {
    url: server.url,
    environment: server.slug,
    terminalId,
    registerId: 'W1',
    pairingCode: code,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  await writeFile(setupFile, tagged);
  expect(readInstallerTag(tagged)?.pairingCode).toBe(code);
  pc = await newWinePc({ KASSA_NO_BROWSER: '1' });
}, 900_000);

afterAll(async () => {
  await pc?.kill().catch(() => undefined);
  await simulator?.stop();
  await server?.close();
});

async function install(): Promise<void> {
  const run = await pc.run(setupFile, ['/S'], { timeoutMs: 300_000 });
  expect(run.code, run.output).toBe(0);
  expect(existsSync(pc.linuxPath(KASSA_EXE))).toBe(true);
}

let local: WineProcess | null = null;
let base = '';

async function startRegister(): Promise<void> {
  const port = await findFreePort();
  local = pc.start(KASSA_EXE, ['start', '--port', String(port)]);
  const match = await local.waitFor(/Kassan är igång: (http:\/\/127\.0\.0\.1:\d+\/)/, 120_000);
  base = match[1]!;
}

async function call<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T; raw: Buffer }> {
  const response = await fetch(new URL(url, base), {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const raw = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: (type.includes('json') ? JSON.parse(raw.toString('utf8')) : raw.toString('utf8')) as T,
    raw,
  };
}

/** Waits for the register's first sync to bring the catalogue (it syncs right after start). */
async function catalogueSynced(): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    const catalogue = await call('GET', '/local/catalogue');
    if (catalogue.status === 200 && JSON.stringify(catalogue.body).includes('KAFFE')) return;
    if (Date.now() > until) throw new Error(`no catalogue: ${JSON.stringify(catalogue.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function signIn(): Promise<void> {
  const answer = await call('POST', '/local/sign-in', { username: 'kalle', pin: '4711' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

async function sellCoffee(): Promise<number> {
  const line = await call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
  expect(line.status, JSON.stringify(line.body)).toBe(200);
  const paid = await call<{ receipt: { receiptNumber: number } }>('POST', '/local/sale/pay', {
    tenders: [{ method: 'cash', tendered: 5000 }],
  });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return paid.body.receipt.receiptNumber;
}

describe('kassa-setup.exe under Wine', () => {
  it('installs silently, connects with the provisioning it carries and sells', async () => {
    await install();
    // Programs and Features: the version in clear text.
    const uninstallKey = await pc.run('reg', [
      'query',
      'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Kassa',
      '/v',
      'DisplayVersion',
    ]);
    const version = (
      JSON.parse(await readFile(path.join(REGISTER_DIR, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    expect(uninstallKey.output).toContain(version);

    // What was installed is signed, the uninstaller that NSIS wrote at install time too.
    const info = JSON.parse(await readFile(path.join(DIST_BIN, 'build-info.json'), 'utf8')) as {
      signed: boolean;
    };
    const ca = process.env.KASSA_SIGN_CA;
    if (info.signed && ca) {
      for (const file of [KASSA_EXE, `${INSTALL_DIR}\\uninstall.exe`]) {
        const verify = await runProcess(
          'osslsigncode',
          ['verify', '-CAfile', ca, '-in', pc.linuxPath(file)],
          process.env,
          work,
        );
        expect(verify.code, verify.output).toBe(0);
        expect(verify.output).toMatch(/Signature verification: ok/i);
      }
    } else {
      expect(info.signed, 'a signed build needs KASSA_SIGN_CA to be checked').toBe(false);
    }

    // The installer left the terminal's provisioning in the data folder.
    const provisioningFile = pc.linuxPath(`${DATA_DIR}\\kassa-provisioning.json`);
    const provisioning = JSON.parse(await readFile(provisioningFile, 'utf8')) as {
      registerId: string;
      pairingCode: string;
    };
    expect(provisioning.registerId).toBe('W1');

    // No flags: connect finds the provisioning in the data folder and uses its code.
    const connect = await pc.run(KASSA_EXE, ['connect']);
    expect(connect.code, connect.output).toBe(0);
    expect(connect.output).toContain('terminal W1');
    // The backoffice now names the PC instead of "not connected to any hardware".
    const terminals = await server.admin.call<{ terminals: { id: string }[] }>(
      'GET',
      '/api/terminals',
    );
    const w1 = terminals.body.terminals.find((t) => t.id === terminalId) as
      { binding: { pcName: string } | null } | undefined;
    // Windows' computer name (Wine gives the host's name, upper-cased).
    expect(w1?.binding?.pcName).toBe(os.hostname().toUpperCase());

    await writeFile(
      pc.linuxPath(`${DATA_DIR}\\settings.json`),
      JSON.stringify({ controlUnit: `tcp://127.0.0.1:${simulatorPort}`, printer: PRINTER }),
    );
    await writeFile(pc.linuxPath(PRINTER), '');
    await startRegister();
    await signIn();
    await catalogueSynced();
    expect(await sellCoffee()).toBe(1);

    const journal = readJournalFile(pc.linuxPath(`${DATA_DIR}\\journal.sqlite`));
    expect(verifyJournal(journal, sha256).ok).toBe(true);
    const sale = journal.find((e) => e.kind === 'sale');
    expect(sale?.data).toMatchObject({ receipt: { receiptNumber: 1, kind: 'sale' } });
    const printed = escPosText(decodeEscPos(await readFile(pc.linuxPath(PRINTER))));
    expect(printed).toContain('Bryggkaffe');
    expect(printed).toMatch(/Kvitto nr\s+1\b/);
    const pdf = await call('GET', '/local/receipts/1/pdf');
    expect(pdf.status).toBe(200);
    const pdfFile = path.join(work, 'kvitto-1.pdf');
    await writeFile(pdfFile, pdf.raw);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Bryggkaffe');
    expect(text).toContain('35,00');
  });

  it('loses power mid-payment (wineserver -k): after a restart the chain verifies and no number repeats', async () => {
    await call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    const paying = call('POST', '/local/sale/pay', {
      tenders: [{ method: 'cash', tendered: 5000 }],
    }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 15));
    await pc.kill();
    const answer = await paying;
    await startRegister();
    const journal = readJournalFile(pc.linuxPath(`${DATA_DIR}\\journal.sqlite`));
    expect(verifyJournal(journal, sha256).ok).toBe(true);
    const numbers = receiptNumbers(journal);
    // Either the payment was journaled (as receipt 2) or it left nothing: no gap, nothing twice.
    expect(numbers).toEqual(numbers.length === 1 ? [1] : [1, 2]);
    if (answer?.status === 200) expect(numbers).toEqual([1, 2]);
    await signIn();
    // A sale left under construction by the cut is cleared before the next one.
    await call('DELETE', '/local/sale');
    expect(await sellCoffee()).toBe(numbers.length + 1);
  });

  it('uninstalls keeping the data folder, and a reinstall continues the receipt numbers', async () => {
    const before = receiptNumbers(readJournalFile(pc.linuxPath(`${DATA_DIR}\\journal.sqlite`)));
    await pc.kill();
    // The uninstaller copies itself to %TEMP% and goes on from there: wait for it to finish.
    const uninstall = await pc.run(`${INSTALL_DIR}\\uninstall.exe`, ['/S']);
    expect(uninstall.code, uninstall.output).toBe(0);
    const until = Date.now() + 120_000;
    while (existsSync(pc.linuxPath(`${INSTALL_DIR}\\uninstall.exe`)) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(existsSync(pc.linuxPath(KASSA_EXE))).toBe(false);
    const key = await pc.run('reg', [
      'query',
      'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Kassa',
    ]);
    expect(key.code).not.toBe(0);
    expect(existsSync(pc.linuxPath(`${DATA_DIR}\\journal.sqlite`))).toBe(true);
    expect(existsSync(pc.linuxPath(`${DATA_DIR}\\register.json`))).toBe(true);

    await install();
    // Started as Windows starts it at log-on (the Run key): in the background, no console
    // window; the starting process exits once the register answers.
    const run = await pc.run('reg', [
      'query',
      'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      '/v',
      'Kassa',
    ]);
    expect(run.output).toContain(`"${KASSA_EXE}" start --background`);
    const port = await findFreePort();
    const background = await pc.run(KASSA_EXE, ['start', '--background', '--port', String(port)]);
    expect(background.code, background.output).toBe(0);
    expect(background.output).toContain(`Kassan körs i bakgrunden: http://127.0.0.1:${port}/`);
    base = `http://127.0.0.1:${port}/`;
    const log = await readFile(pc.linuxPath(`${DATA_DIR}\\kassa.log`), 'utf8');
    expect(log).toContain('Kassan är igång');
    // The Start-menu shortcut (kassa open) finds it running instead of starting a second one.
    const open = await pc.run(KASSA_EXE, ['open', '--port', String(port)]);
    expect(open.code, open.output).toBe(0);
    expect(open.output).toContain('Kassan är igång: öppna');
    await signIn();
    const next = await sellCoffee();
    expect(next).toBe(before.length + 1);
    const journal = readJournalFile(pc.linuxPath(`${DATA_DIR}\\journal.sqlite`));
    expect(verifyJournal(journal, sha256).ok).toBe(true);
    expect(receiptNumbers(journal)).toEqual([...before, next]);
  });
});
