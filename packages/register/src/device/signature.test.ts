import { describe, expect, it } from 'vitest';
import {
  bodyDigest,
  buildSigningString,
  generateDeviceKeyPair,
  loadPrivateKey,
  publicKeyOf,
  requestPathOf,
  signRequest,
  verifyRequestSignature,
} from './signature.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('request signature', () => {
  it('builds METHOD, PATH, TIMESTAMP, NONCE and the body digest, one per line', () => {
    expect(
      buildSigningString({
        method: 'get',
        path: '/api/register/me',
        timestamp: 1_764_061_200_000,
        nonce: 'abc_DEF-123',
        body: '',
      }),
    ).toBe(`GET\n/api/register/me\n1764061200000\nabc_DEF-123\n${EMPTY_SHA256}`);
  });

  it('hashes the exact UTF-8 body bytes', () => {
    expect(bodyDigest('')).toBe(EMPTY_SHA256);
    expect(bodyDigest('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(bodyDigest('{"namn":"Åsa"}')).toBe(
      bodyDigest(new Uint8Array(Buffer.from('{"namn":"Åsa"}', 'utf8'))),
    );
    expect(bodyDigest('{"a":1}')).not.toBe(bodyDigest('{"a": 1}'));
  });

  it('keeps the query string in the path', () => {
    expect(requestPathOf('https://kafe.kassa.se/api/register/me?since=5&x=%C3%A5')).toBe(
      '/api/register/me?since=5&x=%C3%A5',
    );
    expect(requestPathOf('http://127.0.0.1:8080/api/register/heartbeat')).toBe(
      '/api/register/heartbeat',
    );
  });

  it('signs so that the public key verifies, and any change breaks it', () => {
    const pair = generateDeviceKeyPair();
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const key = loadPrivateKey(pair.privateKeyPem);
    expect(publicKeyOf(key)).toBe(pair.publicKeyBase64);
    // SPKI DER of an Ed25519 key: 12 bytes of header + 32 bytes of key.
    expect(Buffer.from(pair.publicKeyBase64, 'base64')).toHaveLength(44);

    const input = {
      method: 'POST',
      path: '/api/register/heartbeat',
      timestamp: 1_764_061_200_000,
      nonce: 'bm9uY2Utbm9uY2Utbm9uY2U',
      body: '{"programVersion":"0.1.0","unsyncedEntries":0}',
    };
    const headers = signRequest(key, 'b1', input);
    expect(headers).toMatchObject({
      'x-kassa-protocol': '1',
      'x-kassa-binding': 'b1',
      'x-kassa-timestamp': '1764061200000',
      'x-kassa-nonce': input.nonce,
    });
    const signature = headers['x-kassa-signature'] ?? '';
    expect(verifyRequestSignature(pair.publicKeyBase64, input, signature)).toBe(true);
    expect(
      verifyRequestSignature(pair.publicKeyBase64, { ...input, body: input.body + ' ' }, signature),
    ).toBe(false);
    expect(
      verifyRequestSignature(pair.publicKeyBase64, { ...input, timestamp: 1 }, signature),
    ).toBe(false);
    expect(verifyRequestSignature(generateDeviceKeyPair().publicKeyBase64, input, signature)).toBe(
      false,
    );
  });

  it('refuses a key that is not Ed25519', () => {
    expect(() => loadPrivateKey('not a key')).toThrow();
  });
});
