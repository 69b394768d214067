import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from './net-errors.js';

function fetchFailed(cause: Record<string, unknown> & { message?: string }): TypeError {
  const inner = Object.assign(new Error(cause.message ?? 'x'), cause);
  return new TypeError('fetch failed', { cause: inner });
}

describe('classifyNetworkError', () => {
  it('reads unreachable servers from the system error code', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET']) {
      expect(classifyNetworkError(fetchFailed({ code }))).toMatchObject({
        code: 'server-unreachable',
        reason: expect.stringContaining(code) as unknown,
      });
    }
  });

  it('reads undici connect timeouts and AbortSignal.timeout as unreachable', () => {
    expect(classifyNetworkError(fetchFailed({ code: 'UND_ERR_CONNECT_TIMEOUT' }))).toMatchObject({
      code: 'server-unreachable',
    });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyNetworkError(timeout)).toMatchObject({ code: 'server-unreachable' });
  });

  it('reads certificate and TLS protocol errors as tls-failed', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'ERR_SSL_SOMETHING_NEW',
    ]) {
      expect(classifyNetworkError(fetchFailed({ code })), code).toMatchObject({
        code: 'tls-failed',
        reason: expect.stringContaining(code) as unknown,
      });
    }
  });

  it('explains the clock for expired certificates', () => {
    expect(classifyNetworkError(fetchFailed({ code: 'CERT_HAS_EXPIRED' }))?.reason).toContain(
      'klocka',
    );
  });

  it('treats an unknown fetch failure as the network and anything else as not ours', () => {
    expect(classifyNetworkError(fetchFailed({ message: 'other side closed' }))).toEqual({
      code: 'server-unreachable',
      reason: 'other side closed',
    });
    expect(classifyNetworkError(new Error('bug'))).toBeNull();
    expect(classifyNetworkError('string')).toBeNull();
  });
});
