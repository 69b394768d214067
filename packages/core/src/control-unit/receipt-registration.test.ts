import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ore, ore } from '../money.js';
import { type VatRate } from '../vat.js';
import { decodeCcspChunk, INITIAL_CCSP_DECODER_STATE } from './ccsp-decoder.js';
import {
  type ReceiptRegistration,
  encodeRegisterReceiptMessage,
  encodeRegisterReceiptRequest,
  validateReceiptRegistration,
} from './receipt-registration.js';

// The spec's layout example (§2): 2026-04-11 14:32, receipt 123, register K1, total 105,00 with
// 12 % VAT 3,75 and 6 % VAT 3,96.
const SALE: ReceiptRegistration = {
  dateTime: '202604111432',
  organisationNumber: '556677-8899',
  registerId: 'K1',
  receiptNumber: 123,
  receiptType: 'normal',
  returnTotal: ore(0),
  total: ore(10500),
  vat: [
    { rate: 1200, amount: ore(375) },
    { rate: 600, amount: ore(396) },
  ],
};

const SALE_MESSAGE =
  'RR#1#202604111432#123#K1#5566778899#105,00#0,00#normal# #12,00;3,75#6,00;3,96# ';

/** A registration with some fields replaced, bypassing the types as JSON input could. */
function withFields(fields: Record<string, unknown>): ReceiptRegistration {
  // Spreading an untyped record lets these tests feed values the types would not allow.
  return { ...SALE, ...fields };
}

