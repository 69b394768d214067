/**
 * Why a request to the server failed before any HTTP answer: unreachable (refused, no such host,
 * timeout, reset) or the TLS handshake (certificate, protocol). Pure: it reads the error object
 * that fetch (undici) throws; its `cause` carries the system or OpenSSL code.
 */

export type NetworkFailure =
  { code: 'server-unreachable'; reason: string } | { code: 'tls-failed'; reason: string };

/** OpenSSL/Node certificate error codes, with a plain Swedish description. */
const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'servern använder ett självsignerat certifikat',
  SELF_SIGNED_CERT_IN_CHAIN:
    'certifikatkedjan innehåller ett självsignerat certifikat som inte är betrott',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certifikatet kan inte verifieras (okänd utfärdare)',
  UNABLE_TO_GET_ISSUER_CERT: 'certifikatets utfärdare är okänd',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certifikatets utfärdare är okänd på den här datorn',
  CERT_HAS_EXPIRED: 'certifikatet har gått ut (eller datorns klocka går fel)',
  CERT_NOT_YET_VALID: 'certifikatet gäller inte ännu (eller datorns klocka går fel)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certifikatet gäller inte för den här adressen',
  CERT_REVOKED: 'certifikatet är återkallat',
  CERT_SIGNATURE_FAILURE: 'certifikatets signatur är ogiltig',
  CERT_UNTRUSTED: 'certifikatet är inte betrott',
  CERT_REJECTED: 'certifikatet avvisades',
  ERR_SSL_WRONG_VERSION_NUMBER:
    'servern svarar inte med TLS på den här porten (prova http:// eller rätt port)',
  EPROTO: 'TLS-protokollfel',
};

const UNREACHABLE_REASONS: Record<string, string> = {
  ECONNREFUSED: 'anslutningen nekades',
  ENOTFOUND: 'adressen finns inte (DNS)',
  EAI_AGAIN: 'namnuppslagningen (DNS) svarar inte',
  ETIMEDOUT: 'tidsgränsen gick ut',
  ECONNRESET: 'anslutningen bröts',
  EHOSTUNREACH: 'servern går inte att nå från det här nätverket',
  ENETUNREACH: 'nätverket går inte att nå',
  EPIPE: 'anslutningen bröts',
  UND_ERR_CONNECT_TIMEOUT: 'tidsgränsen för anslutningen gick ut',
  UND_ERR_HEADERS_TIMEOUT: 'servern svarade inte i tid',
  UND_ERR_BODY_TIMEOUT: 'servern svarade inte i tid',
  UND_ERR_SOCKET: 'anslutningen bröts',
};

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The chain error → cause → cause…, at most a few levels. */
function chain(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  for (let i = 0; i < 5 && current !== undefined && current !== null; i++) {
    out.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/** Classifies a thrown fetch error; null when it is not a network or TLS failure. */
export function classifyNetworkError(error: unknown): NetworkFailure | null {
  const links = chain(error);
  for (const link of links) {
    const name = (link as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { code: 'server-unreachable', reason: 'servern svarade inte i tid' };
    }
  }
  for (const link of links) {
    const code = codeOf(link);
    if (code === undefined) continue;
    const tls = TLS_REASONS[code];
    if (tls !== undefined) return { code: 'tls-failed', reason: `${tls} [${code}]` };
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
      return { code: 'tls-failed', reason: code };
    }
    const unreachable = UNREACHABLE_REASONS[code];
    if (unreachable !== undefined) {
      return { code: 'server-unreachable', reason: `${unreachable} [${code}]` };
    }
  }
  // fetch's own wrapper without a known cause: still the network, not an HTTP answer.
  if (error instanceof TypeError && error.message === 'fetch failed') {
    const cause = links[1];
    const detail = cause instanceof Error ? cause.message : 'okänt nätverksfel';
    return { code: 'server-unreachable', reason: detail };
  }
  return null;
}
