/**
 * The built program, outside the repository: the Linux single executable (Node SEA) and the Node
 * bundle run `kassa status`, connect to the real server and serve the local API. Built here with
 * `npm run build:register`'s script when missing or older than the sources, so it is never
 * skipped (CI builds it in a fresh clone).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { REGISTER_DIR, runProcess } from './support/register-cli.js';

const DIST_BIN = path.join(REGISTER_DIR, 'dist-bin');
const EXECUTABLE = path.join(DIST_BIN, 'kassa');
const BUNDLE = path.join(DIST_BIN, 'kassa-bundle');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? await newestSource(full) : (await stat(full)).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

async function needsBuild(): Promise<boolean> {
  if (
    !existsSync(EXECUTABLE) ||
    !existsSync(path.join(BUNDLE, 'kassa.cjs')) ||
    !existsSync(path.join(DIST_BIN, 'better_sqlite3.node'))
  ) {
    return true;
  }
  const built = (await stat(EXECUTABLE)).mtimeMs;
  const sources = Math.max(
    await newestSource(path.join(REGISTER_DIR, 'src')),
    await newestSource(path.join(REGISTER_DIR, '..', 'contracts', 'src')),
  );
  return sources > built;
}

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
let outside: string;
const version = (
  JSON.parse(await readFile(path.join(REGISTER_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

beforeAll(async () => {
  if (await needsBuild()) {
    const build = await runProcess(
      process.execPath,
      [path.join(REGISTER_DIR, 'scripts', 'build-register.mjs')],
      process.env,
      REGISTER_DIR,
      300_000,
    );
    if (build.code !== 0) throw new Error(`build:register failed:\n${build.output}`);
  }
  outside = await mkdtemp(path.join(os.tmpdir(), 'kassa-outside-'));
  await copyFile(EXECUTABLE, path.join(outside, 'kassa'));
  // The journal's SQLite addon ships beside the executable (as in the installer zip).
  await copyFile(
    path.join(DIST_BIN, 'better_sqlite3.node'),
    path.join(outside, 'better_sqlite3.node'),
  );
  await cp(BUNDLE, path.join(outside, 'kassa-bundle'), { recursive: true });
  server = await startKassaServer();
  await server.admin.createTerminal('X1', 'Körbar');
  await server.admin.createTerminal('X2', 'Bunt');
});

afterAll(async () => {
  await server?.close();
});

describe('the single executable (Linux, Node SEA)', () => {
  it('runs kassa status from a folder outside the repository', async () => {
    expect(outside.startsWith(path.resolve(REGISTER_DIR, '..', '..'))).toBe(false);
    const home = path.join(outside, 'home-status');
    const exe = path.join(outside, 'kassa');
    const versionRun = await runProcess(exe, ['--version'], cleanEnv({}), outside);
    expect(versionRun.stdout.trim()).toBe(version);
    const status = await runProcess(exe, ['status'], cleanEnv({ KASSA_HOME: home }), outside);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`Kassa ${version}`);
    expect(status.stdout).toContain(`Datamapp:        ${home}`);
    expect(status.stdout).toContain('Inte ansluten');
  });

  it('connects to the real server, reports status and serves the local API', async () => {
    const exe = path.join(outside, 'kassa');
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

    const child = spawn(exe, ['start', '--port', '0'], {
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
      // Selling is ready: the journal opened through the SQLite addon shipped beside the program.
      expect(local).toHaveProperty('businessDay');
      expect(existsSync(path.join(outside, 'home-x1', 'journal.sqlite'))).toBe(true);
      // The POS web app beside the program (kassa-bundle/pos-web) or the "not built" page.
      const page = await fetch(url);
      expect([200, 503]).toContain(page.status);
      expect(page.headers.get('content-type')).toContain('text/html');
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
    const launcher = await runProcess(
      path.join(outside, 'kassa-bundle', 'kassa'),
      ['status'],
      env,
      outside,
    );
    expect(launcher.code).toBe(0);
    expect(launcher.stdout).toContain('Terminal:        X2 – Bunt, Kaféet Storgatan');
  });
});
