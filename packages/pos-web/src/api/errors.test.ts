import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFromResponse, errorText, parseErrorBody } from '@kassa/web-kit';
import { createTranslator } from '../i18n/translate';
import { isBindingRemoved } from './errors';

const refusal = {
  error: {
    code: 'cashier-not-permitted-here',
    sv: 'Du har inte behörighet att logga in på den här kassan',
    en: 'You are not permitted to sign in at this register',
  },
};

describe('parseErrorBody', () => {
  it('reads the documented shape, with details when present', () => {
    expect(parseErrorBody(refusal)).toEqual({ ...refusal.error, details: {} });
    expect(
      parseErrorBody({
        error: { ...refusal.error, details: { pcName: 'KASSA-PC-1', boundAt: '2026-11-25' } },
      })?.details,
    ).toEqual({ pcName: 'KASSA-PC-1', boundAt: '2026-11-25' });
  });

  it('returns null for anything else', () => {
    expect(parseErrorBody(undefined)).toBeNull();
    expect(parseErrorBody('Bad Gateway')).toBeNull();
    expect(parseErrorBody({ error: 'nope' })).toBeNull();
    expect(parseErrorBody({ error: { code: 'x', sv: 'y' } })).toBeNull();
    expect(parseErrorBody({ message: 'Internal Server Error', statusCode: 500 })).toBeNull();
    expect(parseErrorBody([refusal])).toBeNull();
  });
});

describe('apiErrorFromResponse', () => {
  it('keeps status, code and both texts', () => {
    const error = apiErrorFromResponse(403, refusal);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      code: 'cashier-not-permitted-here',
      messages: { sv: refusal.error.sv, en: refusal.error.en },
      isNetworkError: false,
    });
  });

  it('marks answers without the shape as unexpected', () => {
    expect(apiErrorFromResponse(502, undefined)).toMatchObject({
      status: 502,
      code: 'unexpected-response',
      messages: null,
    });
  });
});

describe('isBindingRemoved', () => {
  it('recognises only the binding-removed refusal', () => {
    const removed = apiErrorFromResponse(401, {
      error: { code: 'binding-removed', sv: 'Borttagen.', en: 'Removed.' },
    });
    expect(isBindingRemoved(removed)).toBe(true);
    expect(isBindingRemoved(apiErrorFromResponse(401, refusal))).toBe(false);
    expect(isBindingRemoved(new Error('binding-removed'))).toBe(false);
  });
});

describe('errorText', () => {
  const sv = createTranslator('sv');
  const en = createTranslator('en');

  it("shows the register's own text in the chosen language", () => {
    const error = apiErrorFromResponse(403, refusal);
    expect(errorText(error, 'sv', sv)).toBe(refusal.error.sv);
    expect(errorText(error, 'en', en)).toBe(refusal.error.en);
  });

  it('says what to do when the register cannot be reached', () => {
    const offline = new ApiError(0, 'network-error', null);
    expect(errorText(offline, 'sv', sv)).toContain('kassa start');
    expect(errorText(offline, 'en', en)).toContain('kassa start');
  });

  it('names the HTTP status of an unexpected answer', () => {
    expect(errorText(apiErrorFromResponse(500, 'oops'), 'sv', sv)).toContain('HTTP 500');
    expect(errorText(new TypeError('boom'), 'en', en)).toContain('HTTP ?');
  });
});