describe('validateReceiptRegistration', () => {
  it('returns the fields in the regulation formats', () => {
    expect(validateReceiptRegistration(SALE)).toEqual({
      ok: true,
      value: {
        dateTime: '202604111432',
        organisationNumber: '5566778899',
        registerId: 'K1',
        receiptNumber: '123',
        receiptType: 'normal',
        returnTotal: '0,00',
        total: '105,00',
        vatSlots: [undefined, '12,00;3,75', '6,00;3,96', undefined],
      },
    });
  });

  it('accepts the widest values of every field', () => {
    const widest = withFields({
      organisationNumber: '5566778899',
      registerId: 'ABCDEFGHIJ123456',
      receiptNumber: 999_999_999_999,
      receiptType: 'ovning',
      returnTotal: ore(9_999_999_999_999),
      total: ore(-999_999_999_999),
      vat: [
        { rate: 2500, amount: ore(-999_999_999_999) },
        { rate: 0, amount: ore(0) },
      ],
    });
    expect(validateReceiptRegistration(widest)).toMatchObject({
      ok: true,
      value: {
        returnTotal: '99999999999,99',
        total: '-9999999999,99',
        vatSlots: ['25,00;-9999999999,99', undefined, undefined, '0,00;0,00'],
      },
    });
  });

  it.each(['normal', 'kopia', 'ovning', 'profo'])('accepts receipt type %j', (receiptType) => {
    expect(validateReceiptRegistration(withFields({ receiptType })).ok).toBe(true);
  });

  it.each([
    // [field values, expected code, field, value]
    [{ dateTime: '20260411143' }, 'control-unit-invalid-date-time', 'dateTime', '20260411143'],
    [{ dateTime: '202604311200' }, 'control-unit-invalid-date-time', 'dateTime', '202604311200'],
    [{ dateTime: 202604111432 }, 'control-unit-invalid-date-time', 'dateTime', '202604111432'],
    [
      { organisationNumber: '556677889' },
      'control-unit-invalid-organisation-number',
      'organisationNumber',
      '556677889',
    ],
    [
      { organisationNumber: '16556677-8899' },
      'control-unit-invalid-organisation-number',
      'organisationNumber',
      '16556677-8899',
    ],
    [
      { organisationNumber: '556677+8899' },
      'control-unit-invalid-organisation-number',
      'organisationNumber',
      '556677+8899',
    ],
    [
      { organisationNumber: 5566778899 },
      'control-unit-invalid-organisation-number',
      'organisationNumber',
      '5566778899',
    ],
    [{ registerId: '' }, 'control-unit-invalid-register-id', 'registerId', ''],
    [
      { registerId: 'ABCDEFGHIJ1234567' },
      'control-unit-invalid-register-id',
      'registerId',
      'ABCDEFGHIJ1234567',
    ],
    [{ registerId: 'KASSA-1' }, 'control-unit-invalid-register-id', 'registerId', 'KASSA-1'],
    [{ registerId: 'K 1' }, 'control-unit-invalid-register-id', 'registerId', 'K 1'],
    [{ registerId: 'K#1' }, 'control-unit-invalid-register-id', 'registerId', 'K#1'],
    [{ registerId: 'KÅ1' }, 'control-unit-invalid-register-id', 'registerId', 'KÅ1'],
    [{ receiptNumber: 0 }, 'control-unit-invalid-receipt-number', 'receiptNumber', '0'],
    [{ receiptNumber: -1 }, 'control-unit-invalid-receipt-number', 'receiptNumber', '-1'],
    [{ receiptNumber: 1.5 }, 'control-unit-invalid-receipt-number', 'receiptNumber', '1.5'],
    [
      { receiptNumber: 1_000_000_000_000 },
      'control-unit-invalid-receipt-number',
      'receiptNumber',
      '1000000000000',
    ],
    [{ receiptNumber: '123' }, 'control-unit-invalid-receipt-number', 'receiptNumber', '123'],
    [{ receiptType: 'return' }, 'control-unit-invalid-receipt-type', 'receiptType', 'return'],
    [{ receiptType: 'NORMAL' }, 'control-unit-invalid-receipt-type', 'receiptType', 'NORMAL'],
    [{ receiptType: 'övning' }, 'control-unit-invalid-receipt-type', 'receiptType', 'övning'],
    [{ returnTotal: 1.5 }, 'control-unit-invalid-amount', 'returnTotal', '1.5'],
    [{ returnTotal: '0' }, 'control-unit-invalid-amount', 'returnTotal', '0'],
    [
      { returnTotal: 10_000_000_000_000 },
      'control-unit-amount-too-wide',
      'returnTotal',
      '10000000000000',
    ],
    [{ returnTotal: -100 }, 'control-unit-negative-return-total', 'returnTotal', '-100'],
    [{ total: Number.NaN }, 'control-unit-invalid-amount', 'total', 'NaN'],
    [{ total: 2 ** 53 }, 'control-unit-invalid-amount', 'total', String(2 ** 53)],
    [
      { total: -1_000_000_000_000 }, // "-10000000000,00" is 15 characters
      'control-unit-amount-too-wide',
      'total',
      '-1000000000000',
    ],
    [
      { vat: [{ rate: 1900, amount: 100 }] },
      'control-unit-unknown-vat-rate',
      'vat[0].rate',
      '1900',
    ],
    [
      { vat: [{ rate: 25, amount: 100 }] }, // percent instead of hundredths of a percent
      'control-unit-unknown-vat-rate',
      'vat[0].rate',
      '25',
    ],
    [
      {
        vat: [
          { rate: 600, amount: 100 },
          { rate: 600, amount: 200 },
        ],
      },
      'control-unit-duplicate-vat-rate',
      'vat[1].rate',
      '600',
    ],
    [{ vat: [{ rate: 2500, amount: 0.5 }] }, 'control-unit-invalid-amount', 'vat[0].amount', '0.5'],
    [
      { vat: [{ rate: 2500, amount: 10_000_000_000_000 }] },
      'control-unit-amount-too-wide',
      'vat[0].amount',
      '10000000000000',
    ],
    [{ vat: [{ rate: 0, amount: 1 }] }, 'control-unit-vat-at-zero-rate', 'vat[0].amount', '1'],
  ])('refuses %j with %s', (fields, code, field, value) => {
    expect(validateReceiptRegistration(withFields(fields))).toEqual({
      ok: false,
      code,
      field,
      value,
    });
  });

  it('checks the fields in table order and reports the first failure', () => {
    expect(
      validateReceiptRegistration(withFields({ dateTime: 'x', registerId: 'x-y' })),
    ).toMatchObject({ code: 'control-unit-invalid-date-time' });
  });
});

