/**
 * The receipt registration request ("RR", CleanCash serial protocol v2): the data the register
 * must send to its control unit for every receipt, and get a control code back for, before the
 * receipt is handed over (SKVFS 2014:9 via docs/spec/sweden-regulation.md §0 items 20–23).
 *
 * Fields and formats: SKVFS 2009:2 data table (docs/spec/sweden-regulation.md §5.2 [P]); their order on the wire
 * and the leading message sequence number: CCSP v2 (docs/spec/sweden-regulation.md §5.3 [S]):
 *
 *   RR#<seq>#<YYYYMMDDhhmm>#<löpnummer>#<kassabeteckning>#<orgnr>#<försäljningsbelopp>
 *     #<returbelopp>#<kvittotyp>#<moms 1>#<moms 2>#<moms 3>#<moms 4>
 *
 * Decisions (see docs/protocols/control-unit.md, "Assumptions"):
 * - The four VAT slots are fixed per rate: 25 %, 12 %, 6 %, 0 % (as in the public CCSP
 *   implementation, spec §5.2 [S]). A slot is used when the caller lists that rate (the receipt
 *   has lines at it), even if its VAT is 0,00; an unused slot is sent as a single space.
 * - Fields are sent without padding by default: the "#" delimiters already mark field bounds and
 *   SKVFS 2009:2 5 § pads only "eventuellt" (if needed). `padding: 'fixed-width'` right-aligns
 *   every regulation field to its width with spaces instead, should a unit require it.
 */
import { type Failure, type Result, fail, ok } from '../result.js';
import { type Ore, ore } from '../money.js';
import { VAT_RATES, type VatRate, isVatRate } from '../vat.js';
import { type CcspEncodeFailure, encodeCcspFrame } from './ccsp-frame.js';
import {
  CONTROL_UNIT_AMOUNT_WIDTH,
  CONTROL_UNIT_VAT_SLOT_WIDTH,
  formatControlUnitAmount,
  formatControlUnitVatRate,
  isValidControlUnitDateTime,
  padControlUnitField,
} from './control-unit-fields.js';

/** The receipt types ("kvittotyp") a control unit accepts (SKVFS 2009:2 data table). */
export const CONTROL_UNIT_RECEIPT_TYPES = ['normal', 'kopia', 'ovning', 'profo'] as const;

/**
 * A control-unit receipt type: 'normal' (sales and returns), 'kopia' (the one copy), 'ovning'
 * (training) or 'profo' (pro forma, "ej kvitto").
 */
export type ControlUnitReceiptType = (typeof CONTROL_UNIT_RECEIPT_TYPES)[number];

/** The VAT of one rate on the receipt. */
export interface ControlUnitVatAmount {
  readonly rate: VatRate;
  /** The VAT at this rate (not the gross); negative on a return receipt. */
  readonly amount: Ore;
}

/** Everything the control unit needs about one receipt, as domain values. */
export interface ReceiptRegistration {
  /** Local date and time of the sale, YYYYMMDDhhmm (see `formatControlUnitDateTime`). */
  readonly dateTime: string;
  /** Organisationsnummer or personnummer: 10 digits, or 'NNNNNN-NNNN'. */
  readonly organisationNumber: string;
  /** Kassabeteckning: 1–16 ASCII letters and digits. */
  readonly registerId: string;
  /** Löpnummer: 1–999 999 999 999 (at most 12 digits). */
  readonly receiptNumber: number;
  readonly receiptType: ControlUnitReceiptType;
  /** Returbelopp: the absolute sum of the receipt's return lines (≥ 0). */
  readonly returnTotal: Ore;
  /** Försäljningsbelopp: the total for the customer to pay (negative on a return receipt). */
  readonly total: Ore;
  /** The VAT per rate, one entry per rate present on the receipt (at most one per rate). */
  readonly vat: readonly ControlUnitVatAmount[];
}

/** A VAT slot: "<rate>;<amount>", or undefined when unused. */
export type ControlUnitVatSlot = string | undefined;

