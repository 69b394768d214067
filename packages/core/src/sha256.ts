/**
 * SHA-256 as lowercase hex of a text's UTF-8 bytes: the hash of the journal's chain (as the
 * register and the server compute it, docs/domain/receipts-journal-reports.md), of hardware
 * fingerprints and of session tokens. Pure, but it needs Node's crypto, so it is the subpath
 * `@kassa/core/sha256`, not part of the index that a browser bundle may import; the functions of
 * the index take the hash as a parameter (`HashFunction`).
 */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
