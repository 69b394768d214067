import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorBody, errorStatus } from './errors.js';
import { REGISTER_ERROR_MESSAGES, localApiStatusOf } from './register.js';

describe('the error catalogue', () => {
  it('gives every code an HTTP error status', () => {
    for (const [code, entry] of [
      ...Object.entries(ERROR_MESSAGES),
      ...Object.entries(REGISTER_ERROR_MESSAGES),
    ]) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
    }
  });

  it('answers a named thing that does not exist with 404, wherever the request names it', () => {
    expect(errorStatus('terminal-not-found')).toBe(404);
    expect(errorStatus('place-of-business-not-found')).toBe(404);
    expect(errorStatus('user-not-found')).toBe(404);
  });

  it("gives the register's local API its own status where it differs, else the catalogue's", () => {
    expect(errorStatus('binding-removed')).toBe(401);
    expect(localApiStatusOf('binding-removed')).toBe(403);
    expect(localApiStatusOf('validation-failed')).toBe(400);
    expect(localApiStatusOf('invalid-credentials')).toBe(401);
    expect(localApiStatusOf('server-unreachable')).toBe(502);
    expect(localApiStatusOf('sale-empty')).toBe(409);
    expect(localApiStatusOf('line-not-found')).toBe(404);
    expect(localApiStatusOf('no-such-code')).toBe(409);
  });

  it('keeps the status out of the JSON body', () => {
    expect(errorBody('terminal-not-found')).toEqual({
      error: {
        code: 'terminal-not-found',
        sv: ERROR_MESSAGES['terminal-not-found'].sv,
        en: ERROR_MESSAGES['terminal-not-found'].en,
      },
    });
  });
});