/** The validated fields in regulation format, unpadded, in SKVFS 2009:2 table order. */
export interface ReceiptRegistrationFields {
  readonly dateTime: string;
  readonly organisationNumber: string;
  readonly registerId: string;
  readonly receiptNumber: string;
  readonly receiptType: ControlUnitReceiptType;
  readonly returnTotal: string;
  readonly total: string;
  /** Slots 1–4 hold 25 %, 12 %, 6 % and 0 %. */
  readonly vatSlots: readonly [
    ControlUnitVatSlot,
    ControlUnitVatSlot,
    ControlUnitVatSlot,
    ControlUnitVatSlot,
  ];
}

/** Field details of a validation failure: which input field, and its value as text. */
export interface FieldDetails {
  readonly field: string;
  readonly value: string;
}

/** Why a receipt registration (or its message) was refused before anything was sent. */
export type ReceiptRegistrationFailure = Failure<
  | 'control-unit-invalid-date-time'
  | 'control-unit-invalid-organisation-number'
  | 'control-unit-invalid-register-id'
  | 'control-unit-invalid-receipt-number'
  | 'control-unit-invalid-receipt-type'
  | 'control-unit-invalid-amount'
  | 'control-unit-amount-too-wide'
  | 'control-unit-negative-return-total'
  | 'control-unit-unknown-vat-rate'
  | 'control-unit-duplicate-vat-rate'
  | 'control-unit-vat-at-zero-rate'
  | 'control-unit-invalid-sequence-number',
  FieldDetails
>;

/** Options for `encodeRegisterReceiptMessage`. */
export interface RegisterReceiptMessageOptions {
  /** 'none' (default): fields as they are; 'fixed-width': right-aligned, space-filled. */
  readonly padding?: 'none' | 'fixed-width';
}

/** The largest löpnummer: 12 digits (SKVFS 2009:2 data table, "Maximalt 12 siffror"). */
export const MAX_CONTROL_UNIT_RECEIPT_NUMBER = 999_999_999_999;

/** The largest CCSP message sequence number we send (assumed; not given by the spec). */
export const MAX_CCSP_SEQUENCE_NUMBER = 999_999_999;

const REGISTER_ID_PATTERN = /^[A-Za-z0-9]{1,16}$/;
const ORGANISATION_NUMBER_PATTERN = /^(\d{6})-?(\d{4})$/;
// Field widths of SKVFS 2009:2, for fixed-width padding.
const WIDTH = { dateTime: 12, registerId: 16, receiptNumber: 12, receiptType: 6 } as const;

/** Checks every field of a registration and returns them in the regulation's formats. */
export function validateReceiptRegistration(
  registration: ReceiptRegistration,
): Result<ReceiptRegistrationFields, ReceiptRegistrationFailure> {
  const r = registration;
  if (typeof r.dateTime !== 'string' || !isValidControlUnitDateTime(r.dateTime)) {
    return invalid('control-unit-invalid-date-time', 'dateTime', r.dateTime);
  }
  const orgnr =
    typeof r.organisationNumber === 'string'
      ? ORGANISATION_NUMBER_PATTERN.exec(r.organisationNumber)
      : null;
  if (orgnr === null) {
    return invalid(
      'control-unit-invalid-organisation-number',
      'organisationNumber',
      r.organisationNumber,
    );
  }
  if (typeof r.registerId !== 'string' || !REGISTER_ID_PATTERN.test(r.registerId)) {
    return invalid('control-unit-invalid-register-id', 'registerId', r.registerId);
  }
  if (!isIntegerInRange(r.receiptNumber, 1, MAX_CONTROL_UNIT_RECEIPT_NUMBER)) {
    return invalid('control-unit-invalid-receipt-number', 'receiptNumber', r.receiptNumber);
  }
  if (!(CONTROL_UNIT_RECEIPT_TYPES as readonly unknown[]).includes(r.receiptType)) {
    return invalid('control-unit-invalid-receipt-type', 'receiptType', r.receiptType);
  }
  const returnTotal = formatAmountField('returnTotal', r.returnTotal);
  if (!returnTotal.ok) {
    return returnTotal;
  }
  if (r.returnTotal < 0) {
    return invalid('control-unit-negative-return-total', 'returnTotal', r.returnTotal);
  }
  const total = formatAmountField('total', r.total);
  if (!total.ok) {
    return total;
  }
  const vatSlots = formatVatSlots(r.vat);
  if (!vatSlots.ok) {
    return vatSlots;
  }
  return ok({
    dateTime: r.dateTime,
    organisationNumber: `${orgnr[1]}${orgnr[2]}`,
    registerId: r.registerId,
    receiptNumber: String(r.receiptNumber),
    receiptType: r.receiptType,
    returnTotal: returnTotal.value,
    total: total.value,
    vatSlots: vatSlots.value,
  });
}