describe('encodeRegisterReceiptMessage', () => {
  it('builds the RR message in CCSP order, unpadded, with single spaces for unused slots', () => {
    expect(encodeRegisterReceiptMessage(SALE, 1)).toEqual({ ok: true, value: SALE_MESSAGE });
  });

  it('builds a return receipt: negative total and VAT, positive return amount', () => {
    const ret = withFields({
      receiptNumber: 124,
      dateTime: '202604111500',
      returnTotal: ore(3500),
      total: ore(-3500),
      vat: [{ rate: 2500, amount: ore(-700) }],
    });
    expect(encodeRegisterReceiptMessage(ret, 7)).toEqual({
      ok: true,
      value: 'RR#7#202604111500#124#K1#5566778899#-35,00#35,00#normal#25,00;-7,00# # # ',
    });
  });

  it('right-aligns every regulation field to its width when asked to', () => {
    const result = encodeRegisterReceiptMessage(SALE, 12, { padding: 'fixed-width' });
    expect(result).toEqual({
      ok: true,
      value: [
        'RR',
        '12', // the sequence number is protocol, not a regulation field: never padded
        '202604111432',
        '         123', // 12
        '              K1', // 16
        '5566778899',
        '        105,00', // 14
        '          0,00', // 14
        'normal', // 6
        ' '.repeat(20),
        '          12,00;3,75', // 20
        '           6,00;3,96', // 20
        ' '.repeat(20),
      ].join('#'),
    });
  });

  it.each([0, -1, 1.5, 1_000_000_000, Number.NaN])(
    'refuses sequence number %d',
    (sequenceNumber) => {
      expect(encodeRegisterReceiptMessage(SALE, sequenceNumber)).toEqual({
        ok: false,
        code: 'control-unit-invalid-sequence-number',
        field: 'sequenceNumber',
        value: String(sequenceNumber),
      });
    },
  );

  it('passes a validation failure through', () => {
    expect(encodeRegisterReceiptMessage(withFields({ receiptType: 'x' }), 1)).toMatchObject({
      code: 'control-unit-invalid-receipt-type',
    });
  });
});

describe('encodeRegisterReceiptRequest', () => {
  it('frames the message', () => {
    // 79 message characters: length 11 + 79 = 90 = 0x05A. LRC 37 (XOR of the 86 characters
    // before it, cross-checked with an independent implementation).
    expect(SALE_MESSAGE.length).toBe(79);
    expect(encodeRegisterReceiptRequest(SALE, 1)).toEqual({
      ok: true,
      value: `#!#05A#${SALE_MESSAGE}#37\r`,
    });
  });

  it('passes a validation failure through', () => {
    expect(encodeRegisterReceiptRequest(SALE, 0)).toMatchObject({
      code: 'control-unit-invalid-sequence-number',
    });
  });
});

describe('properties', () => {
  const vatRate = fc.constantFrom<VatRate>(2500, 1200, 600, 0);
  const amount = fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }).map(ore);
  const registration = fc.record({
    dateTime: fc
      .date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 16).replace(/\D/g, '')),
    organisationNumber: fc.stringMatching(/^\d{6}-?\d{4}$/),
    registerId: fc.stringMatching(/^[A-Za-z0-9]{1,16}$/),
    receiptNumber: fc.integer({ min: 1, max: 999_999_999_999 }),
    receiptType: fc.constantFrom('normal', 'kopia', 'ovning', 'profo' as const),
    returnTotal: fc.integer({ min: 0, max: 999_999_999_999 }).map(ore),
    total: amount,
    vat: fc
      .uniqueArray(vatRate, { maxLength: 4 })
      .chain((rates) =>
        fc.tuple(
          ...rates.map((rate) =>
            (rate === 0 ? fc.constant(ore(0)) : amount).map((vat: Ore) => ({ rate, amount: vat })),
          ),
        ),
      ),
  });

  it('accepts every well-formed registration; the frame decodes to 13 "#"-separated fields', () => {
    fc.assert(
      fc.property(
        registration,
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.constantFrom('none' as const, 'fixed-width' as const),
        (input, sequenceNumber, padding) => {
          const frame = encodeRegisterReceiptRequest(input, sequenceNumber, { padding });
          expect(frame.ok).toBe(true);
          const decoded = decodeCcspChunk(INITIAL_CCSP_DECODER_STATE, frame.ok ? frame.value : '');
          expect(decoded.events).toHaveLength(1);
          const [event] = decoded.events;
          const fields = event?.ok ? event.value.split('#') : [];
          expect(fields).toHaveLength(13);
          expect(fields[0]).toBe('RR');
          expect(fields[3]?.trim()).toBe(String(input.receiptNumber));
          expect(fields[5]).toBe(input.organisationNumber.replace('-', ''));
          for (const slot of fields.slice(9)) {
            expect(slot.length).toBeLessThanOrEqual(20);
          }
        },
      ),
    );
  });
});
