import { describe, expect, it } from 'vitest';
import { fakeFetch, headersOf, jsonResponse as json } from '../testing';
import { ApiError } from './errors';
import { HttpClient } from './http';

describe('HttpClient', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true }));
    const http = new HttpClient(fetchImpl);
    http.setCsrfToken('token-1');
    await http.get('/api/users');
    await http.post('/api/users', { a: 1 });
    await http.patch('/api/users/1', { b: 2 });

    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(calls[1])['X-CSRF-Token']).toBe('token-1');
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('token-1');
    expect(calls.every((call) => call.init.credentials === 'same-origin')).toBe(true);
    expect(calls[1]?.init.body).toBe('{"a":1}');
  });

  it('sends no JSON content type without a body', async () => {
    const { calls, fetchImpl } = fakeFetch(() => new Response(null, { status: 204 }));
    const http = new HttpClient(fetchImpl);
    await expect(http.post('/api/auth/logout')).resolves.toBeUndefined();
    expect(headersOf(calls[0])['Content-Type']).toBeUndefined();
  });

  it('turns the documented error shape into an ApiError with both texts', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(401, {
        error: {
          code: 'invalid-credentials',
          sv: 'Fel användarnamn eller lösenord.',
          en: 'Wrong username or password.',
        },
      }),
    );
    const error = await new HttpClient(fetchImpl)
      .post('/api/auth/login', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'invalid-credentials',
      messages: { sv: 'Fel användarnamn eller lösenord.', en: 'Wrong username or password.' },
      details: {},
    });
  });

  it('reports unexpected answers and unreachable servers', async () => {
    const broken = new HttpClient(() => Promise.resolve(new Response('<html>', { status: 502 })));
    await expect(broken.get('/api/health')).rejects.toMatchObject({
      status: 502,
      code: 'unexpected-response',
      messages: null,
    });

    const offline = new HttpClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await offline.get('/api/health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetworkError).toBe(true);
  });

  it('tells listeners when a signed-in session is refused', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(401, { error: { code: 'not-authenticated', sv: 'Logga in.', en: 'Sign in.' } }),
    );
    const http = new HttpClient(fetchImpl);
    let signals = 0;
    http.onUnauthenticated(() => (signals += 1));

    await http.get('/api/auth/me').catch(() => undefined);
    expect(signals).toBe(0); // no session yet: nothing to expire

    http.setCsrfToken('token-1');
    await http.get('/api/users').catch(() => undefined);
    expect(signals).toBe(1);
  });

  it('downloads files with the CSRF token, and throws the JSON refusal instead of a file', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    const { calls, fetchImpl } = fakeFetch(
      () =>
        new Response(zip, {
          status: 200,
          headers: { 'Content-Type': 'application/zip', 'X-Kassa-Pairing-Code': 'ABCD-EFGH-JKLM' },
        }),
    );
    const http = new HttpClient(fetchImpl);
    http.setCsrfToken('token-1');
    const { file, headers } = await http.requestFile('POST', '/api/terminals/t1/installer');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(zip);
    expect(headers.get('x-kassa-pairing-code')).toBe('ABCD-EFGH-JKLM');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('token-1');
    expect(headersOf(calls[0])['Content-Type']).toBeUndefined();
    expect(calls[0]?.init.credentials).toBe('same-origin');

    const notBuilt = new HttpClient(() =>
      Promise.resolve(
        json(503, {
          error: { code: 'installer-not-built', sv: 'Inte byggt.', en: 'Not built.' },
        }),
      ),
    );
    await expect(notBuilt.requestFile('POST', '/api/terminals/t1/installer')).rejects.toMatchObject(
      {
        status: 503,
        code: 'installer-not-built',
        messages: { sv: 'Inte byggt.', en: 'Not built.' },
      },
    );
  });
});

describe("HttpClient for the register's local API (no session, no cache)", () => {
  it('sends JSON bodies and no content type without one', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true }));
    const http = new HttpClient(fetchImpl, { cache: 'no-store' });
    await http.post('/local/sign-in', { username: 'kim', pin: '1234' });
    await http.get('/local/status');
    expect(calls[0]?.init.body).toBe('{"username":"kim","pin":"1234"}');
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json');
    expect(headersOf(calls[1])['Content-Type']).toBeUndefined();
    expect(calls.every((call) => call.init.cache === 'no-store')).toBe(true);
  });

  it('accepts an empty 204', async () => {
    const { fetchImpl } = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(new HttpClient(fetchImpl).post('/local/sign-out')).resolves.toBeUndefined();
  });

  it('turns refusals into ApiErrors with both texts and the details', async () => {
    const { fetchImpl } = fakeFetch(() =>
      json(409, {
        error: {
          code: 'terminal-bound-elsewhere',
          sv: 'Terminalen är redan kopplad till datorn KASSA-PC-2.',
          en: 'The terminal is already bound to the computer KASSA-PC-2.',
          details: { pcName: 'KASSA-PC-2', boundAt: '2026-11-25T08:00:00Z' },
        },
      }),
    );
    const error = await new HttpClient(fetchImpl)
      .post('/local/connect', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'terminal-bound-elsewhere',
      messages: { sv: 'Terminalen är redan kopplad till datorn KASSA-PC-2.' },
      details: { pcName: 'KASSA-PC-2' },
    });
  });

  it('reports non-JSON answers and an unreachable service', async () => {
    const broken = new HttpClient(() => Promise.resolve(new Response('<html>', { status: 502 })));
    await expect(broken.get('/local/status')).rejects.toMatchObject({
      status: 502,
      code: 'unexpected-response',
      messages: null,
    });
    const offline = new HttpClient(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await offline.get('/local/status').catch((e: unknown) => e);
    expect((error as ApiError).isNetworkError).toBe(true);
  });
});
