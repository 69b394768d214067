import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore } from '../money.js';
import { canonicalJson } from './canonical-json.js';
import type { JournalEntry, JournalEvent } from './journal.js';
import { GENESIS_HASH, appendEntry, verifyJournal } from './journal-chain.js';
import { nextReceiptNumber, verifyNumbering } from './receipt-numbering.js';

// The caller's hash function; tests use the real SHA-256.
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function chain(events: readonly JournalEvent[]): JournalEntry[] {
  const entries: JournalEntry[] = [];
  events.forEach((event, i) => {
    const at = new Date(Date.UTC(2026, 3, 11, 8, 0, i)).toISOString();
    entries.push(appendEntry(entries.at(-1) ?? null, event, at, sha256));
  });
  return entries;
}

const anyEvent: fc.Arbitrary<JournalEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('drawer-opened' as const),
    data: fc.record({ reason: fc.string() }),
  }),
  fc.record({
    kind: fc.constant('cash-in' as const),
    data: fc.record({ amount: fc.integer({ min: 0, max: 1e9 }).map(ore), reason: fc.string() }),
  }),
  fc.record({ kind: fc.constant('sign-in' as const), data: fc.record({ cashierId: fc.string() }) }),
);

describe('canonicalJson', () => {
  it('sorts keys, drops undefined and refuses floats', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, å: { z: 0, y: -2 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"å":{"y":-2,"z":0}}',
    );
    expect(() => canonicalJson({ a: 0.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
  });

  it('is JSON with every object’s keys sorted, for any JSON value of safe integers', () => {
    // The plain recursive definition, as the oracle of the optimised one.
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const record = v as Record<string, unknown>;
        const keys = Object.keys(record)
          .filter((k) => record[k] !== undefined)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    const safe = (v: unknown): boolean =>
      typeof v === 'number'
        ? Number.isSafeInteger(v)
        : Array.isArray(v)
          ? v.every(safe)
          : v !== null && typeof v === 'object'
            ? Object.values(v).every(safe)
            : true;
    const json = fc
      .oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()))
      .map((v) => JSON.parse(JSON.stringify(v)) as unknown)
      .filter(safe);
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(reference(value));
        expect(JSON.parse(text)).toEqual(value);
      }),
    );
  });

  it('refuses a time that is not an ISO instant', () => {
    expect(() =>
      appendEntry(null, { kind: 'sign-out', data: { cashierId: 'a' } }, '2026-04-11 08:00', sha256),
    ).toThrow(RangeError);
  });
});

describe('verifyJournal', () => {
  const entries = chain([
    { kind: 'sign-in', data: { cashierId: 'anna' } },
    { kind: 'cash-float', data: { amount: ore(50_000) } },
    { kind: 'drawer-opened', data: { reason: 'växel' } },
    { kind: 'sign-out', data: { cashierId: 'anna' } },
  ]);
  const head = { seq: 4, hash: entries[3]?.hash ?? '' };

  it('accepts an intact journal and returns its head', () => {
    expect(verifyJournal(entries, sha256, { head })).toEqual({ ok: true, value: head });
    expect(verifyJournal([], sha256)).toEqual({ ok: true, value: null });
  });

  it('names the first bad seq and why', () => {
    const mutated = entries.map((e) => (e.seq === 2 ? { ...e, data: { amount: ore(40_000) } } : e));
    expect(verifyJournal(mutated as JournalEntry[], sha256)).toMatchObject({
      seq: 2,
      reason: 'bad-hash',
    });
    expect(verifyJournal([entries[0], entries[2]] as JournalEntry[], sha256)).toMatchObject({
      seq: 3,
      reason: 'gap',
    });
    expect(
      verifyJournal([entries[0], entries[1], entries[1]] as JournalEntry[], sha256),
    ).toMatchObject({
      seq: 2,
      reason: 'duplicate',
    });
    const relinked = entries.map((e) => (e.seq === 3 ? { ...e, prevHash: GENESIS_HASH } : e));
    expect(verifyJournal(relinked, sha256)).toMatchObject({ seq: 3, reason: 'broken-link' });
    expect(verifyJournal(entries.slice(0, 3), sha256, { head })).toMatchObject({
      seq: 4,
      reason: 'truncated',
    });
  });

  it('verifies a slice after a known entry', () => {
    const after = { seq: 2, hash: entries[1]?.hash ?? '' };
    expect(verifyJournal(entries.slice(2), sha256, { after, head }).ok).toBe(true);
  });

  it('detects any single mutated, removed, reordered or inserted entry', () => {
    fc.assert(
      fc.property(
        fc.array(anyEvent, { minLength: 2, maxLength: 12 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('mutate', 'remove', 'swap', 'insert'),
        anyEvent,
        (events, i, j, tamper, extra) => {
          const original = chain(events);
          const known = { seq: original.length, hash: original.at(-1)?.hash ?? '' };
          const a = i % original.length;
          const b = j % original.length;
          const tampered = [...original];
          if (tamper === 'mutate') {
            const e = original[a] as JournalEntry;
            tampered[a] = { ...e, at: '1999-01-01T00:00:00Z' };
          } else if (tamper === 'remove') {
            tampered.splice(a, 1);
          } else if (tamper === 'swap') {
            fc.pre(a !== b);
            [tampered[a], tampered[b]] = [original[b] as JournalEntry, original[a] as JournalEntry];
          } else {
            // A well-formed entry forged onto the entry before the insertion point.
            const forged = appendEntry(
              a === 0 ? null : (original[a - 1] as JournalEntry),
              extra,
              '2026-04-11T09:00:00Z',
              sha256,
            );
            tampered.splice(a, 0, forged);
          }
          expect(verifyJournal(tampered, sha256, { head: known }).ok).toBe(false);
        },
      ),
    );
  });
});

describe('receipt numbering', () => {
  it('derives the next number per series from the journal', () => {
    const receipt = (
      kind: 'sale' | 'return' | 'copy' | 'training',
      receiptNumber: number,
    ): JournalEvent =>
      // Only kind and number matter for numbering; the rest of the receipt is irrelevant here.
      ({
        kind,
        data: { receipt: { kind, receiptNumber, original: null } },
      }) as unknown as JournalEvent;
    const events = [
      receipt('sale', 1),
      receipt('return', 2),
      receipt('training', 1),
      receipt('sale', 3),
    ];
    expect(nextReceiptNumber(events, 'receipt')).toBe(4);
    expect(nextReceiptNumber(events, 'training')).toBe(2);
    expect(nextReceiptNumber(events, 'copy')).toBe(1);
    expect(verifyNumbering(chain(events))).toEqual({ ok: true, value: null });
    expect(verifyNumbering(chain([...events, receipt('sale', 5)]))).toMatchObject({
      code: 'numbering-broken',
      seq: 5,
      expected: 4,
      found: 5,
    });
  });
});
