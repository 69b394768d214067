/**
 * Building a sale at the register: lines, line and order discounts, totals with the VAT split
 * per rate, and settling payments (cash with change and öresavrundning, card, Swish, split tender).
 *
 * Sources: SKVFS 2014:9 6 kap 4 § (pre-programmed article texts cannot be edited at the moment of
 * sale: a line's text is the catalogue's and no function here changes it); 7 kap 1 § h–k (amount
 * per article, VAT per rate, payment method); SKVFS 2014:9 5 kap 2 § (payment methods recorded);
 * Lag (1970:1029) 2 § (rounding of the cash part only, see cash-rounding.ts). Every step is a
 * pure function returning a new value; expected refusals are `Result` failures with stable codes.
 */
import type { BusinessDay } from '../business-day.js';
import { cashChange, splitTenderRounding } from '../cash-rounding.js';
import { divideHalfAwayFromZero } from '../integer-division.js';
import {
  type Ore,
  allocate,
  multiplyByGrams,
  multiplyByQuantity,
  ore,
  subtract,
  sum,
} from '../money.js';
import { type Failure, type Result, fail, ok } from '../result.js';
import {
  type Consumption,
  type VatCategory,
  categoryForConsumption,
  resolveVatRate,
} from '../vat-category.js';
import { type VatRate, type VatSplitRow, splitVatByRate } from '../vat.js';

/** Whether a line is a good (vara) or a service (tjänst): 7 kap 1 § f and g list them apart. */
export type ItemType = 'good' | 'service';

/** How a line is measured: whole pieces, or grams of a weighed good priced per kilogram. */
export type LineUnit = 'piece' | 'gram';

/**
 * A price reduction (rabatt): a fixed amount in öre, or a rate in hundredths of a percent
 * (1000 = 10 %), the same unit as VAT rates.
 */
export type Discount =
  | { readonly kind: 'amount'; readonly amount: Ore }
  | { readonly kind: 'percent'; readonly rate: number };

/** What the cashier may give, passed in by the caller: the largest discount as a rate (hundredths of a percent). */
export interface DiscountPermission {
  readonly maxDiscountRate: number;
}

/** The pricing of an article added to a sale. */
export type LinePricing =
  | { readonly unit: 'piece'; readonly unitPrice: Ore; readonly quantity: number }
  | { readonly unit: 'gram'; readonly pricePerKilogram: Ore; readonly grams: number };

/** An article as it comes from the local catalogue, plus how much of it is sold. */
export interface LineInput {
  /** The caller's id for the line, unique within the sale. */
  readonly lineId: string;
  readonly articleNumber: string;
  /** The catalogue's article text; never edited at the moment of sale (6 kap 4 §). */
  readonly text: string;
  readonly itemType: ItemType;
  readonly vatCategory: VatCategory;
  /** Overrides the sale's eat-in/take-away choice for this line. */
  readonly consumption?: Consumption;
  /** The article's main group (huvudgrupp), reported per group on the Z (7 kap 3 § g). */
  readonly group?: string;
  readonly pricing: LinePricing;
}

/** One line of a sale under construction. */
export interface SaleLine {
  readonly lineId: string;
  readonly articleNumber: string;
  readonly text: string;
  readonly itemType: ItemType;
  readonly vatCategory: VatCategory;
  readonly consumption?: Consumption;
  readonly group?: string;
  readonly unit: LineUnit;
  /** Pieces, or grams for a weighed good. */
  readonly quantity: number;
  /** Price of one piece, or price per kilogram for a weighed good, incl. VAT. */
  readonly unitPrice: Ore;
  /** Resolved from the category for the sale's business day and consumption. */
  readonly vatRate: VatRate;
  readonly discount?: Discount;
}

/** A sale under construction: never a fact until its receipt is journaled. */
export interface Sale {
  readonly businessDay: BusinessDay;
  /** Eat-in or take-away for the whole order; decides the food VAT rate. */
  readonly consumption: Consumption;
  readonly lines: readonly SaleLine[];
  readonly orderDiscount?: Discount;
}

/** Why a sale step was refused. */
export type SaleFailure =
  | Failure<'line-id-taken' | 'line-not-found', { lineId: string }>
  | Failure<'quantity-not-positive', { lineId: string; quantity: number }>
  | Failure<'price-negative', { lineId: string; price: Ore }>
  | Failure<'discount-invalid', { lineId: string | null }>
  | Failure<'discount-exceeds-amount', { lineId: string | null; discount: Ore; amount: Ore }>
  | Failure<
      'discount-beyond-permission',
      { lineId: string | null; discount: Ore; allowed: Ore; maxDiscountRate: number }
    >;