/** Builds the "RR" message (without its frame) for a registration and a sequence number. */
export function encodeRegisterReceiptMessage(
  registration: ReceiptRegistration,
  sequenceNumber: number,
  options: RegisterReceiptMessageOptions = {},
): Result<string, ReceiptRegistrationFailure> {
  if (!isIntegerInRange(sequenceNumber, 1, MAX_CCSP_SEQUENCE_NUMBER)) {
    return invalid('control-unit-invalid-sequence-number', 'sequenceNumber', sequenceNumber);
  }
  const validated = validateReceiptRegistration(registration);
  if (!validated.ok) {
    return validated;
  }
  const f = validated.value;
  const fixed = options.padding === 'fixed-width';
  const pad = (value: string, width: number): string =>
    fixed ? padControlUnitField(value, width) : value;
  const slot = (value: ControlUnitVatSlot): string =>
    value === undefined
      ? fixed
        ? ' '.repeat(CONTROL_UNIT_VAT_SLOT_WIDTH)
        : ' '
      : pad(value, CONTROL_UNIT_VAT_SLOT_WIDTH);
  return ok(
    [
      'RR',
      String(sequenceNumber),
      pad(f.dateTime, WIDTH.dateTime),
      pad(f.receiptNumber, WIDTH.receiptNumber),
      pad(f.registerId, WIDTH.registerId),
      f.organisationNumber,
      pad(f.total, CONTROL_UNIT_AMOUNT_WIDTH),
      pad(f.returnTotal, CONTROL_UNIT_AMOUNT_WIDTH),
      pad(f.receiptType, WIDTH.receiptType),
      ...f.vatSlots.map(slot),
    ].join('#'),
  );
}

/** Builds the complete "RR" frame, ready to send. */
export function encodeRegisterReceiptRequest(
  registration: ReceiptRegistration,
  sequenceNumber: number,
  options: RegisterReceiptMessageOptions = {},
): Result<string, ReceiptRegistrationFailure | CcspEncodeFailure> {
  const message = encodeRegisterReceiptMessage(registration, sequenceNumber, options);
  return message.ok ? encodeCcspFrame(message.value) : message;
}

function formatVatSlots(
  vat: readonly ControlUnitVatAmount[],
): Result<ReceiptRegistrationFields['vatSlots'], ReceiptRegistrationFailure> {
  const slots: ControlUnitVatSlot[] = [undefined, undefined, undefined, undefined];
  for (const [index, entry] of vat.entries()) {
    const field = `vat[${index}]`;
    if (!isVatRate(entry.rate)) {
      return invalid('control-unit-unknown-vat-rate', `${field}.rate`, entry.rate);
    }
    const slotIndex = VAT_RATES.indexOf(entry.rate);
    if (slots[slotIndex] !== undefined) {
      return invalid('control-unit-duplicate-vat-rate', `${field}.rate`, entry.rate);
    }
    const amount = formatAmountField(`${field}.amount`, entry.amount);
    if (!amount.ok) {
      return amount;
    }
    if (entry.rate === 0 && entry.amount !== 0) {
      return invalid('control-unit-vat-at-zero-rate', `${field}.amount`, entry.amount);
    }
    slots[slotIndex] = `${formatControlUnitVatRate(entry.rate)};${amount.value}`;
  }
  const [a, b, c, d] = slots;
  return ok([a, b, c, d]);
}

function formatAmountField(
  field: string,
  amount: number,
): Result<string, ReceiptRegistrationFailure> {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    return invalid('control-unit-invalid-amount', field, amount);
  }
  // Checked at run time above because input may come from JSON; ore() brands it.
  const text = formatControlUnitAmount(ore(amount));
  if (text.length > CONTROL_UNIT_AMOUNT_WIDTH) {
    return invalid('control-unit-amount-too-wide', field, amount);
  }
  return ok(text);
}

function isIntegerInRange(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

function invalid(
  code: ReceiptRegistrationFailure['code'],
  field: string,
  value: unknown,
): ReceiptRegistrationFailure {
  return fail(code, { field, value: String(value) });
}
