/** Random tokens and their one-way digests (what the database stores instead of the token). */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@kassa/core/sha256';

/** A new random token, 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 of a token, hex: stored and looked up instead of the token itself. */
export function digestToken(token: string): string {
  return sha256Hex(token);
}

/** A readable random password for a first admin (about 120 bits). */
export function newReadablePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(24);
  let out = '';
  for (let i = 0; i < 24; i++) {
    out += alphabet[(bytes[i] ?? 0) % alphabet.length];
    if (i % 6 === 5 && i < 23) out += '-';
  }
  return out;
}
