/**
 * Money as integer öre. Every amount in Kassa is an `Ore`: a safe integer number of öre
 * (1 krona = 100 öre). Floats appear only while parsing input and formatting output.
 * Amounts sent to a control unit are in SEK and öre (SKVFS 2014:9 5 kap 7 §).
 */
import { divideHalfAwayFromZero } from './integer-division.js';
import { type Failure, type Result, fail, ok } from './result.js';

/** An integer amount of öre. Create with `ore()`; never with a bare cast. */
export type Ore = number & { readonly __brand: 'Ore' };

/** The largest magnitude `parseKronor` accepts: 1e13 öre = 100 000 000 000 kr. */
export const MAX_PARSED_ORE = 10_000_000_000_000;

/** Checks that `n` is a safe integer and brands it as öre (throws otherwise). */
export function ore(n: number): Ore {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`öre must be a safe integer, got ${n}`);
  }
  // Normalise −0 to 0 so equal amounts are also Object.is-equal; the cast is the brand itself.
  return (n === 0 ? 0 : n) as Ore;
}

/** Adds two amounts. */
export function add(a: Ore, b: Ore): Ore {
  return ore(a + b);
}

/** Subtracts `b` from `a`. */
export function subtract(a: Ore, b: Ore): Ore {
  return ore(a - b);
}

/** Negates an amount (0 stays 0, never −0). */
export function negate(a: Ore): Ore {
  return subtract(ore(0), a);
}

/** Sums a list of amounts; the empty list sums to 0. */
export function sum(amounts: readonly Ore[]): Ore {
  let total = ore(0);
  for (const amount of amounts) {
    total = add(total, amount);
  }
  return total;
}

/** Multiplies a unit price by an integer quantity (negative for returns). */
export function multiplyByQuantity(unitPrice: Ore, quantity: number): Ore {
  if (!Number.isSafeInteger(quantity)) {
    throw new RangeError(`quantity must be a safe integer, got ${quantity}`);
  }
  // The product of two safe integers is exact whenever it is itself a safe integer; ore() throws otherwise.
  return ore(unitPrice * quantity);
}

/** Prices a weighed good: price per kilogram × grams ÷ 1000, rounded half away from zero. */
export function multiplyByGrams(pricePerKilogram: Ore, grams: number): Ore {
  if (!Number.isSafeInteger(grams)) {
    throw new RangeError(`grams must be a safe integer, got ${grams}`);
  }
  return ore(Number(divideHalfAwayFromZero(BigInt(pricePerKilogram) * BigInt(grams), 1000n)));
}

/** Why `parseKronor` rejected its input. */
export type ParseKronorFailure = Failure<
  'amount-empty' | 'amount-invalid' | 'amount-too-many-decimals' | 'amount-out-of-range',
  { input: string }
>;

// Optional sign (ASCII hyphen-minus or U+2212 MINUS SIGN) and spaces, then either plain digits
// or digit groups of three separated by a space, NBSP (U+00A0) or narrow NBSP (U+202F), then an
// optional decimal part after ',' or '.', then an optional "kr" (any case).
const AMOUNT_PATTERN =
  /^([-\u2212])?[ \u00a0\u202f]*(\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:[,.](\d+))?(?:[ \u00a0\u202f]*kr)?$/i;

/** Parses a kronor amount as typed or printed in Sweden ("1 234,50 kr", "12.5", "-3") into öre. */
export function parseKronor(text: string): Result<Ore, ParseKronorFailure> {
  const input = text.trim();
  if (input === '') {
    return fail('amount-empty', { input: text });
  }
  const match = AMOUNT_PATTERN.exec(input);
  if (match === null) {
    return fail('amount-invalid', { input: text });
  }
  const [, sign, integerPart = '', decimals = ''] = match;
  if (decimals.length > 2) {
    return fail('amount-too-many-decimals', { input: text });
  }
  // BigInt so that an absurdly long digit string is compared exactly, not as a rounded float.
  const magnitude =
    BigInt(integerPart.replace(/[ \u00a0\u202f]/g, '')) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (magnitude > BigInt(MAX_PARSED_ORE)) {
    return fail('amount-out-of-range', { input: text });
  }
  const value = Number(magnitude);
  return ok(ore(sign === undefined ? value : -value));
}

/**
 * What a person types into an amount field ("12", "12,5", "1 234,50", "35 kr") as öre, or null
 * for anything else: negative, more than two decimals, letters, empty, or more than `maxOre`
 * (spaces anywhere are ignored). The till and the backoffice read typed amounts with this, so
 * both accept the same texts.
 */