/** Starts an empty sale on `businessDay` (the date used to resolve VAT rates). */
export function createSale(businessDay: BusinessDay, consumption: Consumption): Sale {
  return { businessDay, consumption, lines: [] };
}

/** Adds an article line; the VAT rate is resolved for the sale's day and consumption. */
export function addLine(sale: Sale, input: LineInput): Result<Sale, SaleFailure> {
  if (sale.lines.some((line) => line.lineId === input.lineId)) {
    return fail('line-id-taken', { lineId: input.lineId });
  }
  const { pricing } = input;
  const quantity = pricing.unit === 'piece' ? pricing.quantity : pricing.grams;
  const unitPrice = pricing.unit === 'piece' ? pricing.unitPrice : pricing.pricePerKilogram;
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    return fail('quantity-not-positive', { lineId: input.lineId, quantity });
  }
  if (unitPrice < 0) {
    return fail('price-negative', { lineId: input.lineId, price: unitPrice });
  }
  const line: SaleLine = {
    lineId: input.lineId,
    articleNumber: input.articleNumber,
    text: input.text,
    itemType: input.itemType,
    vatCategory: input.vatCategory,
    ...(input.consumption === undefined ? {} : { consumption: input.consumption }),
    ...(input.group === undefined ? {} : { group: input.group }),
    unit: pricing.unit,
    quantity,
    unitPrice: ore(unitPrice),
    vatRate: rateFor(input.vatCategory, input.consumption ?? sale.consumption, sale.businessDay),
  };
  return ok({ ...sale, lines: [...sale.lines, line] });
}

/** Removes a line (the caller journals the removal as a `line-removed` event). */
export function removeLine(sale: Sale, lineId: string): Result<Sale, SaleFailure> {
  if (!sale.lines.some((line) => line.lineId === lineId)) {
    return fail('line-not-found', { lineId });
  }
  return ok({ ...sale, lines: sale.lines.filter((line) => line.lineId !== lineId) });
}

/** Switches the order between eat-in and take-away, re-resolving lines without their own choice. */
export function setConsumption(sale: Sale, consumption: Consumption): Sale {
  return {
    ...sale,
    consumption,
    lines: sale.lines.map((line) => ({
      ...line,
      vatRate: rateFor(line.vatCategory, line.consumption ?? consumption, sale.businessDay),
    })),
  };
}

/** Sets (or with `null` clears) a line discount within the cashier's permission. */
export function setLineDiscount(
  sale: Sale,
  lineId: string,
  discount: Discount | null,
  permission: DiscountPermission,
): Result<Sale, SaleFailure> {
  const line = sale.lines.find((l) => l.lineId === lineId);
  if (line === undefined) {
    return fail('line-not-found', { lineId });
  }
  if (discount !== null) {
    const checked = checkDiscount(discount, lineGross(line), permission, lineId);
    if (!checked.ok) {
      return checked;
    }
  }
  const lines = sale.lines.map((l) =>
    l.lineId === lineId ? { ...l, discount: discount ?? undefined } : l,
  );
  return ok({ ...sale, lines });
}

/** Sets (or with `null` clears) an order discount, checked against the subtotal after line discounts. */
export function setOrderDiscount(
  sale: Sale,
  discount: Discount | null,
  permission: DiscountPermission,
): Result<Sale, SaleFailure> {
  if (discount === null) {
    return ok({ ...sale, orderDiscount: undefined });
  }
  const subtotal = sum(sale.lines.map((line) => subtract(lineGross(line), lineDiscountOf(line))));
  const checked = checkDiscount(discount, subtotal, permission, null);
  return checked.ok ? ok({ ...sale, orderDiscount: discount }) : checked;
}

/** One line of a priced sale; `amount = gross − lineDiscount − orderDiscountShare`. */
export interface PricedLine {
  readonly line: SaleLine;
  /** unit price × quantity (or price per kg × grams / 1000, rounded half away from zero). */
  readonly gross: Ore;
  readonly lineDiscount: Ore;
  /** This line's part of the order discount, allocated in proportion to lines after line discounts. */
  readonly orderDiscountShare: Ore;
  /** What the customer pays for the line, incl. VAT. */
  readonly amount: Ore;
}

