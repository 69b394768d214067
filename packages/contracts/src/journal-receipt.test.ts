import { describe, expect, it } from 'vitest';
import { receiptOf } from '@kassa/core';
import { buildSampleJournal } from '@kassa/test-kit';
import { journalReceiptFiguresSchema, journalReceiptSchema } from './journal-receipt.js';

describe('journalReceiptSchema', () => {
  const receipts = buildSampleJournal().entries.flatMap((e) => receiptOf(e) ?? []);

  it('takes every receipt core builds, field for field (sale, return, copy, training, pro forma)', () => {
    expect(new Set(receipts.map((r) => r.kind))).toEqual(
      new Set(['sale', 'return', 'copy', 'training', 'pro-forma']),
    );
    for (const receipt of receipts) {
      expect(journalReceiptSchema.parse(receipt)).toEqual(receipt);
    }
  });

  it('refuses a receipt with a repeated line number, a repeated VAT rate or an unknown rate', () => {
    const sale = receipts.find((r) => r.kind === 'sale');
    if (sale === undefined) throw new Error('the sample journal has a sale');
    const line = sale.lines[0];
    const row = sale.vat[0];
    if (line === undefined || row === undefined) throw new Error('the sale has a line');
    expect(journalReceiptSchema.safeParse({ ...sale, lines: [line, line] }).success).toBe(false);
    expect(journalReceiptSchema.safeParse({ ...sale, vat: [row, row] }).success).toBe(false);
    const oddRate = { ...sale, vat: [{ ...row, rate: 1300 }] };
    expect(journalReceiptSchema.safeParse(oddRate).success).toBe(false);
    const oddTime = { ...sale, issuedAt: '2026-04-10 10:00' };
    expect(journalReceiptSchema.safeParse(oddTime).success).toBe(false);
  });

  it('takes the figures of a receipt without its header (an older journal)', () => {
    const sale = receipts.find((r) => r.kind === 'sale');
    const rest = Object.fromEntries(
      Object.entries(sale ?? {}).filter(
        ([field]) => !['companyName', 'delivery', 'original'].includes(field),
      ),
    );
    expect(journalReceiptSchema.safeParse(rest).success).toBe(false);
    expect(journalReceiptFiguresSchema.safeParse(rest).success).toBe(true);
  });
});
