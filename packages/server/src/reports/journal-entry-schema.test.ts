import type { JournalEventKind } from '@kassa/core';
import { buildSampleJournal } from '@kassa/test-kit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { journalEventSchema } from './journal-entry-schema.js';

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
});
