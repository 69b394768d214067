// An independent reading of the register's journal (journal.sqlite in its data folder) for the
// selling scenario: opened READ-ONLY with node:sqlite while the register runs (WAL lets a
// reader in), its hash chain checked with SHA-256 here, and one business day folded into the
// figures a day report must show. None of the register's or @kassa/core's code is used: the
// scenario compares the register's X and Z reports with this second, separate computation.
//
// The chain, as docs/domain (and @kassa/core's journal.ts comment) define it:
//   hash = SHA-256-hex(prevHash + canonicalJson({ seq, at, kind, data, prevHash, by }))
// with object keys in code-point order, no whitespace, `by` left out when absent, and the first
// entry's prevHash 64 zeros; seq runs 1, 2, 3 … without a gap.
import { createHash } from 'node:crypto';
import { DatabaseSync as Database } from 'node:sqlite';

export interface JournalRow {
  seq: number;
  at: string;
  kind: string;
  by: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** Every entry of the journal file in seq order, read through a read-only connection. */
export function readJournal(file: string): JournalRow[] {
  const db = new Database(file, { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT seq, at, kind, by, data, prev_hash, hash FROM journal ORDER BY seq')
      .all() as {
      seq: number;
      at: string;
      kind: string;
      by: string | null;
      data: string;
      prev_hash: string;
      hash: string;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      kind: row.kind,
      by: row.by,
      data: JSON.parse(row.data) as Record<string, unknown>,
      prevHash: row.prev_hash,
      hash: row.hash,
    }));
  } finally {
    db.close();
  }
}

/** JSON with object keys sorted by code point and no whitespace; undefined members left out. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const GENESIS = '0'.repeat(64);

/** What is wrong with the chain: an empty list when every link and hash holds. */
export function chainProblems(rows: readonly JournalRow[]): string[] {
  const problems: string[] = [];
  let previous = GENESIS;
  rows.forEach((row, index) => {
    if (row.seq !== index + 1) problems.push(`seq ${row.seq} at position ${index + 1}`);
    if (row.prevHash !== previous) problems.push(`seq ${row.seq}: prevHash does not link`);
    const body = {
      seq: row.seq,
      at: row.at,
      kind: row.kind,
      data: row.data,
      prevHash: row.prevHash,
      ...(row.by === null ? {} : { by: row.by }),
    };
    const hash = createHash('sha256')
      .update(row.prevHash + canonical(body), 'utf8')
      .digest('hex');
    if (hash !== row.hash) problems.push(`seq ${row.seq}: hash does not match its content`);
    previous = row.hash;
  });
  return problems;
}

/** The business day (Europe/Stockholm) of an ISO instant: "2026-11-25". */
export function stockholmDay(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

interface ReceiptData {
  kind: string;
  receiptNumber: number;
  total: number;
  discountTotal: number;
  rounding: number;
  controlCode: string | null;
  payments: { method: string; amount: number }[];
  lines: { lineNo: number; text: string; quantity: number; amount: number }[];
  original: { receiptNumber: number } | null;
}

/** The receipt an entry carries (sale, return, copy, training, pro forma), if any. */
export function receiptIn(row: JournalRow): ReceiptData | undefined {
  const receipt = row.data.receipt;
  return receipt !== null && typeof receipt === 'object' ? (receipt as ReceiptData) : undefined;
}

/** The day's figures in öre, as the scenario computes them from the journal. */
export interface DayReplay {
  businessDay: string;
  salesTotal: number;
  receiptCount: number;
  returnCount: number;
  /** Positive magnitude. */
  returnAmount: number;
  netTotal: number;
  discounts: number;
  rounding: number;
  /** Sales and returns (positive) per payment method. */
  payments: Record<string, { sales: number; returns: number }>;
  trainingCount: number;
  trainingAmount: number;
  copyCount: number;
  drawerOpenings: number;
  cashFloat: number;
  cashIn: number;
  cashOut: number;
  expectedCash: number;
  grandTotals: { sales: number; returns: number; net: number };
}

/**
 * Folds the entries of `businessDay` before seq `beforeSeq` (the report's own entry) that follow
 * the previous Z-report of that day; grand totals continue from the last Z.
 */
export function replayDay(
  rows: readonly JournalRow[],
  businessDay: string,
  beforeSeq: number,
): DayReplay {
  const day: DayReplay = {
    businessDay,
    salesTotal: 0,
    receiptCount: 0,
    returnCount: 0,
    returnAmount: 0,
    netTotal: 0,
    discounts: 0,
    rounding: 0,
    payments: {},
    trainingCount: 0,
    trainingAmount: 0,
    copyCount: 0,
    drawerOpenings: 0,
    cashFloat: 0,
    cashIn: 0,
    cashOut: 0,
    expectedCash: 0,
    grandTotals: { sales: 0, returns: 0, net: 0 },
  };
  const earlier = rows.filter((row) => row.seq < beforeSeq);
  // Grand totals continue from the last Z; the day starts over after a Z of the same day.
  const zReports = earlier
    .filter((row) => row.kind === 'z-report')
    .map((row) => ({
      seq: row.seq,
      report: row.data.report as {
        businessDay: string;
        grandTotals: { sales: number; returns: number };
      },
    }));
  const lastZ = zReports.at(-1);
  const carried = lastZ?.report.grandTotals ?? { sales: 0, returns: 0 };
  const startAfter = zReports.filter((z) => z.report.businessDay === businessDay).at(-1)?.seq ?? 0;
  const payment = (method: string) => (day.payments[method] ??= { sales: 0, returns: 0 });
  const amount = (row: JournalRow) => Number(row.data.amount);
  for (const row of earlier) {
    if (row.seq <= startAfter) continue;
    if (stockholmDay(row.at) !== businessDay) continue;
    const receipt = receiptIn(row);
    switch (row.kind) {
      case 'sale':
        if (receipt === undefined) break;
        day.salesTotal += receipt.total;
        day.receiptCount += 1;
        day.discounts += receipt.discountTotal;
        day.rounding += receipt.rounding;
        for (const p of receipt.payments) payment(p.method).sales += p.amount;
        break;
      case 'return':
        if (receipt === undefined) break;
        day.returnCount += 1;
        day.returnAmount -= receipt.total;
        day.rounding += receipt.rounding;
        for (const p of receipt.payments) payment(p.method).returns -= p.amount;
        break;
      case 'training':
        day.trainingCount += 1;
        day.trainingAmount += receipt?.total ?? 0;
        break;
      case 'copy':
        day.copyCount += 1;
        break;
      case 'drawer-opened':
        day.drawerOpenings += 1;
        break;
      case 'cash-float':
        day.cashFloat += amount(row);
        break;
      case 'cash-in':
        day.cashIn += amount(row);
        break;
      case 'cash-out':
        day.cashOut += amount(row);
        break;
    }
  }
  const cash = day.payments.cash ?? { sales: 0, returns: 0 };
  day.netTotal = day.salesTotal - day.returnAmount;
  day.expectedCash = day.cashFloat + cash.sales - cash.returns + day.cashIn - day.cashOut;
  const sales = carried.sales + day.salesTotal;
  const returns = carried.returns + day.returnAmount;
  day.grandTotals = { sales, returns, net: sales - returns };
  return day;
}
