import type { SalesReportRow, SalesTotals } from '@kassa/contracts';
import type { Language } from '../../i18n/messages';
import type { PlainMessageKey } from '../../i18n/translate';

/** Whether the period has no sale or return receipt at all (the page then says what to do). */
export function hasNoSales(totals: SalesTotals): boolean {
  return totals.receipts === 0 && totals.returns === 0;
}

/** What the sale receipts of the period came to on average (öre, rounded), before returns. */
export function averageReceipt(totals: SalesTotals): number | null {
  if (totals.receipts === 0) return null;
  return Math.round((totals.gross + totals.returnsGross) / totals.receipts);
}

export type SortColumn = 'label' | 'count' | 'quantity' | 'gross' | 'vat' | 'net';
type SortDirection = 'asc' | 'desc';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

const collator = new Intl.Collator('sv-SE', { numeric: true, sensitivity: 'base' });

function sortValue(row: SalesReportRow, column: Exclude<SortColumn, 'label'>): number {
  switch (column) {
    case 'count':
      return row.count - row.returnCount;
    case 'quantity':
      return row.quantity ?? 0;
    case 'gross':
      return row.gross;
    case 'vat':
      return row.vat ?? 0;
    case 'net':
      return row.net ?? 0;
  }
}

/**
 * The rows in the chosen order (a new array). Texts compare the Swedish way (å, ä, ö last;
 * numbers by value); ties keep the server's order (largest first), so the sort is stable.
 */
export function sortRows(rows: readonly SalesReportRow[], order: SortOrder): SalesReportRow[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  const column = order.column;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const compared =
        column === 'label'
          ? collator.compare(a.row.label, b.row.label)
          : sortValue(a.row, column) - sortValue(b.row, column);
      return compared === 0 ? a.index - b.index : sign * compared;
    })
    .map(({ row }) => row);
}

/** Clicking a column header: a new column sorts texts A–Ö and numbers largest first. */
export function nextSortOrder(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { column, direction: column === 'label' ? 'asc' : 'desc' };
}

const pieces: Record<Language, string> = { sv: 'st', en: 'pcs' };

/** Sold quantity of a product row: pieces (`5 st`), or kilograms for weighed articles (`1,250 kg`). */
export function quantityText(row: SalesReportRow, language: Language = 'sv'): string {
  if (row.quantity === undefined) return '';
  if (row.unit === 'gram') {
    const sign = row.quantity < 0 ? '-' : '';
    const grams = Math.abs(row.quantity);
    return `${sign}${Math.floor(grams / 1000)},${String(grams % 1000).padStart(3, '0')} kg`;
  }
  return `${row.quantity} ${pieces[language]}`;
}

const weekdayFormats: Record<Language, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat('sv-SE', { weekday: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }),
};

/** A day on a chart axis: `mån 23/11` (`Mon 23/11`). */
export function dayLabel(day: string, language: Language): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const weekday = weekdayFormats[language].format(date).replace(/\.$/, '');
  return `${weekday} ${date.getUTCDate()}/${date.getUTCMonth() + 1}`;
}

/** The payment method's name (the server's labels are Swedish only). */
export function paymentLabelKey(key: string): PlainMessageKey | null {
  switch (key) {
    case 'cash':
      return 'sales.payment.cash';
    case 'card':
      return 'sales.payment.card';
    case 'swish':
      return 'sales.payment.swish';
    default:
      return null;
  }
}

/** One bar or slice: the amount in öre for texts, in kronor for the chart's geometry only. */
export interface ChartPoint {
  key: string;
  label: string;
  ore: number;
  kronor: number;
  count: number;
}

export function chartPoints(
  rows: readonly SalesReportRow[],
  label: (row: SalesReportRow) => string,
) {
  return rows.map((row): ChartPoint => ({
    key: row.key,
    label: label(row),
    ore: row.gross,
    kronor: row.gross / 100,
    count: row.count,
  }));
}

/**
 * The busy hours only: from the first to the last hour with receipts (at least 08–17), so a
 * café's day is not squeezed between 24 empty columns.
 */
export function openingHours(rows: readonly SalesReportRow[]): SalesReportRow[] {
  const used = rows
    .filter((row) => row.count !== 0 || row.returnCount !== 0 || row.gross !== 0)
    .map((row) => Number(row.key));
  const first = Math.min(8, ...used);
  const last = Math.max(17, ...used);
  return rows.filter((row) => Number(row.key) >= first && Number(row.key) <= last);
}
