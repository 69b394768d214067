/** A simulated register PC for server tests: an Ed25519 key and signed requests. */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { signedMessage } from '../../src/http/device-auth.js';

export class SimulatedPc {
  readonly publicKey: string;
  private readonly privateKey: KeyObject;
  bindingId = '';

  constructor(
    readonly pcName: string,
    readonly fingerprint: string = randomBytes(32).toString('hex'),
  ) {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  }

  identity(programVersion = '0.1.0') {
    return {
      publicKey: this.publicKey,
      fingerprint: this.fingerprint,
      pcName: this.pcName,
      programVersion,
    };
  }

  /** Headers of a signed request. */
  sign(method: string, url: string, body: string, timestamp = Date.now(), nonce?: string) {
    const n = nonce ?? randomBytes(18).toString('base64url');
    const message = signedMessage(method, url, String(timestamp), n, body);
    return {
      'x-kassa-protocol': '1',
      'x-kassa-binding': this.bindingId,
      'x-kassa-timestamp': String(timestamp),
      'x-kassa-nonce': n,
      'x-kassa-signature': sign(null, Buffer.from(message), this.privateKey).toString('base64'),
    };
  }

  /** Sends a signed request in-process. */
  async request(
    app: FastifyInstance,
    host: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    now = Date.now(),
  ) {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    return app.inject({
      method,
      url,
      headers: {
        host,
        ...this.sign(method, url, body, now),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload: body }),
    });
  }
}
