import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { HttpClient, type FetchLike } from './http';
import { LocalApi } from './local-api';

interface Call {
  input: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchImpl: FetchLike = (input, init) => {
    const call = { input, init };
    calls.push(call);
    return Promise.resolve(respond(call));
  };
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const headersOf = (call: Call | undefined) => (call?.init.headers ?? {}) as Record<string, string>;

describe('HttpClient', () => {
  it('sends JSON bodies and no content type without one', async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, { ok: true }));
    const http = new HttpClient(fetchImpl);
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

describe('LocalApi', () => {
  it('calls the documented routes and unwraps their answers', async () => {
    const signedIn = { username: 'kim', displayName: 'Kim', role: 'cashier' };
    const status = { connected: true, binding: 'ok', signedIn: null };
    const { calls, fetchImpl } = fakeFetch((call) => {
      if (call.input === '/local/connect') return json(200, { status });
      if (call.input === '/local/sign-in') return json(200, { signedIn });
      if (call.input === '/local/sign-out') return new Response(null, { status: 204 });
      return json(200, status);
    });
    const api = new LocalApi(new HttpClient(fetchImpl));
    await expect(api.status()).resolves.toEqual(status);
    await expect(api.connect({ code: 'ABCD-EFGH-JKLM' })).resolves.toEqual(status);
    await expect(api.signIn('kim', '1234')).resolves.toEqual(signedIn);
    await expect(api.signOut()).resolves.toBeUndefined();
    expect(calls.map((call) => `${call.init.method} ${call.input}`)).toEqual([
      'GET /local/status',
      'POST /local/connect',
      'POST /local/sign-in',
      'POST /local/sign-out',
    ]);
    expect(calls[1]?.init.body).toBe('{"code":"ABCD-EFGH-JKLM"}');
  });
});

describe('LocalApi selling routes', () => {
  it('uses the documented verbs, paths and bodies', async () => {
    const sale = { lines: [] };
    const { calls, fetchImpl } = fakeFetch((call) => {
      if (call.input === '/local/parked') return json(200, { parked: [] });
      if (call.input.startsWith('/local/cash/')) return new Response(null, { status: 204 });
      return json(200, sale);
    });
    const api = new LocalApi(new HttpClient(fetchImpl));
    await api.addLine({ barcode: '7310865004703' });
    await api.addLine({ articleNumber: 'GODIS', grams: 350 });
    await api.changeLine('line 1', { discount: { kind: 'percent', rate: 1000 } });
    await api.removeLine('line-2');
    await api.orderDiscount(null);
    await api.consumption('take-away');
    await api.pay([
      { method: 'card', amount: 5000 },
      { method: 'cash', tendered: 10000 },
    ]);
    await api.park('  Bord 4 ');
    await api.park('   ');
    await expect(api.parked()).resolves.toEqual([]);
    await api.resume('p/1');
    await api.cashMove('out', 5000, 'Bank');
    await api.zReport(49000);
    await api.swish(12345);
    expect(
      calls.map((call) => {
        const body = typeof call.init.body === 'string' ? call.init.body : 'undefined';
        return `${call.init.method} ${call.input} ${body}`;
      }),
    ).toEqual([
      'POST /local/sale/lines {"barcode":"7310865004703"}',
      'POST /local/sale/lines {"articleNumber":"GODIS","grams":350}',
      'PATCH /local/sale/lines/line%201 {"discount":{"kind":"percent","rate":1000}}',
      'DELETE /local/sale/lines/line-2 undefined',
      'PUT /local/sale/discount {"discount":null}',
      'PUT /local/sale/consumption {"consumption":"take-away"}',
      'POST /local/sale/pay {"tenders":[{"method":"card","amount":5000},{"method":"cash","tendered":10000}],"delivery":"paper"}',
      'POST /local/sale/park {"note":"Bord 4"}',
      'POST /local/sale/park {}',
      'GET /local/parked undefined',
      'POST /local/parked/p%2F1/resume undefined',
      'POST /local/cash/out {"amount":5000,"reason":"Bank"}',
      'POST /local/reports/z {"countedCash":49000}',
      'GET /local/swish?amount=12345 undefined',
    ]);
  });
});
