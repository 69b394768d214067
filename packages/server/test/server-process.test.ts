import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeDb,
  TEST_DB_KIND,
  type TestDatabase,
} from './support/test-db.js';
import { runServerCli, startServerProcess } from './support/server-process.js';

async function login(base: string, password: string): Promise<{ cookie: string; status: number }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, status: response.status };
}

async function me(base: string, cookie: string): Promise<number> {
  return (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status;
}

describeDb('the server as a process: first start, restart, several processes', () => {
  let tdb: TestDatabase;
  let dataDir: string;
  let adminPassword = '';
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kassa-proc-'));
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const dbEnv = (): Record<string, string> =>
    TEST_DB_KIND === 'postgres' ? { DATABASE_URL: tdb.url ?? '' } : { KASSA_DATA_DIR: dataDir };

  it('creates the demo environment with a printed password once; a restart keeps users and sessions', async () => {
    // On PostgreSQL the per-file database already has the schema; the demo is created on first start.
    const first = await startServerProcess(dbEnv());
    let cookie: string;
    try {
      const match = /Lösenord \(visas bara en gång, spara det nu\): (\S+)/.exec(first.output());
      expect(match, first.output()).not.toBeNull();
      const password = match?.[1] ?? '';
      adminPassword = password;
      expect(first.output()).toContain('Skapade miljön "demo" med administratören "admin"');
      const health = (await (await fetch(`${first.url}/api/health`)).json()) as {
        db: string;
        status: string;
      };
      expect(health).toMatchObject({ status: 'ok', db: TEST_DB_KIND });
      const signedIn = await login(first.url, password);
      expect(signedIn.status).toBe(200);
      cookie = signedIn.cookie;
      expect(await me(first.url, cookie)).toBe(200);
      const page = await fetch(`${first.url}/`);
      expect(page.status).toBe(200);
    } finally {
      await first.stop();
    }

    const second = await startServerProcess(dbEnv());
    try {
      expect(second.output()).not.toContain('Lösenord');
      expect(second.output()).not.toContain('Skapade miljön');
      expect(await me(second.url, cookie)).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('changes and shows a licence with the operator CLI', () => {
    const shown = runServerCli(['licence', 'show', '--env', 'demo'], dbEnv());
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('0 aktiva av 2 licensierade');
    const set = runServerCli(
      ['licence', 'set', '--env', 'demo', '--terminals', '5', '--modules', 'products,reports'],
      dbEnv(),
    );
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('0 aktiva av 5 licensierade');
    expect(set.stdout).toContain('products, reports');
    const bad = runServerCli(['licence', 'set', '--env', 'demo', '--modules', 'kaffe'], dbEnv());
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Okänd modul');
    const missing = runServerCli(['licence', 'show', '--env', 'finnsinte'], dbEnv());
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('finns inte');
  });

  if (TEST_DB_KIND === 'postgres') {
    it('lets two server processes on one PostgreSQL share sessions', async () => {
      const env = { ...dbEnv(), KASSA_ADMIN_PASSWORD: 'ignored-after-first-start' };
      const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
      try {
        expect(a.url).not.toBe(b.url);
        // KASSA_ADMIN_PASSWORD does not change an existing admin, and neither process seeds again.
        expect((await login(a.url, 'ignored-after-first-start')).status).toBe(401);
        expect(a.output() + b.output()).not.toContain('Skapade miljön');
        const onA = await login(a.url, adminPassword);
        expect(onA.status).toBe(200);
        expect(await me(b.url, onA.cookie)).toBe(200);
        const me2 = await fetch(`${b.url}/api/auth/me`, { headers: { cookie: onA.cookie } });
        const { csrfToken } = (await me2.json()) as { csrfToken: string };
        const out = await fetch(`${b.url}/api/auth/logout`, {
          method: 'POST',
          headers: { cookie: onA.cookie, 'x-csrf-token': csrfToken },
        });
        expect(out.status).toBe(204);
        expect(await me(a.url, onA.cookie)).toBe(401);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  }
});
