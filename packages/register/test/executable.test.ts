/**
 * The built program, outside the repository: the Linux single executable (Node SEA), alone in an
 * empty folder, connects to the real server, sells through the local API and answers the receipt
 * and X-report PDFs (pdfkit's fonts and the POS web app are inside it); the Node bundle runs
 * `kassa status` with Node 22. Built here with
 * `npm run build:register`'s script when missing or older than the sources, so it is never
 * skipped (CI builds it in a fresh clone).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlUnitSimulator, type ControlUnitSimulator } from '../src/index.js';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { buildIsStale, buildRegister, DIST_BIN } from './support/register-build.js';
import { REGISTER_DIR, runProcess } from './support/register-cli.js';

const EXECUTABLE = path.join(DIST_BIN, 'kassa');
const BUNDLE = path.join(DIST_BIN, 'kassa-bundle');

/** A clean environment: nothing from the repository or the test runner leaks in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.tmpdir(),
    LANG: 'C.UTF-8',
    KASSA_NO_BROWSER: '1',
    ...extra,
  };
}

let server: KassaServer;
let simulator: ControlUnitSimulator;
let simulatorPort: number;
let outside: string;
const version = (
  JSON.parse(await readFile(path.join(REGISTER_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

beforeAll(async () => {
  const built = [
    EXECUTABLE,
    path.join(BUNDLE, 'kassa.cjs'),
    path.join(BUNDLE, 'pos-web', 'index.html'),
  ];
  if (await buildIsStale(built)) await buildRegister();
  outside = await mkdtemp(path.join(os.tmpdir(), 'kassa-outside-'));
  // The executable alone: nothing beside it (no addon, no pos-web folder, no fonts).
  await mkdirAlone(path.join(outside, 'alone'));
  await copyFile(EXECUTABLE, path.join(outside, 'alone', 'kassa'));
  await cp(BUNDLE, path.join(outside, 'kassa-bundle'), { recursive: true });
  server = await startKassaServer();
  const x1 = await server.admin.createTerminal('X1', 'Körbar');
  await server.admin.createTerminal('X2', 'Bunt');
  await server.admin.createUser('korbar', 'cashier', { pin: '4711', terminalIds: [x1] });
  await server.admin.call(
    'POST',
    '/api/products',
    {
      articleNumber: 'KAFFE',
      name: 'Bryggkaffe',
      priceOre: 3500,
      vatCategory: 'restaurant',
      barcodes: [],
      kind: 'good',
      group: null,
      unit: 'piece',
    },
    [201, 200, 409],
  );
  ({ simulator, port: simulatorPort } = await startControlUnitSimulator({ seed: 'executable' }));
});

async function mkdirAlone(dir: string): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
}

afterAll(async () => {
  await simulator?.stop();
  await server?.close();
});

/** The text of a PDF, read back with pdftotext (poppler-utils). */
function pdfText(pdf: Buffer, dir: string, name: string): string {
  const file = path.join(dir, name);
  execFileSync('sh', ['-c', 'cat > "$1"', 'sh', file], { input: pdf });
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('the single executable (Linux, Node SEA)', () => {
  it('runs kassa status from a folder outside the repository', async () => {
    expect(outside.startsWith(path.resolve(REGISTER_DIR, '..', '..'))).toBe(false);
    const home = path.join(outside, 'home-status');
    const exe = path.join(outside, 'alone', 'kassa');
    const versionRun = await runProcess(exe, ['--version'], cleanEnv({}), outside);
    expect(versionRun.stdout.trim()).toBe(version);
    const status = await runProcess(exe, ['status'], cleanEnv({ KASSA_HOME: home }), outside);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Kassa ${version}`);
    expect(status.stdout).toContain(`Datamapp:        ${home}`);
    expect(status.stdout).toContain('Inte ansluten');
  });

  it('connects to the real server, sells, answers the receipt and X-report PDFs and serves the POS web app from itself', async () => {
    const exe = path.join(outside, 'alone', 'kassa');
    const env = cleanEnv({
      KASSA_HOME: path.join(outside, 'home-x1'),
      KASSA_HARDWARE_ID: 'sea-pc',
      KASSA_PC_NAME: 'SEA-PC',
    });
    const connect = await runProcess(
      exe,
      [
        'connect',
        '--url',
        server.url,
        '--user',
        'admin',
        '--password',
        ADMIN_PASSWORD,
        '--terminal',
        'X1',
      ],
      env,
      outside,
    );
    expect(connect.stderr).toBe('');
    expect(connect.code).toBe(0);
    expect(connect.stdout).toContain('Ansluten! Den här datorn (SEA-PC) är nu terminal X1');
    const status = await runProcess(exe, ['status', '--json'], env, outside);
    expect(JSON.parse(status.stdout)).toMatchObject({
      connected: true,
      online: true,
      binding: 'ok',
      programVersion: version,
    });

    const printerFile = path.join(outside, 'skrivare.bin');
    await writeFile(printerFile, '');
    await writeFile(
      path.join(outside, 'home-x1', 'settings.json'),
      JSON.stringify({ controlUnit: `tcp://127.0.0.1:${simulatorPort}`, printer: printerFile }),
    );

    const child = spawn(exe, ['start', '--port', '0', '--no-browser'], {
      env,
      cwd: outside,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no start line: ${out}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /Kassan är igång: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const local = (await (await fetch(`${url}local/status`)).json()) as {
        connected: boolean;
        terminal?: { registerId: string };
      };
      expect(local).toMatchObject({ connected: true, terminal: { registerId: 'X1' } });
      expect(local).toHaveProperty('businessDay');
      expect(existsSync(path.join(outside, 'home-x1', 'journal.sqlite'))).toBe(true);
      expect(await readdir(path.join(outside, 'alone'))).toEqual(['kassa']);

      // The POS web app, from the executable itself (nothing beside it on disk).
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      const script = /src="\/?([^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const js = await fetch(`${url}${script}`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toContain('javascript');

      // A sale through the local API.
      let cookie = '';
      const call = async (method: string, route: string, body?: unknown) => {
        const response = await fetch(`${url}${route.slice(1)}`, {
          method,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const set = response.headers.get('set-cookie');
        if (set) cookie = set.split(';')[0] ?? '';
        return response;
      };
      const signIn = await call('POST', '/local/sign-in', { username: 'korbar', pin: '4711' });
      expect(signIn.status, await signIn.clone().text()).toBe(200);
      // The catalogue copy arrives with the first sync after start.
      let line = await call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
      for (let i = 0; i < 50 && line.status === 404; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        line = await call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
      }
      expect(line.status, await line.clone().text()).toBe(200);
      const pay = await call('POST', '/local/sale/pay', { tenders: [{ method: 'cash' }] });
      expect(pay.status, await pay.clone().text()).toBe(200);
      const { receipt } = (await pay.json()) as { receipt: { receiptNumber: number } };

      const receiptPdf = await call('GET', `/local/receipts/${receipt.receiptNumber}/pdf`);
      expect(receiptPdf.status, await receiptPdf.clone().text()).toBe(200);
      expect(receiptPdf.headers.get('content-type')).toContain('application/pdf');
      const receiptText = pdfText(
        Buffer.from(await receiptPdf.arrayBuffer()),
        outside,
        'kvitto.pdf',
      );
      expect(receiptText).toContain('Bryggkaffe');
      expect(receiptText).toMatch(/35,00/);

      const xPdf = await call('GET', '/local/reports/x/pdf');
      expect(xPdf.status, await xPdf.clone().text()).toBe(200);
      const xText = pdfText(Buffer.from(await xPdf.arrayBuffer()), outside, 'x.pdf');
      expect(xText).toMatch(/X-?dagrapport|X-rapport/i);
      expect(xText).toMatch(/35,00/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('the Node bundle', () => {
  it('runs with node from outside the repository', async () => {
    const env = cleanEnv({
      KASSA_HOME: path.join(outside, 'home-x2'),
      KASSA_HARDWARE_ID: 'bundle-pc',
      KASSA_PC_NAME: 'BUNT-PC',
    });
    const bundle = path.join(outside, 'kassa-bundle', 'kassa.cjs');
    const connect = await runProcess(
      process.execPath,
      [
        bundle,
        'connect',
        '--url',
        server.url,
        '--user',
        'admin',
        '--password',
        ADMIN_PASSWORD,
        '--terminal',
        'X2',
      ],
      env,
      outside,
    );
    expect(connect.stderr).toBe('');
    expect(connect.code).toBe(0);
    // The launcher runs `node` from PATH: Node 22 (node:sqlite), as this test runs on.
    const launcher = await runProcess(
      path.join(outside, 'kassa-bundle', 'kassa'),
      ['status'],
      { ...env, PATH: `${path.dirname(process.execPath)}:${env.PATH ?? ''}` },
      outside,
    );
    expect(launcher.code).toBe(0);
    expect(launcher.stdout).toContain('Terminal:        X2 – Bunt, Kaféet Storgatan');
  });
});
