/**
 * The receipt laid out once, as a list of blocks, so the printed (ESC/POS), HTML and PDF receipts
 * carry the same text. Pure: the receipt value comes from `@kassa/core` (see
 * docs/domain/receipts-journal-reports.md); this module only chooses words and order.
 *
 * Order (SKVFS 2014:9 7 kap 1 §, letters a–m): kind markings (5 kap 5 §), company and org.nr (a),
 * place of sale (b), date and time (c), receipt number (d), kassabeteckning (e), lines with name,
 * quantity and amount (f, g, h), discounts, total (h), öresavrundning, VAT per rate (i, j),
 * payments (k), cash tendered and change, control unit serial (l) and control code (2 kap 15 §),
 * and the markings again at the foot.
 */
import {
  type Ore,
  type PaymentMethod,
  type Receipt,
  type ReceiptLine,
  formatKronor,
  negate,
  receiptMarkings,
  SHOP_TIME_ZONE,
  SIMULATED_SERIAL_PREFIX,
  zonedTime,
} from '@kassa/core';

/** The marking that an electronic receipt must carry (7 kap 1 § m). */
export const ELECTRONIC_MARKING = 'elektroniskt kassakvitto';

/** One block of a laid-out receipt. */
export type ReceiptBlock =
  /** A fixed marking ("KOPIA", "ÖVNINGSKVITTO", …), printed at least twice the amounts' height. */
  | { readonly kind: 'marking'; readonly text: string }
  /** The company name. */
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string; readonly center?: boolean }
  /** A label on the left and a value (usually an amount) on the right. */
  | {
      readonly kind: 'row';
      readonly label: string;
      readonly value: string;
      readonly strong?: boolean;
    }
  /** A sold or returned article: its name, then quantity × price and the amount. */
  | {
      readonly kind: 'item';
      readonly text: string;
      readonly detail: string;
      readonly amount: string;
      readonly discount: string | null;
    }
  /** The VAT split per rate (7 kap 1 § i, j): header and rows of four right-aligned cells. */
  | {
      readonly kind: 'table';
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: 'rule' };

export interface LayoutOptions {
  /** IANA zone the date and time are printed in. Default 'Europe/Stockholm'. */
  readonly timeZone?: string;
  /** Add "elektroniskt kassakvitto" whatever `receipt.delivery` says (HTML and PDF). */
  readonly electronic?: boolean;
}

/** The serial number prefix of the control-unit simulator (control-unit/simulator-protocol.ts). */
export { SIMULATED_SERIAL_PREFIX };

/** Printed on every receipt signed by the simulator. */
export const SIMULATED_UNIT_MARKING = 'SIMULERAD KONTROLLENHET - EJ CERTIFIERAD';

const PAYMENT_LABELS: Record<PaymentMethod, string> = {
  cash: 'Kontant',
  card: 'Kort',
  swish: 'Swish',
};

/** The Swedish name of a payment method (betalningsmedel) as printed. */
export function paymentMethodLabel(method: PaymentMethod): string {
  return PAYMENT_LABELS[method];
}

/** An amount without the "kr" unit: "1 234,50" (no-break spaces, ASCII minus). */
export function amountText(amount: Ore): string {
  return formatKronor(amount, { unit: false });
}

/** "2026-04-11 14:32" in `timeZone` (default Europe/Stockholm), from an ISO instant. */
export function formatReceiptDateTime(iso: string, timeZone: string = SHOP_TIME_ZONE): string {
  const t = zonedTime(Date.parse(iso), timeZone);
  return `${t.year}-${t.month}-${t.day} ${t.hour}:${t.minute}`;
}

/** "2 st à 35,00" or "0,250 kg à 129,00/kg" (à is in CP437, × is not); negative quantities on a return. */
export function formatQuantity(line: ReceiptLine): string {
  if (line.unit === 'gram') {
    const sign = line.quantity < 0 ? '-' : '';
    const grams = Math.abs(line.quantity);
    const kilograms = `${Math.floor(grams / 1000)},${String(grams % 1000).padStart(3, '0')}`;
    return `${sign}${kilograms} kg à ${amountText(line.unitPrice)}/kg`;
  }
  return `${line.quantity} st à ${amountText(line.unitPrice)}`;
}

/** "25 %", "6 %": a VAT rate in hundredths of a percent. */
export function formatVatRate(rate: number): string {
  const whole = Math.trunc(rate / 100);
  const rest = rate % 100;
  return rest === 0 ? `${whole} %` : `${whole},${String(rest).padStart(2, '0')} %`;
}

/** What the receipt number is called on each kind of receipt. */
export function receiptNumberLabel(receipt: Receipt): string {
  switch (receipt.kind) {
    case 'sale':
      return 'Kvitto nr';
    case 'return':
      return 'Returkvitto nr';
    case 'copy':
      return 'Kopia nr';
    case 'training':
      return 'Övningskvitto nr';
    case 'pro-forma':
      return 'Förhandskvitto nr';
  }
}

