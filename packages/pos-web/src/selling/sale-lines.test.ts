import { describe, expect, it } from 'vitest';
import type { SaleLineView, SaleView } from '@kassa/contracts';
import { changedLineId } from './sale-lines';

function line(lineId: string, quantity: number): SaleLineView {
  return {
    lineId,
    articleNumber: lineId.toUpperCase(),
    text: lineId,
    itemType: 'good',
    group: null,
    unit: 'piece',
    quantity,
    unitPrice: 1_000,
    vatRate: 1_200,
    discount: null,
    discountAmount: 0,
    amount: quantity * 1_000,
  };
}

function sale(...lines: SaleLineView[]): SaleView {
  return {
    consumption: 'eat-in',
    training: false,
    lines,
    orderDiscount: null,
    discountTotal: 0,
    total: lines.reduce((sum, l) => sum + l.amount, 0),
    cashTotal: 0,
    cashRounding: 0,
    vat: [],
    maxDiscountRate: 2_000,
    parkedCount: 0,
  };
}

describe('changedLineId', () => {
  it('selects a new line, or the line whose quantity changed', () => {
    expect(changedLineId(null, sale(line('a', 1)))).toBe('a');
    expect(changedLineId(sale(line('a', 1)), sale(line('a', 1), line('b', 1)))).toBe('b');
    expect(changedLineId(sale(line('a', 1), line('b', 1)), sale(line('a', 2), line('b', 1)))).toBe(
      'a',
    );
  });

  it('selects nothing new when no line was added or changed in quantity', () => {
    expect(changedLineId(sale(line('a', 1), line('b', 1)), sale(line('b', 1)))).toBeNull();
    expect(changedLineId(sale(line('a', 1)), sale(line('a', 1)))).toBeNull();
    expect(changedLineId(null, sale())).toBeNull();
  });
});