/** A sale with every amount worked out. */
export interface PricedSale {
  readonly businessDay: BusinessDay;
  readonly lines: readonly PricedLine[];
  /** Line discounts plus the order discount. */
  readonly discountTotal: Ore;
  /** Sum of the line amounts: the total to pay before cash rounding. */
  readonly total: Ore;
  /** One row per rate, from each rate's gross (splitVatByRate); rows sum to `total`. */
  readonly vat: readonly VatSplitRow[];
}

/**
 * Prices a sale. The order discount is split over the lines with `allocate` (largest remainder,
 * weights = line amounts after line discounts), so each line stays ≥ 0, the shares sum exactly to
 * the discount, and the VAT per rate is computed on what each rate really sold for.
 */
export function priceSale(sale: Sale): Result<PricedSale, SaleFailure> {
  const afterLine: { line: SaleLine; gross: Ore; lineDiscount: Ore; net: Ore }[] = [];
  for (const line of sale.lines) {
    const gross = lineGross(line);
    const lineDiscount = lineDiscountOf(line);
    if (lineDiscount > gross) {
      return fail('discount-exceeds-amount', {
        lineId: line.lineId,
        discount: lineDiscount,
        amount: gross,
      });
    }
    afterLine.push({ line, gross, lineDiscount, net: subtract(gross, lineDiscount) });
  }
  const subtotal = sum(afterLine.map((l) => l.net));
  const orderDiscount =
    sale.orderDiscount === undefined ? ore(0) : discountAmount(sale.orderDiscount, subtotal);
  if (orderDiscount > subtotal) {
    return fail('discount-exceeds-amount', {
      lineId: null,
      discount: orderDiscount,
      amount: subtotal,
    });
  }
  const shares =
    orderDiscount === 0 || subtotal === 0
      ? afterLine.map(() => ore(0))
      : allocate(
          orderDiscount,
          afterLine.map((l) => l.net),
        );
  const lines = afterLine.map((l, index): PricedLine => {
    const orderDiscountShare = shares[index] ?? ore(0);
    return {
      line: l.line,
      gross: l.gross,
      lineDiscount: l.lineDiscount,
      orderDiscountShare,
      amount: subtract(l.net, orderDiscountShare),
    };
  });
  return ok({
    businessDay: sale.businessDay,
    lines,
    discountTotal: sum(lines.map((l) => ore(l.lineDiscount + l.orderDiscountShare))),
    total: sum(lines.map((l) => l.amount)),
    vat: splitVatByRate(lines.map((l) => ({ gross: l.amount, rate: l.line.vatRate }))),
  });
}

/** Payment methods (betalningsmedel). Swish is a card-like payment (Skatteverket). */
export const PAYMENT_METHODS = ['cash', 'card', 'swish'] as const;

/** A payment method (betalningsmedel, 5 kap 2 §). */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * One tender offered by the customer. Card and Swish carry the exact amount charged. Cash
 * carries what was handed over; without `tendered`, exactly the rounded cash part is assumed
 * (how a cash refund is paid out).
 */
export type Tender =
  | { readonly method: 'cash'; readonly tendered?: Ore }
  | { readonly method: 'card' | 'swish'; readonly amount: Ore };

/** A payment as it stays on the receipt: the method and the amount it settled. */
export interface ReceiptPayment {
  readonly method: PaymentMethod;
  /** For cash, the rounded cash part (tendered minus change). */
  readonly amount: Ore;
}

/** How an amount due was settled. `payments` sum to `totalToPay = due + rounding`. */
export interface Settlement {
  readonly payments: readonly ReceiptPayment[];
  /** Öresavrundning on the cash part only; 0 without cash. */
  readonly rounding: Ore;
  readonly totalToPay: Ore;
  readonly cashTendered: Ore;
  /** Växel: cash handed back. */
  readonly change: Ore;
}

/** Why a settlement was refused. */
export type SettlementFailure =
  | Failure<'amount-due-negative', { due: Ore }>
  | Failure<'payment-amount-invalid', { method: PaymentMethod }>
  | Failure<'cash-tendered-twice'>
  | Failure<'non-cash-overpayment', { due: Ore; nonCash: Ore }>
  | Failure<'payment-insufficient', { due: Ore; missing: Ore }>;

