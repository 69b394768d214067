import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMITS } from '../src/commands/sign-in.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import {
  ADMIN_PASSWORD,
  FakeClock,
  as,
  buildEnvironment,
  buildTestApp,
  createUserAs,
  sessionCookieOf,
  signInAs,
} from './support/test-app.js';

describeDb('sign-in, sessions and CSRF', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let httpsApp: FastifyInstance;
  const clock = new FakeClock();
  let host: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    httpsApp = await buildTestApp(tdb.database, { clock, trustProxy: true });
    host = (await buildEnvironment(tdb.database, 'auth')).host;
  });
  afterAll(async () => {
    await app.close();
    await httpsApp.close();
    await tdb.drop();
  });

  it('signs in with a session cookie that is HttpOnly and SameSite=Strict, and tells who is signed in', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      payload: { username: 'Admin ', password: ADMIN_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'kassa_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.secure).toBeFalsy();
    const body = response.json<{
      user: { username: string; role: string };
      environment: { slug: string };
      csrfToken: string;
    }>();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(body.environment.slug).toBe('auth');
    expect(body.csrfToken.length).toBeGreaterThan(20);

    const me = await app.inject({
      url: '/api/auth/me',
      headers: { host, cookie: sessionCookieOf(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ csrfToken: string }>().csrfToken).toBe(body.csrfToken);
  });

  it('marks the cookie Secure under https (behind a trusted proxy)', async () => {
    const response = await httpsApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host, 'x-forwarded-proto': 'https' },
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'kassa_session')?.secure).toBe(true);
  });

  it('refuses a wrong password with a Swedish message and no cookie', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      payload: { username: 'admin', password: 'fel-losenord' },
    });
    expect(response.statusCode).toBe(401);
    const body = response.json<{ error: { code: string; sv: string; en: string } }>();
    expect(body.error.code).toBe('invalid-credentials');
    expect(body.error.sv).toContain('Fel användarnamn eller lösenord');
    expect(body.error.en).toContain('Wrong username or password');
    expect(response.cookies).toHaveLength(0);
  });

  it('answers 401 without a session and after sign-out', async () => {
    expect((await app.inject({ url: '/api/auth/me', headers: { host } })).statusCode).toBe(401);
    const session = await signInAs(app, host, 'admin');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: as(session) });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ url: '/api/auth/me', headers: { host, cookie: session.cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json<{ error: { code: string } }>().error.code).toBe('not-authenticated');
  });

  it('refuses a state-changing request without the CSRF token, or with a wrong one', async () => {
    const session = await signInAs(app, host, 'admin');
    const payload = {
      username: 'csrf-victim',
      displayName: 'X',
      role: 'cashier',
      password: 'ett-bra-losenord-42',
    };
    const without = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { host, cookie: session.cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json<{ error: { code: string } }>().error.code).toBe('csrf-token-invalid');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...as(session), 'x-csrf-token': 'nope' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const list = await app.inject({ url: '/api/users', headers: as(session) });
    expect(
      list.json<{ users: { username: string }[] }>().users.map((u) => u.username),
    ).not.toContain('csrf-victim');
  });

  it('refuses a sign-in posted from another origin, and one posted as a form', async () => {
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host, origin: 'https://evil.example' },
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('csrf-origin-mismatch');
    const sameOrigin = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host, origin: `http://${host}` },
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(sameOrigin.statusCode).toBe(200);
    const form = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=admin&password=x',
    });
    expect(form.statusCode).toBe(415);
    const text = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host, 'content-type': 'text/plain' },
      payload: '{"username":"admin","password":"x"}',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json<{ error: { code: string } }>().error.code).toBe('unsupported-media-type');
  });

  it('locks an account after repeated failures, says for how long, and opens again later', async () => {
    const admin = await signInAs(app, host, 'admin');
    await createUserAs(app, admin, 'kalle', 'manager', 'kalles-losenord-1');
    const attempt = (password: string, address = '10.0.0.1') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host },
        remoteAddress: address,
        payload: { username: 'kalle', password },
      });
    const limit = DEFAULT_SIGN_IN_LIMITS.accountFailures;
    for (let i = 1; i < limit; i++) expect((await attempt('fel')).statusCode).toBe(401);
    const locking = await attempt('fel');
    expect(locking.statusCode).toBe(429);
    // Even the right password, from another address, is refused while locked.
    const locked = await attempt('kalles-losenord-1', '10.0.0.2');
    expect(locked.statusCode).toBe(429);
    const body = locked.json<{
      error: { code: string; sv: string; details: { retryAfterSeconds: number } };
    }>();
    expect(body.error.code).toBe('sign-in-locked');
    expect(body.error.sv).toContain('För många misslyckade inloggningsförsök');
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.headers['retry-after']).toBe(String(body.error.details.retryAfterSeconds));
    // Another account is not affected.
    expect((await signInAs(app, host, 'admin')).cookie).toContain('kassa_session=');

    clock.advance(DEFAULT_SIGN_IN_LIMITS.lockoutMs + 1000);
    expect((await attempt('kalles-losenord-1', '10.0.0.2')).statusCode).toBe(200);
  });

  it('locks an address that tries many accounts', async () => {
    const address = '10.9.9.9';
    const limit = DEFAULT_SIGN_IN_LIMITS.addressFailures;
    let last = 0;
    for (let i = 0; i < limit; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { host },
        remoteAddress: address,
        payload: { username: `nobody${i}`, password: 'gissning' },
      });
      last = r.statusCode;
    }
    expect(last).toBe(429);
    const fromThere = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      remoteAddress: address,
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(fromThere.statusCode).toBe(429);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      remoteAddress: '10.9.9.10',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
    clock.advance(DEFAULT_SIGN_IN_LIMITS.lockoutMs + 1000);
  });

  it('ends an idle session after 12 hours', async () => {
    const session = await signInAs(app, host, 'admin');
    clock.advance(11 * 3600 * 1000);
    expect((await app.inject({ url: '/api/auth/me', headers: as(session) })).statusCode).toBe(200);
    clock.advance(11 * 3600 * 1000); // used 11 h ago: still within the sliding window
    expect((await app.inject({ url: '/api/auth/me', headers: as(session) })).statusCode).toBe(200);
    clock.advance(13 * 3600 * 1000);
    expect((await app.inject({ url: '/api/auth/me', headers: as(session) })).statusCode).toBe(401);
  });

  it('serves sessions from the database: a second app instance on the same database knows them', async () => {
    const other = await buildTestApp(tdb.database, { clock });
    try {
      const session = await signInAs(app, host, 'admin');
      const me = await other.inject({ url: '/api/auth/me', headers: as(session) });
      expect(me.statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });
});
