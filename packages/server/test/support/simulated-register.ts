/**
 * Days of selling on a simulated register for scale tests: real, hash-chained journal entries
 * made by the core functions through JournalBuilder (sales with one to five lines over every VAT
 * category and a weighed article, cash with and without change, card, Swish and split payments,
 * returns of earlier sales, training receipts, an X-report and the Z at the end of each day),
 * drawn from a seeded generator so that a failure can be replayed.
 */
import {
  buildXReport,
  multiplyByGrams,
  multiplyByQuantity,
  ore,
  type Receipt,
  type Tender,
} from '@kassa/core';
export { seededRandom } from '@kassa/test-kit';
import { type ArticleSpec, type JournalBuilder } from './journal-fixture.js';

const ZONE = 'Europe/Stockholm';

/** An integer in [min, max]. */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from nothing');
  return item;
}

/** A café-and-shop assortment over every VAT category (prices incl. VAT, in öre). */
export const ASSORTMENT: readonly ArticleSpec[] = [
  { articleNumber: 'KAFFE', text: 'Bryggkaffe', vatCategory: 'restaurant', price: 3500 },
  { articleNumber: 'LATTE', text: 'Caffè latte', vatCategory: 'restaurant', price: 4900 },
  { articleNumber: 'BULLE', text: 'Kanelbulle', vatCategory: 'food', price: 2950 },
  { articleNumber: 'MACKA', text: 'Ostfralla', vatCategory: 'food', price: 5500 },
  { articleNumber: 'MUGG', text: 'Kaffemugg "Åre"', vatCategory: 'standard', price: 14900 },
  { articleNumber: 'PÅSE', text: 'Bärkasse {tyg}', vatCategory: 'standard', price: 2500 },
  { articleNumber: 'BOK', text: 'Kokbok', vatCategory: 'reduced', price: 24900 },
  { articleNumber: 'TIDN', text: 'Dagstidning', vatCategory: 'reduced', price: 3000 },
  { articleNumber: 'FRIM', text: 'Frimärke', vatCategory: 'exempt', price: 1800 },
  { articleNumber: 'GODIS', text: 'Lösgodis', vatCategory: 'food', price: 9900, grams: 0 },
];

/** The lines of one basket: one to five articles, a weighed one by the gram. */
function basket(random: () => number): ArticleSpec[] {
  const chosen = new Map<string, ArticleSpec>();
  const lines = between(random, 1, 5);
  while (chosen.size < lines) {
    const article = pick(random, ASSORTMENT);
    chosen.set(
      article.articleNumber,
      article.grams === undefined
        ? { ...article, quantity: between(random, 1, 3) }
        : { ...article, grams: between(random, 80, 900) },
    );
  }
  return [...chosen.values()];
}

/** The total to pay of `articles` before cash rounding (no discounts here), as core prices it. */
function totalOf(articles: readonly ArticleSpec[]): number {
  return articles.reduce(
    (sum, a) =>
      sum +
      (a.grams === undefined
        ? multiplyByQuantity(ore(a.price), a.quantity ?? 1)
        : multiplyByGrams(ore(a.price), a.grams)),
    0,
  );
}

/** How a customer pays `total` öre: cash (exact or with change), card, Swish, or card + cash. */
function tendersFor(random: () => number, total: number): Tender[] {
  const roll = random();
  if (roll < 0.3) return [{ method: 'cash' }];
  if (roll < 0.4) {
    return [{ method: 'cash', tendered: ore(Math.ceil((total + 1) / 10_000) * 10_000 + 5_000) }];
  }
  if (roll < 0.75) return [{ method: 'card', amount: ore(total) }];
  if (roll < 0.9) return [{ method: 'swish', amount: ore(total) }];
  if (total < 200) return [{ method: 'card', amount: ore(total) }];
  const part = between(random, 100, total - 100);
  return [{ method: 'card', amount: ore(part) }, { method: 'cash' }];
}

const at = (day: string, minuteOfDay: number): string => {
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${day}T${hh}:${mm}:00.000Z`;
};

export interface SimulationOptions {
  /** Business days (YYYY-MM-DD), in order; times are 06:00–16:59 UTC, so always that day in Stockholm. */
  days: readonly string[];
  cashiers: readonly string[];
  salesPerDay: readonly [number, number];
}

/**
 * Appends `days` of selling to `j`. Each day: the program starts, a cashier signs in, puts in a
 * float, sells, now and then takes back an article of an earlier sale (of any day so far), makes
 * a training receipt, takes an X-report at midday, closes the day with the Z and signs out.
 */
export function simulateDays(
  j: JournalBuilder,
  random: () => number,
  options: SimulationOptions,
): void {
  const sold: Receipt[] = [];
  const returned = new Set<number>();
  for (const day of options.days) {
    const cashier = pick(random, options.cashiers);
    let minute = 6 * 60 + between(random, 0, 20);
    j.append({ kind: 'register-started', data: { programVersion: '0.1.0' } }, at(day, minute));
    j.append({ kind: 'sign-in', data: { cashierId: cashier } }, at(day, minute), cashier);
    j.append({ kind: 'cash-float', data: { amount: ore(200_000) } }, at(day, minute), cashier);
    const sales = between(random, options.salesPerDay[0], options.salesPerDay[1]);
    const step = Math.max(1, Math.floor((10 * 60 - 40) / (sales + 4)));
    let xTaken = false;
    for (let i = 0; i < sales; i += 1) {
      minute += between(random, 1, step);
      const articles = basket(random);
      sold.push(j.sell(at(day, minute), cashier, articles, tendersFor(random, totalOf(articles))));
      const candidates = sold.filter(
        (r) => !returned.has(r.receiptNumber) && r.lines.some((l) => l.unit === 'piece'),
      );
      if (random() < 0.08 && candidates.length > 1) {
        const original = pick(random, candidates.slice(0, -1));
        const line = original.lines.find((l) => l.unit === 'piece');
        if (line !== undefined) {
          minute += 1;
          returned.add(original.receiptNumber);
          j.returnItems(
            at(day, minute),
            cashier,
            original,
            [{ lineNo: line.lineNo, quantity: 1 }],
            [{ method: 'cash' }],
          );
        }
      }
      if (random() < 0.05) {
        minute += 1;
        j.append({ kind: 'training-switched', data: { training: true } }, at(day, minute), cashier);
        const articles = basket(random);
        j.sell(
          at(day, minute),
          cashier,
          articles,
          [{ method: 'card', amount: ore(totalOf(articles)) }],
          {
            training: true,
          },
        );
        j.append(
          { kind: 'training-switched', data: { training: false } },
          at(day, minute),
          cashier,
        );
      }
      if (!xTaken && minute >= 11 * 60) {
        xTaken = true;
        const report = buildXReport(j.entries, day, ZONE, {
          identity: {
            companyName: j.header.companyName,
            organisationNumber: j.header.organisationNumber,
            registerId: j.header.registerId,
          },
          producedAt: at(day, minute),
        });
        j.append({ kind: 'x-report', data: { report } }, at(day, minute), cashier);
      }
    }
    const closing = Math.max(minute + 1, 16 * 60 + 30);
    j.closeDay(day, at(day, closing), cashier);
    j.append({ kind: 'sign-out', data: { cashierId: cashier } }, at(day, closing + 1), cashier);
  }
}