/**
 * Settles `due` (≥ 0; a refund is settled on its magnitude) with split tender. Card and Swish are
 * exact and may not exceed what is due (no change is given on a card). The rest is the cash part,
 * rounded to whole kronor (Lag 1970:1029); the rounding is returned separately.
 */
export function settleTender(
  due: Ore,
  tenders: readonly Tender[],
): Result<Settlement, SettlementFailure> {
  if (due < 0) {
    return fail('amount-due-negative', { due });
  }
  const cashTenders = tenders.filter((t) => t.method === 'cash');
  if (cashTenders.length > 1) {
    return fail('cash-tendered-twice');
  }
  const nonCashPayments: ReceiptPayment[] = [];
  for (const tender of tenders) {
    if (tender.method === 'cash') {
      if (
        tender.tendered !== undefined &&
        !(Number.isSafeInteger(tender.tendered) && tender.tendered >= 0)
      ) {
        return fail('payment-amount-invalid', { method: 'cash' as const });
      }
    } else {
      if (!Number.isSafeInteger(tender.amount) || tender.amount <= 0) {
        return fail('payment-amount-invalid', { method: tender.method });
      }
      nonCashPayments.push({ method: tender.method, amount: tender.amount });
    }
  }
  const nonCash = sum(nonCashPayments.map((p) => p.amount));
  if (nonCash > due) {
    return fail('non-cash-overpayment', { due, nonCash });
  }
  const cash = cashTenders[0];
  if (cash === undefined) {
    if (nonCash < due) {
      return fail('payment-insufficient', { due, missing: subtract(due, nonCash) });
    }
    return ok({
      payments: nonCashPayments,
      rounding: ore(0),
      totalToPay: due,
      cashTendered: ore(0),
      change: ore(0),
    });
  }
  const { cashDueRounded, rounding } = splitTenderRounding(due, nonCash);
  const tendered = cash.tendered ?? cashDueRounded;
  const outcome = cashChange(cashDueRounded, tendered);
  if (!outcome.enough) {
    return fail('payment-insufficient', { due, missing: outcome.missing });
  }
  return ok({
    payments: [...nonCashPayments, { method: 'cash', amount: cashDueRounded }],
    rounding,
    totalToPay: ore(due + rounding),
    cashTendered: tendered,
    change: outcome.change,
  });
}

/** Works out the öre amount of a discount on `base`: percent rounds half away from zero. */
export function discountAmount(discount: Discount, base: Ore): Ore {
  if (discount.kind === 'amount') {
    return discount.amount;
  }
  return ore(Number(divideHalfAwayFromZero(BigInt(base) * BigInt(discount.rate), 10_000n)));
}

function rateFor(category: VatCategory, consumption: Consumption, day: BusinessDay): VatRate {
  return resolveVatRate(categoryForConsumption(category, consumption), day);
}

function lineGross(line: SaleLine): Ore {
  return line.unit === 'piece'
    ? multiplyByQuantity(line.unitPrice, line.quantity)
    : multiplyByGrams(line.unitPrice, line.quantity);
}

function lineDiscountOf(line: SaleLine): Ore {
  return line.discount === undefined ? ore(0) : discountAmount(line.discount, lineGross(line));
}

function checkDiscount(
  discount: Discount,
  base: Ore,
  permission: DiscountPermission,
  lineId: string | null,
): Result<Discount, SaleFailure> {
  const valid =
    discount.kind === 'amount'
      ? Number.isSafeInteger(discount.amount) && discount.amount >= 0
      : Number.isSafeInteger(discount.rate) && discount.rate >= 0 && discount.rate <= 10_000;
  if (!valid) {
    return fail('discount-invalid', { lineId });
  }
  const amount = discountAmount(discount, base);
  if (amount > base) {
    return fail('discount-exceeds-amount', { lineId, discount: amount, amount: base });
  }
  // Allowed = base × maxRate / 10 000, rounded down: the permission is never exceeded by rounding.
  const allowed = ore(Number((BigInt(base) * BigInt(permission.maxDiscountRate)) / 10_000n));
  const withinRate =
    discount.kind === 'percent' ? discount.rate <= permission.maxDiscountRate : amount <= allowed;
  if (!withinRate) {
    return fail('discount-beyond-permission', {
      lineId,
      discount: amount,
      allowed,
      maxDiscountRate: permission.maxDiscountRate,
    });
  }
  return ok(discount);
}