export function parseTypedKronor(text: string, maxOre: number = MAX_PARSED_ORE): Ore | null {
  // A sign, even "-0", is not what anybody types as an amount to pay or a price.
  if (/^\s*[-\u2212]/.test(text)) return null;
  // Spaces anywhere are left out: an edited "1 234,50" may have lost its grouping.
  const parsed = parseKronor(text.replace(/[\s\u00a0\u202f]/g, ''));
  return parsed.ok && parsed.value <= maxOre ? parsed.value : null;
}

/** Options for `formatKronor`. */
export interface FormatKronorOptions {
  /** Append " kr" (with a no-break space). Default true. */
  readonly unit?: boolean;
}

const NO_BREAK_SPACE = '\u00a0';

/**
 * Formats öre as Swedish kronor: "1 234,50 kr", always with two decimals.
 *
 * Choices, made so printed receipts and tests are byte-stable and independent of the ICU version:
 * - Thousands separator and the space before "kr" are U+00A0 NO-BREAK SPACE, so an amount never
 *   wraps across lines on a receipt or in the UI.
 * - Negatives use ASCII '-' (U+002D), not the U+2212 MINUS SIGN that `Intl.NumberFormat('sv-SE')`
 *   emits: thermal printer code pages (ESC/POS, PC437/PC865) have no U+2212, and an ASCII hyphen
 *   survives every text channel. `parseKronor` accepts both.
 */
export function formatKronor(amount: Ore, options: FormatKronorOptions = {}): string {
  const value = ore(amount);
  const magnitude = Math.abs(value);
  const orepart = magnitude % 100;
  // (magnitude − orepart) is an exact multiple of 100, so this division is exact for all safe integers.
  const kronor = String((magnitude - orepart) / 100);
  const grouped = kronor.replace(/\B(?=(\d{3})+$)/g, NO_BREAK_SPACE);
  const sign = value < 0 ? '-' : '';
  const unit = (options.unit ?? true) ? `${NO_BREAK_SPACE}kr` : '';
  return `${sign}${grouped},${String(orepart).padStart(2, '0')}${unit}`;
}

/**
 * Öre rounded to whole kronor (half away from zero) without the öre: "1 235 kr", for chart axes
 * and note buttons. Spaces as in `formatKronor`, so an amount looks the same wherever it is shown.
 */
export function formatWholeKronor(amount: Ore, options: FormatKronorOptions = {}): string {
  const kronor = Number(divideHalfAwayFromZero(BigInt(ore(amount)), 100n));
  const text = formatKronor(ore(kronor * 100), options);
  return text.replace(/,00(?=\u00a0kr$|$)/, '');
}

/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder method.
 *
 * Guarantees: the parts always sum to `total`; each part is the exact proportional share rounded
 * down or up by less than one öre; a zero weight always gets 0; ties in the remainder go to the
 * lower index. A negative total is split as the negation of the positive split, so a return
 * mirrors its sale. Weights are non-negative finite numbers (not necessarily integers) and at
 * least one must be positive; otherwise this throws, since that is a caller bug.
 */
export function allocate(total: Ore, weights: readonly number[]): Ore[] {
  const amount = ore(total);
  const exactWeights = toExactIntegers(weights);
  const weightSum = exactWeights.reduce((acc, w) => acc + w, 0n);
  if (weightSum === 0n) {
    throw new RangeError('allocate needs at least one positive weight');
  }
  const magnitude = BigInt(Math.abs(amount));
  const shares = exactWeights.map((weight, index) => ({
    index,
    base: (magnitude * weight) / weightSum,
    remainder: (magnitude * weight) % weightSum,
  }));
  let left = magnitude - shares.reduce((acc, share) => acc + share.base, 0n);
  // Largest remainder first; equal remainders keep index order (lower index wins).
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const parts = shares.map((share) => share.base);
  for (const share of byRemainder) {
    if (left === 0n) {
      break;
    }
    parts[share.index] = share.base + 1n;
    left -= 1n;
  }
  return parts.map((part) => ore(amount < 0 ? -Number(part) : Number(part)));
}

// Scales finite non-negative doubles by a common power of two into exact BigInt integers.
// Every finite double is m × 2^e, so doubling until it is an integer is exact and terminates.
function toExactIntegers(weights: readonly number[]): bigint[] {
  const scaled = weights.map((weight) => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weights must be finite and non-negative, got ${weight}`);
    }
    let value = weight;
    let exponent = 0;
    while (!Number.isInteger(value)) {
      value *= 2;
      exponent += 1;
    }
    return { integer: BigInt(value), exponent };
  });
  const maxExponent = scaled.reduce((max, s) => Math.max(max, s.exponent), 0);
  return scaled.map((s) => s.integer << BigInt(maxExponent - s.exponent));
}
