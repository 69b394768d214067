/**
 * VAT (moms) arithmetic on VAT-inclusive amounts. Rates are integer hundredths of a percent.
 * Sources: Mervärdesskattelagen (2023:200) 9 kap (the rates); SKVFS 2014:9 7 kap 1 § items h–j
 * (the receipt shows the VAT and the VAT split per rate). Which rate applies to a product on a
 * given date is decided in `vat-category.ts`.
 */
import { type Ore, add, ore, subtract } from './money.js';
import { divideHalfAwayFromZero } from './integer-division.js';

/** Every Swedish VAT rate, highest first, in hundredths of a percent (2500 = 25 %). */
export const VAT_RATES = [2500, 1200, 600, 0] as const;

/** A Swedish VAT rate in hundredths of a percent: 25 %, 12 %, 6 % or 0 %. */
export type VatRate = (typeof VAT_RATES)[number];

/** Tells whether `value` is one of the Swedish VAT rates. */
export function isVatRate(value: number): value is VatRate {
  return (VAT_RATES as readonly number[]).includes(value);
}

/** Returns the VAT contained in a VAT-inclusive amount, rounded half away from zero. */
export function vatOfGross(gross: Ore, rate: VatRate): Ore {
  if (!isVatRate(rate)) {
    throw new RangeError(`unknown VAT rate ${String(rate)}`);
  }
  // VAT = gross × rate / (100 % + rate), with rates in hundredths of a percent.
  return ore(
    Number(divideHalfAwayFromZero(BigInt(ore(gross)) * BigInt(rate), 10_000n + BigInt(rate))),
  );
}

/** One VAT-inclusive line, as far as VAT is concerned. */
export interface VatLine {
  readonly gross: Ore;
  readonly rate: VatRate;
}

/** The VAT split for one rate: `gross = net + vat`. */
export interface VatSplitRow {
  readonly rate: VatRate;
  readonly gross: Ore;
  readonly vat: Ore;
  readonly net: Ore;
}

/**
 * Splits lines into one row per distinct rate, highest rate first.
 *
 * VAT is computed once on each rate's gross total, not per line and then summed: per-line
 * rounding would drift by up to half an öre per line. So for every row gross = net + vat, and
 * the rows' gross sum equals the receipt total. A rate appears when at least one line has it,
 * even if its lines net to zero (a sale and its return on the same report).
 */
export function splitVatByRate(lines: readonly VatLine[]): VatSplitRow[] {
  const grossByRate = new Map<VatRate, Ore>();
  for (const line of lines) {
    grossByRate.set(line.rate, add(grossByRate.get(line.rate) ?? ore(0), line.gross));
  }
  return VAT_RATES.flatMap((rate) => {
    const gross = grossByRate.get(rate);
    if (gross === undefined) {
      return [];
    }
    const vat = vatOfGross(gross, rate);
    return [{ rate, gross, vat, net: subtract(gross, vat) }];
  });
}
