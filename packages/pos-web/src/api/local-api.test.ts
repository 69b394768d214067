import { describe, expect, it } from 'vitest';
import { fakeFetch, jsonResponse as json } from '@kassa/web-kit/testing';
import { LocalApi, localHttpClient } from './local-api';

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
    const api = new LocalApi(localHttpClient(fetchImpl));
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
    expect(calls.every((call) => call.init.cache === 'no-store')).toBe(true);
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
    const api = new LocalApi(localHttpClient(fetchImpl));
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
