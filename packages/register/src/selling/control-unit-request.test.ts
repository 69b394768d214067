/**
 * The amounts sent to the control unit (docs/protocols/control-unit.md "Amounts"): one rule for
 * sales and returns, whatever the payment method and its öresavrundning. Property test over
 * random sales and random partial returns, paid and refunded in cash (rounded) or by card.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Receipt,
  type ReceiptHeader,
  type Tender,
  type VatCategory,
  addLine,
  buildReturnReceipt,
  buildSaleReceipt,
  createSale,
  encodeRegisterReceiptMessage,
  ore,
  priceSale,
  SHOP_TIME_ZONE,
  validateReceiptRegistration,
} from '@kassa/core';
import {
  ControlUnitLedger,
  controlUnitRequestOf,
  registrationOf,
  resolveDoubt,
} from './control-unit-request.js';

const TZ = SHOP_TIME_ZONE;
const DAY = '2026-11-25';
const AT = '2026-11-25T10:15:00.000Z';
const HEADER: ReceiptHeader = {
  companyName: 'Kaffe & Bröd AB',
  organisationNumber: '556677-8899',
  placeOfSaleAddress: 'Strandgatan 1, 621 56 Visby',
  registerId: 'K1',
  delivery: 'paper',
};

const lineArb = fc.record({
  price: fc.integer({ min: 1, max: 50_000 }),
  quantity: fc.integer({ min: 1, max: 5 }),
  vatCategory: fc.constantFrom<VatCategory>('standard', 'food', 'restaurant', 'reduced', 'exempt'),
});

function sale(lines: readonly { price: number; quantity: number; vatCategory: VatCategory }[]) {
  let built = createSale(DAY, 'take-away');
  lines.forEach((line, i) => {
    const added = addLine(built, {
      lineId: `l${i}`,
      articleNumber: `A${i}`,
      text: `Artikel ${i}`,
      itemType: 'good',
      vatCategory: line.vatCategory,
      pricing: { unit: 'piece', unitPrice: ore(line.price), quantity: line.quantity },
    });
    if (!added.ok) throw new Error(added.code);
    built = added.value;
  });
  const priced = priceSale(built);
  if (!priced.ok) throw new Error(priced.code);
  return priced.value;
}

const cash: Tender = { method: 'cash' };
const card = (amount: number): Tender => ({ method: 'card', amount: ore(amount) });

function check(receipt: Receipt) {
  const request = controlUnitRequestOf(receipt, TZ);
  const registration = registrationOf(request);
  expect(validateReceiptRegistration(registration).ok).toBe(true);
  const message = encodeRegisterReceiptMessage(registration, 1);
  if (!message.ok) throw new Error(message.code);
  const [, , , , , , total, returnTotal] = message.value.split('#');
  return { request, total: total ?? '', returnTotal: returnTotal ?? '' };
}

describe('the amounts sent to the control unit', () => {
  it('follow one rule: the unrounded total, its magnitude as the return amount, for cash and card alike', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (lines, returnPicks, saleInCash, refundInCash) => {
          const priced = sale(lines);
          const context = { header: HEADER, receiptNumber: 7, issuedAt: AT };
          const sold = buildSaleReceipt(context, priced, [saleInCash ? cash : card(priced.total)]);
          if (!sold.ok) throw new Error(sold.code);
          const byCard = buildSaleReceipt(context, priced, [card(priced.total)]);
          if (!byCard.ok) throw new Error(byCard.code);

          const s = check(sold.value);
          expect(s.request.total).toBe(sold.value.total);
          expect(s.request.returnTotal).toBe(0);
          expect(s.returnTotal).toBe('0,00');
          // The cash rounding never reaches the unit: cash and card send the same amounts.
          expect(check(byCard.value).request).toEqual(s.request);
          expect(s.request.vat.reduce((a, v) => a + v.amount, 0)).toBe(
            sold.value.vat.reduce((a, v) => a + v.vat, 0),
          );

          const items = [...new Set(returnPicks.map((p) => (p % lines.length) + 1))].map(
            (lineNo) => ({ lineNo, quantity: 1 }),
          );
          const returnContext = { ...context, receiptNumber: 8, businessDay: DAY };
          const inCash = buildReturnReceipt(returnContext, sold.value, [], items, [cash]);
          if (!inCash.ok) throw new Error(inCash.code);
          const returned = refundInCash
            ? inCash
            : buildReturnReceipt(returnContext, sold.value, [], items, [
                card(Math.abs(inCash.value.total)),
              ]);
          if (!returned.ok) throw new Error(returned.code);
          // Cash or card, the unit gets the same amounts.
          expect(check(returned.value).request).toEqual(check(inCash.value).request);
          const r = check(returned.value);
          expect(r.request.total).toBe(returned.value.total);
          expect(r.request.returnTotal).toBe(Math.abs(returned.value.total));
          expect(returned.value.total).toBeLessThan(0);
          expect(r.total).toBe(`-${r.returnTotal}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reproduces the reported case: a 29,90 cash return is sent as -29,90#29,90, not -30,00#29,90', () => {
    const priced = sale([{ price: 2990, quantity: 1, vatCategory: 'food' }]);
    const context = { header: HEADER, receiptNumber: 1, issuedAt: AT };
    const sold = buildSaleReceipt(context, priced, [cash]);
    if (!sold.ok) throw new Error(sold.code);
    expect(sold.value.totalToPay).toBe(3000);
    expect(`${check(sold.value).total}#${check(sold.value).returnTotal}`).toBe('29,90#0,00');
    const returned = buildReturnReceipt(
      { ...context, receiptNumber: 2, businessDay: DAY },
      sold.value,
      [],
      [{ lineNo: 1, quantity: 1 }],
      [cash],
    );
    if (!returned.ok) throw new Error(returned.code);
    expect(returned.value.totalToPay).toBe(-3000);
    const sent = check(returned.value);
    expect(`${sent.total}#${sent.returnTotal}`).toBe('-29,90#29,90');
  });
});

describe('a number in doubt', () => {
  const priced = sale([{ price: 6900, quantity: 1, vatCategory: 'food' }]);
  const first = buildSaleReceipt({ header: HEADER, receiptNumber: 5, issuedAt: AT }, priced, [
    card(6900),
  ]);
  if (!first.ok) throw new Error(first.code);
  const request = controlUnitRequestOf(first.value, TZ);
  const doubt = { request, seq: 10, dayClosed: false };

  it('is resent only with identical data, keeping its time; other data skips it', () => {
    const later = { ...first.value, issuedAt: '2026-11-25T10:19:00.000Z' };
    const same = resolveDoubt(doubt, later, TZ);
    expect(same).toMatchObject({ action: 'resend', receipt: { receiptNumber: 5, issuedAt: AT } });
    const other = buildSaleReceipt(
      { header: HEADER, receiptNumber: 5, issuedAt: AT },
      sale([{ price: 21800, quantity: 1, vatCategory: 'food' }]),
      [card(21800)],
    );
    if (!other.ok) throw new Error(other.code);
    expect(resolveDoubt(doubt, other.value, TZ)).toEqual({
      action: 'skip',
      reason: 'content-changed',
    });
    expect(resolveDoubt({ ...doubt, dayClosed: true }, later, TZ)).toEqual({
      action: 'skip',
      reason: 'day-over',
    });
  });

  it('comes from the journal: a request without an outcome, or with an unknown one', () => {
    const entry = (seq: number, event: object) =>
      ({ seq, at: AT, prevHash: '', hash: '', ...event }) as Parameters<
        ControlUnitLedger['see']
      >[0];
    const ledger = new ControlUnitLedger();
    ledger.see(entry(1, { kind: 'control-unit-request', data: request }));
    expect(ledger.unanswered()).toEqual([{ series: 'receipt', receiptNumber: 5 }]);
    ledger.see(
      entry(2, {
        kind: 'control-unit-answer',
        data: { series: 'receipt', receiptNumber: 5, outcome: 'unknown', code: 'x' },
      }),
    );
    expect(ledger.unanswered()).toEqual([]);
    expect(ledger.inDoubt('receipt')?.request).toEqual(request);
    ledger.see(entry(3, { kind: 'sale', data: { receipt: first.value } }));
    expect(ledger.inDoubt('receipt')).toBeUndefined();

    const refused = new ControlUnitLedger();
    refused.see(entry(1, { kind: 'control-unit-request', data: request }));
    refused.see(
      entry(2, {
        kind: 'control-unit-answer',
        data: { series: 'receipt', receiptNumber: 5, outcome: 'refused', code: 'control-unit-nak' },
      }),
    );
    expect(refused.inDoubt('receipt')).toBeUndefined();
  });
});
