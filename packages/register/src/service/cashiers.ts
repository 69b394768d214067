/**
 * Offline cashier sign-in at the till: username + PIN checked against cashiers.json, the list the
 * server gives in GET /api/register/me (active admins, and active cashiers assigned to this
 * terminal who have a PIN). PINs are stored as scrypt strings `scrypt$N$r$p$salt$hash`
 * (base64url), the same format as the backoffice's passwords; compared in constant time.
 */
import { scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cashiersFileSchema, type CashiersFile, type RegisterCashier } from '@kassa/contracts';
import { FILES, writeJsonAtomic } from '../folder/data-folder.js';

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Parses `scrypt$N$r$p$salt$hash`; null for anything malformed (which never matches). */
export function parseScryptHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  // N must be a power of two above 1; cap the cost so a tampered file cannot hang the till.
  if (N < 2 || (N & (N - 1)) !== 0 || N > 1 << 20 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || hash.length < 16 || hash.length > 128) return null;
  return { N, r, p, salt, hash };
}

/** Checks a PIN (NFC-normalised) against a stored scrypt string, in constant time. */
export function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseScryptHash(stored);
  if (parsed === null) return Promise.resolve(false);
  const { N, r, p, salt, hash } = parsed;
  return new Promise((resolve) => {
    scrypt(
      pin.normalize('NFC'),
      salt,
      hash.length,
      { N, r, p, maxmem: 256 * N * r + 64 * 1024 * 1024 },
      (error, key) => resolve(error === null && timingSafeEqual(key, hash)),
    );
  });
}

/** Usernames compare trimmed, NFC and case-insensitively (the backoffice stores them lower-case). */
function normaliseUsername(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}

export type CashierLookup =
  { kind: 'listed'; cashier: RegisterCashier } | { kind: 'not-permitted' } | { kind: 'unknown' };

/**
 * Who is signing in: a listed (permitted) cashier, a user of the environment not permitted at
 * this terminal, or nobody we know.
 */
export function lookUpCashier(file: CashiersFile, username: string): CashierLookup {
  const wanted = normaliseUsername(username);
  const cashier = file.cashiers.find((c) => normaliseUsername(c.username) === wanted);
  if (cashier && cashier.active && cashier.pinHash !== null) return { kind: 'listed', cashier };
  if (cashier || file.otherUsernames.some((u) => normaliseUsername(u) === wanted)) {
    return { kind: 'not-permitted' };
  }
  return { kind: 'unknown' };
}

/** Wrong-PIN throttle per username: after `limit` failures, locked for `lockMs`. */
export class PinThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly limit = 5,
    private readonly lockMs = 60_000,
  ) {}

  /** Milliseconds left of a lock, or 0 when the user may try. */
  lockedFor(username: string, now: number): number {
    const entry = this.failures.get(normaliseUsername(username));
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  recordFailure(username: string, now: number): void {
    const key = normaliseUsername(username);
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= this.limit) {
      entry.count = 0;
      entry.lockedUntil = now + this.lockMs;
    }
    this.failures.set(key, entry);
  }

  recordSuccess(username: string): void {
    this.failures.delete(normaliseUsername(username));
  }
}

/** Reads cashiers.json: null when absent or damaged (nobody can sign in until the next sync). */
export async function readCashiers(folder: string): Promise<CashiersFile | null> {
  try {
    const parsed = cashiersFileSchema.safeParse(
      JSON.parse(await readFile(path.join(folder, FILES.cashiers), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes cashiers.json (owner-readable only: it holds PIN hashes). */
export function writeCashiers(folder: string, file: CashiersFile): Promise<void> {
  return writeJsonAtomic(path.join(folder, FILES.cashiers), file, 0o600);
}
