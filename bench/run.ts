/**
 * `npm run bench`: the register's sale benchmark (see README.md). Prints a table; timings are
 * reported, never pass/fail — the exit code is non-zero only when the bench itself breaks.
 *
 * Options (environment): BENCH_SALES (default 300 measured sales), BENCH_WARMUP (default 30),
 * BENCH_KEEP=1 keeps the temp dir (journal, printer file) for a look afterwards.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { runSaleBench } from './sale.js';
import { SUMMARY_HEADER, ms, summarize, summaryRow, table } from './stats.js';

const AIM_MS = 10;

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const sales = count('BENCH_SALES', 300);
const warmUpSales = count('BENCH_WARMUP', 30);
const started = performance.now();
const log = (line: string) => process.stderr.write(`· ${line}\n`);

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

const cpus = os.cpus();
const out: string[] = [];
out.push('');
out.push('Kassa bench');
out.push(
  `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? '?'}`,
);
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
  `pay / one bare fsync'd insert:  median ${(pay.median / insert.median).toFixed(1)}×,  p99 ${(pay.p99 / insert.p99).toFixed(1)}×`,
);
out.push(
  `pay median, first third vs last third of the run: ${ms(firstThird.median)} → ${ms(lastThird.median)}` +
    ` (journal holds ${result.journalEntries} entries at the end)`,
);
out.push(
  `Aim: pay median under ${AIM_MS} ms — ${pay.median < AIM_MS ? 'MET' : 'NOT MET'} (${ms(pay.median)})`,
);
out.push(`Bench took ${(since(started) / 1000).toFixed(1)} s.`);
process.stdout.write(`${out.join('\n')}\n`);

if (process.env.BENCH_KEEP === '1') process.stderr.write(`· kept ${result.tempDir}\n`);
else await rm(result.tempDir, { recursive: true, force: true });

function since(start: number): number {
  return performance.now() - start;
}
