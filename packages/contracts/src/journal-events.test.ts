import type { JournalEventKind } from '@kassa/core';
import { buildSampleJournal } from '@kassa/test-kit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { JOURNAL_EVENT_KINDS, journalEventSchema, parseJournalEntry } from './journal-events.js';

describe('journalEventSchema', () => {
  it('has a member for every kind of core journal event', () => {
    expectTypeOf<z.output<typeof journalEventSchema>['kind']>().toEqualTypeOf<JournalEventKind>();
  });

  it('reads every entry the register journals as it was journaled', () => {
    const { entries } = buildSampleJournal();
    for (const entry of entries) {
      const parsed = journalEventSchema.safeParse({ kind: entry.kind, data: entry.data });
      expect(parsed.success, `seq ${entry.seq} (${entry.kind})`).toBe(true);
      expect(parsed.data).toEqual({ kind: entry.kind, data: entry.data });
    }
  });

  it('refuses a kind this version does not know and data outside core’s types', () => {
    expect(journalEventSchema.safeParse({ kind: 'tip-added', data: { amount: 500 } }).success).toBe(
      false,
    );
    expect(
      journalEventSchema.safeParse({ kind: 'cash-in', data: { amount: 1.5, reason: 'växel' } })
        .success,
    ).toBe(false);
    expect(
      journalEventSchema.safeParse({ kind: 'sign-in', data: { cashier: 'anna' } }).success,
    ).toBe(false);
  });

  it('knows its kinds as a set, for telling a newer register’s kind from bad data', () => {
    const { entries } = buildSampleJournal();
    for (const entry of entries) expect(JOURNAL_EVENT_KINDS.has(entry.kind)).toBe(true);
    expect(JOURNAL_EVENT_KINDS.has('tip-added')).toBe(false);
  });

  it('reads a whole entry as core’s JournalEntry, chain fields as they came', () => {
    const { entries } = buildSampleJournal();
    for (const entry of entries) {
      const parsed = parseJournalEntry(entry);
      expect(parsed.success, `seq ${entry.seq} (${entry.kind})`).toBe(true);
      expect(parsed.success && parsed.data).toEqual(entry);
    }
    const unknown = { ...entries[0]!, kind: 'tip-added', data: { amount: 500 } };
    expect(parseJournalEntry(unknown).success).toBe(false);
  });
});
