/**
 * Device authentication of the register's requests (register-protocol.md, "Device-authenticated
 * requests"): an Ed25519 signature over
 *
 *   METHOD \n PATH \n TIMESTAMP \n NONCE \n SHA256_HEX(BODY)
 *
 * where PATH includes the query string and BODY is the exact bytes sent (empty when none).
 * Everything here is deterministic given its inputs (Ed25519 signatures are deterministic);
 * the clock and random nonce are passed in.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { REGISTER_PROTOCOL_VERSION } from '@kassa/contracts';

/** The header value of X-Kassa-Protocol on every request (docs/protocols/register-protocol.md). */
export const PROTOCOL_VERSION = String(REGISTER_PROTOCOL_VERSION);

export interface SigningInput {
  method: string;
  /** Path and query string as sent, e.g. `/api/register/me?x=1`. */
  path: string;
  /** Milliseconds since the epoch, as sent in X-Kassa-Timestamp. */
  timestamp: number;
  nonce: string;
  /** The exact body bytes (or text, encoded as UTF-8); empty when none. */
  body: Uint8Array | string;
}

/** SHA-256 of the body bytes, lower-case hex. */
export function bodyDigest(body: Uint8Array | string): string {
  return createHash('sha256')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
}

/** The exact string that is signed. */
export function buildSigningString(input: SigningInput): string {
  return [
    input.method.toUpperCase(),
    input.path,
    String(input.timestamp),
    input.nonce,
    bodyDigest(input.body),
  ].join('\n');
}

/** The path and query string of a URL, as the server sees it in the request line. */
export function requestPathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** The four X-Kassa-* headers (plus the protocol version) of one request. */
export function signRequest(
  privateKey: KeyObject,
  bindingId: string,
  input: SigningInput,
): Record<string, string> {
  const signature = sign(null, Buffer.from(buildSigningString(input), 'utf8'), privateKey);
  return {
    'x-kassa-protocol': PROTOCOL_VERSION,
    'x-kassa-binding': bindingId,
    'x-kassa-timestamp': String(input.timestamp),
    'x-kassa-nonce': input.nonce,
    'x-kassa-signature': signature.toString('base64'),
  };
}

/** Checks a signature the way the server does (used by tests and `kassa doctor`'s self-check). */
export function verifyRequestSignature(
  publicKeyBase64: string,
  input: SigningInput,
  signatureBase64: string,
): boolean {
  const key = createPublicKey({
    key: Buffer.from(publicKeyBase64, 'base64'),
    format: 'der',
    type: 'spki',
  });
  return verify(
    null,
    Buffer.from(buildSigningString(input), 'utf8'),
    key,
    Buffer.from(signatureBase64, 'base64'),
  );
}

export interface DeviceKeyPair {
  /** PKCS#8 PEM: what device-key.pem holds. */
  privateKeyPem: string;
  /** SPKI DER, base64: what the server receives. */
  publicKeyBase64: string;
}

/** A new Ed25519 key pair. */
export function generateDeviceKeyPair(): DeviceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/** Loads a PKCS#8 PEM private key; throws on anything but an Ed25519 key. */
export function loadPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`expected an Ed25519 key, found ${key.asymmetricKeyType ?? 'unknown'}`);
  }
  return key;
}

/** The public key (SPKI DER, base64) of a private key. */
export function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}
