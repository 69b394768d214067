/**
 * VAT categories (momskategorier) and the dated table that resolves them to a rate.
 *
 * Products store a category, never a rate; the rate is looked up by the business day of the
 * sale, so a change in law is one new row here and no product data changes.
 * Sources: Mervärdesskattelagen (2023:200) 9 kap, before 2023-07-01 ML (1994:200) 7 kap 1 §;
 * prop. 2011/12:1 (restaurant and catering 25 → 12 % from 2012-01-01); prop. 2025/26:55,
 * SFS 2026:118 and SFS 2026:119 (food 12 → 6 % from 2026-04-01 up to and including 2027-12-31).
 * See docs/domain/vat-and-rounding.md.
 */
import { type BusinessDay, isValidBusinessDay } from './business-day.js';
import type { VatRate } from './vat.js';

/** Every VAT category a product can have. */
export const VAT_CATEGORIES = ['standard', 'food', 'restaurant', 'reduced', 'exempt'] as const;

/**
 * A product's VAT category:
 * - `standard`: most goods and services, alcohol, tap water sold separately (25 %);
 * - `food`: livsmedel sold as goods, including take-away and bottled water;
 * - `restaurant`: restaurant and catering services (food and non-alcoholic drinks eaten in);
 * - `reduced`: books, newspapers, passenger transport, culture and sport events (6 %);
 * - `exempt`: exports and other sales without VAT (0 %).
 */
export type VatCategory = (typeof VAT_CATEGORIES)[number];

/** Whether food is eaten in (a restaurant service) or taken away (a sale of goods). */
export type Consumption = 'eat-in' | 'take-away';

/** One dated rate for a category; `to` is inclusive, and absent while the rate is in force. */
export interface VatCategoryRateRow {
  readonly category: VatCategory;
  readonly from: BusinessDay;
  readonly to?: BusinessDay;
  readonly rate: VatRate;
  /** The law or bill behind the row. */
  readonly source: string;
}

/**
 * The rate table, authoritative from 2000-01-01. A good that moved between categories
 * (books 25 → 6 % on 2002-01-01, e-books on 2019-07-01) changed its category, not a
 * category's rate, so such moves are not rows here. Rows per category must be contiguous
 * and non-overlapping; a test checks this.
 */
export const VAT_CATEGORY_RATES: readonly VatCategoryRateRow[] = [
  {
    category: 'standard',
    from: '2000-01-01',
    rate: 2500,
    source: 'ML (1994:200) 7 kap 1 §; ML (2023:200) 9 kap',
  },
  {
    category: 'food',
    from: '2000-01-01',
    to: '2026-03-31',
    rate: 1200,
    source: 'ML (1994:200) 7 kap 1 §; ML (2023:200) 9 kap',
  },
  {
    category: 'food',
    from: '2026-04-01',
    to: '2027-12-31',
    rate: 600,
    source: 'prop. 2025/26:55; SFS 2026:118 (tillfälligt sänkt moms på livsmedel)',
  },
  {
    category: 'food',
    from: '2028-01-01',
    rate: 1200,
    source: 'SFS 2026:119 (återgång till 12 %)',
  },
  {
    category: 'restaurant',
    from: '2000-01-01',
    to: '2011-12-31',
    rate: 2500,
    source: 'ML (1994:200) 7 kap 1 §',
  },
  {
    category: 'restaurant',
    from: '2012-01-01',
    rate: 1200,
    source: 'prop. 2011/12:1; ML (2023:200) 9 kap',
  },
  {
    category: 'reduced',
    from: '2000-01-01',
    rate: 600,
    source: 'ML (1994:200) 7 kap 1 §; ML (2023:200) 9 kap',
  },
  {
    category: 'exempt',
    from: '2000-01-01',
    rate: 0,
    source:
      'ML (1994:200) 3 kap; ML (2023:200): exempt supplies (undantag från skatteplikt), exports',
  },
];

/** Returns the VAT rate of `category` on `businessDate` ('YYYY-MM-DD'); throws if the table has no row. */
export function resolveVatRate(category: VatCategory, businessDate: BusinessDay): VatRate {
  if (!isValidBusinessDay(businessDate)) {
    throw new RangeError(`not a 'YYYY-MM-DD' date: ${JSON.stringify(businessDate)}`);
  }
  // 'YYYY-MM-DD' strings compare in date order.
  const row = VAT_CATEGORY_RATES.find(
    (r) =>
      r.category === category &&
      r.from <= businessDate &&
      (r.to === undefined || businessDate <= r.to),
  );
  if (row === undefined) {
    throw new RangeError(`no VAT rate for category ${category} on ${businessDate}: table bug`);
  }
  return row.rate;
}

/** Returns the category that applies given how the item is consumed: food eaten in is a restaurant service. */
export function categoryForConsumption(
  category: VatCategory,
  consumption: Consumption,
): VatCategory {
  return category === 'food' && consumption === 'eat-in' ? 'restaurant' : category;
}
