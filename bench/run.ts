/**
 * `npm run bench`: the benchmarks (see README.md), all of them, or the ones named:
 *
 *   npm run bench                       sale, ingest and dashboard, in that order
 *   npm run bench -- ingest             one
 *   npm run bench -- ingest dashboard   several
 *
 * Each prints a table; timings are reported and compared with their aims, never pass/fail — the
 * exit code is non-zero only when a bench itself breaks.
 *
 * Options (environment): BENCH_SALES (default 300 measured sales), BENCH_WARMUP (default 30),
 * BENCH_KEEP=1 keeps the sale bench's temp dir; BENCH_CONTROL_UNIT=process runs its simulator in a
 * process of its own; BENCH_INGEST_ENTRIES (default 10,000);
 * BENCH_RECEIPTS (default 1,000,000), BENCH_QUERY_RUNS (default 20) and BENCH_QUERY_BUDGET_MS
 * (default 3,000: fewer runs, at least 5, for a query whose runs take longer) for the dashboard;
 * BENCH_PG_SETTINGS ("name=value …") adds PostgreSQL settings to both server benches;
 * BENCH_CATALOGUE_SIZES (default "1000,100000"), BENCH_CATALOGUE_SEARCHES (70) and
 * BENCH_CATALOGUE_ROUNDS (5) for the catalogue bench.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { catalogueReport, runCatalogueBench } from './catalogue.js';
import { dashboardReport, runDashboardBench } from './dashboard.js';
import { growthReport, runGrowthBench } from './growth.js';
import { ingestReport, runIngestBench } from './ingest.js';
import { runSaleBench } from './sale.js';
import { SUMMARY_HEADER, ms, since, summarize, summaryRow, table } from './stats.js';

const AIM_MS = 10;

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const log = (line: string) => process.stderr.write(`· ${line}\n`);
const print = (lines: readonly string[]) => process.stdout.write(`${lines.join('\n')}\n`);

async function saleBench(): Promise<void> {
  const sales = count('BENCH_SALES', 300);
  const warmUpSales = count('BENCH_WARMUP', 30);
  const started = performance.now();
  const result = await runSaleBench({ sales, warmUpSales, log });

  const pay = summarize(result.pay);
  const addLine = summarize(result.addLine);
  const sale = summarize(result.sale);
  const insert = summarize(result.bareInsert);
  const unit = summarize(result.controlUnitRoundTrip);
  const append = summarize(result.printerAppend);
  const third = Math.floor(result.pay.length / 3);
  const firstThird = summarize(result.pay.slice(0, third));
  const lastThird = summarize(result.pay.slice(-third));

  const out: string[] = [];
  out.push('');
  out.push(`Files in ${result.tempDir}`);
  out.push('');
  out.push(
    `Sale through the register's local API over HTTP on 127.0.0.1: ${sales} sales after ${warmUpSales} warm-up`,
  );
  out.push('(each: add one line, then pay — control code from the simulator, journal commit with');
  out.push(` fsync, ~${result.receiptBytes} bytes of ESC/POS appended to the printer file)`);
  out.push('');
  out.push(
    table(SUMMARY_HEADER, [
      summaryRow('POST /local/sale/lines', addLine),
      summaryRow('POST /local/sale/pay', pay),
      summaryRow('whole sale (add + pay)', sale),
    ]),
  );
  out.push('');
  out.push(
    'The parts, in the same run and temp dir (the insert right after each sale, the others after the sales):',
  );
  out.push('');
  out.push(
    table(SUMMARY_HEADER, [
      summaryRow('bare SQLite insert (WAL, FULL)', insert),
      summaryRow('control-unit status round trip', unit),
      summaryRow('printer file append', append),
    ]),
  );
  out.push('');
  out.push(
    "Where the pay request's time goes (medians of each step, marked in the register's code; the",
  );
  out.push(
    'first and last steps are HTTP, JSON and the client; "committed" steps with an fsync wait):',
  );
  out.push('');
  const stepRows = result.paySteps.map((step) => {
    const s = summarize(step.samples);
    return [`${step.from} → ${step.to}`, ms(s.median), `${(s.median / insert.median).toFixed(2)}×`];
  });
  out.push(table(['step', 'median', '/ bare insert'], stepRows));
  out.push('');
  out.push(
    `pay / one bare fsync'd insert:  median ${(pay.median / insert.median).toFixed(1)}×,  p99 ${(pay.p99 / insert.p99).toFixed(1)}×`,
  );
  // A paid, printed receipt commits three times: since docs/adr/0019-one-fsync-per-sale.md only
  // the receipt's fsync is waited for (the request's rides on it), the printout's runs after.
  out.push(
    `pay / two bare fsync'd inserts (the floor before ADR 0019; a sale now waits for one):  median ${(pay.median / (2 * insert.median)).toFixed(1)}×`,
  );
  out.push(
    `pay median, first third vs last third of the run: ${ms(firstThird.median)} → ${ms(lastThird.median)}` +
      ` (journal holds ${result.journalEntries} entries at the end)`,
  );
  out.push(
    `Aim: pay median under ${AIM_MS} ms — ${pay.median < AIM_MS ? 'MET' : 'NOT MET'} (${ms(pay.median)})`,
  );
  out.push(`Sale bench took ${(since(started) / 1000).toFixed(1)} s.`);
  print(out);

  if (process.env.BENCH_KEEP === '1') log(`kept ${result.tempDir}`);
  else await rm(result.tempDir, { recursive: true, force: true });
}

async function ingestBench(): Promise<void> {
  const started = performance.now();
  const result = await runIngestBench({
    entries: count('BENCH_INGEST_ENTRIES', 10_000),
    batchSize: 500,
    warmUpBatches: 2,
    log,
  });
  print([
    '',
    ...ingestReport(result),
    `Ingest bench took ${(since(started) / 1000).toFixed(1)} s.`,
  ]);
}

async function dashboardBench(): Promise<void> {
  const started = performance.now();
  const result = await runDashboardBench({
    receipts: count('BENCH_RECEIPTS', 1_000_000),
    runs: count('BENCH_QUERY_RUNS', 20),
    budgetMs: count('BENCH_QUERY_BUDGET_MS', 3_000),
    log,
  });
  print([
    '',
    ...dashboardReport(result),
    `Dashboard bench took ${(since(started) / 1000).toFixed(1)} s.`,
  ]);
}

/** Journal sizes of the growth bench: BENCH_GROWTH_SIZES ("1000,100000,1000000"). */
function growthSizes(): number[] {
  const raw = process.env.BENCH_GROWTH_SIZES ?? '1000,100000';
  const sizes = raw.split(',').map((s) => Number(s.trim().replaceAll('_', '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('BENCH_GROWTH_SIZES must be positive integers separated by commas');
  }
  return sizes;
}

async function growthBench(sizes = growthSizes()): Promise<void> {
  const started = performance.now();
  const samples = await runGrowthBench({
    sizes,
    rounds: count('BENCH_GROWTH_ROUNDS', 30),
    log,
  });
  print([
    '',
    'Growth: the same register steps with journals of each size (medians; ratio to the smallest size):',
    '',
    ...growthReport(samples),
    `Growth bench took ${(since(started) / 1000).toFixed(1)} s.`,
  ]);
}

/** Catalogue sizes of the catalogue bench: BENCH_CATALOGUE_SIZES ("1000,100000"). */
async function catalogueBench(): Promise<void> {
  const started = performance.now();
  const raw = process.env.BENCH_CATALOGUE_SIZES ?? '1000,100000';
  const sizes = raw.split(',').map((s) => Number(s.trim().replaceAll('_', '')));
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) {
    throw new Error('BENCH_CATALOGUE_SIZES must be integers of at least 100, separated by commas');
  }
  const samples = await runCatalogueBench({
    sizes,
    searches: count('BENCH_CATALOGUE_SEARCHES', 70),
    rounds: count('BENCH_CATALOGUE_ROUNDS', 5),
    log,
  });
  print([
    '',
    'Catalogue: the same steps with catalogues of each size on PostgreSQL (ratio to the smallest size):',
    '',
    ...catalogueReport(samples),
    `Catalogue bench took ${(since(started) / 1000).toFixed(1)} s.`,
  ]);
}

const BENCHES: Record<string, () => Promise<void>> = {
  sale: saleBench,
  growth: () => growthBench(),
  /** The growth bench with 1,000,000 entries too (about 5 minutes more). */
  'growth-1m': () => growthBench([1_000, 100_000, 1_000_000]),
  ingest: ingestBench,
  catalogue: catalogueBench,
  dashboard: dashboardBench,
};

const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown bench: ${unknown.join(', ')}. Choose from: ${Object.keys(BENCHES).join(', ')}.\n`,
  );
  process.exit(2);
}
// growth-1m only when asked for by name (it builds a journal of 1,000,000 entries).
const chosen = asked.length === 0 ? Object.keys(BENCHES).filter((n) => n !== 'growth-1m') : asked;

const started = performance.now();
const cpus = os.cpus();
print([
  '',
  'Kassa bench',
  `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? '?'}, ` +
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
]);
for (const name of chosen) {
  print(['', `=== ${name} ===`]);
  await BENCHES[name]?.();
}
print(['', `Bench took ${(since(started) / 1000).toFixed(1)} s in all.`]);