/** The markings to show, at the head and foot: the kind's words, and the electronic one if asked. */
export function markingsFor(receipt: Receipt, options: LayoutOptions = {}): string[] {
  const markings = receiptMarkings(receipt);
  if (options.electronic === true && !markings.includes(ELECTRONIC_MARKING)) {
    markings.push(ELECTRONIC_MARKING);
  }
  return markings;
}

/** Lays out `receipt` as blocks, in the order of the file comment. */
export function layoutReceipt(receipt: Receipt, options: LayoutOptions = {}): ReceiptBlock[] {
  const timeZone = options.timeZone ?? SHOP_TIME_ZONE;
  const markings = markingsFor(receipt, options).map((text): ReceiptBlock => ({
    kind: 'marking',
    text,
  }));
  const blocks: ReceiptBlock[] = [...markings];
  blocks.push({ kind: 'title', text: receipt.companyName });
  blocks.push({ kind: 'text', text: `Org.nr ${receipt.organisationNumber}`, center: true });
  blocks.push({ kind: 'text', text: receipt.placeOfSaleAddress, center: true });
  blocks.push({ kind: 'rule' });
  blocks.push({
    kind: 'row',
    label: 'Datum',
    value: formatReceiptDateTime(receipt.issuedAt, timeZone),
  });
  blocks.push({
    kind: 'row',
    label: receiptNumberLabel(receipt),
    value: String(receipt.receiptNumber),
  });
  blocks.push({ kind: 'row', label: 'Kassa', value: receipt.registerId });
  if (receipt.original !== null) {
    const label = receipt.kind === 'return' ? 'Retur av kvitto nr' : 'Originalkvitto nr';
    blocks.push({ kind: 'row', label, value: String(receipt.original.receiptNumber) });
    blocks.push({
      kind: 'row',
      label: 'Originalets datum',
      value: formatReceiptDateTime(receipt.original.issuedAt, timeZone),
    });
  }
  blocks.push({ kind: 'rule' });
  for (const line of receipt.lines) {
    blocks.push({
      kind: 'item',
      text: line.itemType === 'service' ? `${line.text} (tjänst)` : line.text,
      detail: formatQuantity(line),
      amount: amountText(line.amount),
      discount: line.discount === 0 ? null : amountText(negate(line.discount)),
    });
  }
  blocks.push({ kind: 'rule' });
  if (receipt.discountTotal !== 0) {
    blocks.push({
      kind: 'row',
      label: 'Varav rabatt',
      value: amountText(negate(receipt.discountTotal)),
    });
  }
  blocks.push({ kind: 'row', label: 'TOTALT', value: amountText(receipt.total), strong: true });
  if (receipt.rounding !== 0) {
    blocks.push({ kind: 'row', label: 'Öresavrundning', value: amountText(receipt.rounding) });
    blocks.push({
      kind: 'row',
      label: 'ATT BETALA',
      value: amountText(receipt.totalToPay),
      strong: true,
    });
  }
  blocks.push({
    kind: 'table',
    header: ['Moms', 'Moms kr', 'Netto', 'Brutto'],
    rows: receipt.vat.map((row) => [
      formatVatRate(row.rate),
      amountText(row.vat),
      amountText(row.net),
      amountText(row.gross),
    ]),
  });
  if (receipt.payments.length > 0) {
    blocks.push({ kind: 'rule' });
    for (const payment of receipt.payments) {
      blocks.push({
        kind: 'row',
        label: paymentMethodLabel(payment.method),
        value: amountText(payment.amount),
      });
    }
    if (receipt.cashTendered !== 0) {
      blocks.push({
        kind: 'row',
        label: 'Mottaget kontant',
        value: amountText(receipt.cashTendered),
      });
      blocks.push({ kind: 'row', label: 'Växel', value: amountText(receipt.change) });
    }
  }
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'row', label: 'Kontrollenhet', value: receipt.controlUnitSerial ?? '-' });
  blocks.push({ kind: 'text', text: 'Kontrollkod:' });
  blocks.push({ kind: 'text', text: receipt.controlCode ?? '-' });
  if (receipt.controlUnitSerial?.startsWith(SIMULATED_SERIAL_PREFIX) === true) {
    // Signed by the simulator (training, tests): say so on the receipt, as loud as a marking.
    blocks.push({ kind: 'marking', text: SIMULATED_UNIT_MARKING });
    blocks.push({ kind: 'text', text: 'Ej ett giltigt kassakvitto.', center: true });
  }
  blocks.push(...markings);
  return blocks;
}

/** Splits `text` into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (rest.length > width) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (current === '') {
      current = rest;
    } else if (current.length + 1 + rest.length <= width) {
      current = `${current} ${rest}`;
    } else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '' || lines.length === 0) {
    lines.push(current);
  }
  return lines;
}
