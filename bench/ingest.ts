/**
 * The ingest benchmark: a register's journal uploaded to the backoffice on
 * real PostgreSQL in batches of 500 entries, over HTTP with the register's own signed client,
 * against the floor: a raw multi-row INSERT of the same rows into the same journal_entries
 * table, in the same run, batch by batch in turn (the order alternating), each in its own
 * transaction.
 *
 * The upload does what a real one does: the device signature and nonce, JSON and schema checks,
 * the terminal's row lock, the hash chain recomputed, the entries stored, and the read models
 * (the sales summary and the Z archive) written in the same transaction. The raw INSERT only
 * stores the entries (under another terminal, so the keys do not collide).
 */
import type { JournalEntry } from '@kassa/core';
import { signedRequest } from '@kassa/register';
import { JournalBuilder, headerFor } from '@kassa/server/testing/journal-fixture';
import { seededRandom, simulateDays } from '@kassa/server/testing/simulated-register';
import { describeSettings, startPostgresRig } from './postgres-rig.js';
import { ms, since, summarize, table } from './stats.js';

export interface IngestBenchOptions {
  /** Entries in all (rounded up to whole batches). */
  readonly entries: number;
  readonly batchSize: number;
  /** Batches at the start not counted (both sides). */
  readonly warmUpBatches: number;
  readonly log: (line: string) => void;
}

export interface IngestBenchResult {
  readonly batchSize: number;
  readonly measuredEntries: number;
  /** Per batch, ms. */
  readonly ingest: number[];
  readonly rawInsert: number[];
  readonly entryBytes: number;
  readonly readModelRows: Record<string, number>;
  readonly kinds: Record<string, number>;
  readonly postgres: string;
  readonly settings: string;
}

const DAY_MS = 86_400_000;

/** About `count` entries of a busy register: days of 350–450 sales, returns, training, X, Z. */
function buildJournal(count: number): JournalEntry[] {
  const j = new JournalBuilder(headerFor('I1', 'Benchbutiken AB'), 'CCSE0000000000042');
  const random = seededRandom(20_260_105);
  let day = Date.parse('2026-01-05T00:00:00Z');
  while (j.entries.length < count) {
    simulateDays(j, random, {
      days: [new Date(day).toISOString().slice(0, 10)],
      cashiers: ['anna', 'bo', 'cecilia'],
      salesPerDay: [350, 450],
    });
    day += DAY_MS;
  }
  return j.entries.slice(0, count);
}

/** `INSERT INTO journal_entries (…) VALUES ($1, …), (…), …` of `entries`, with its parameters. */
function rawInsert(tenantId: string, terminalId: string, entries: readonly JournalEntry[]) {
  const columns = 10;
  const values: string[] = [];
  const params: unknown[] = [];
  for (const [i, e] of entries.entries()) {
    const p = i * columns;
    values.push(
      `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}::jsonb, $${p + 9}, $${p + 10})`,
    );
    params.push(
      tenantId,
      terminalId,
      e.seq,
      e.at,
      e.at,
      e.kind,
      e.by ?? null,
      JSON.stringify(e.data),
      e.prevHash,
      e.hash,
    );
  }
  const text = `INSERT INTO journal_entries
    (tenant_id, terminal_id, seq, at, at_text, kind, by, data, prev_hash, hash)
    VALUES ${values.join(', ')}`;
  return { text, params };
}

/**
 * Collects garbage before a timed step (when node runs with --expose-gc, as `npm run bench`
 * does), so neither side pays for the other's garbage.
 */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function runIngestBench(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const { log, batchSize } = options;
  const batches = Math.ceil(options.entries / batchSize);
  log(`building a journal of ${batches * batchSize} entries with the core functions …`);
  const built = performance.now();
  const entries = buildJournal(batches * batchSize);
  const kinds: Record<string, number> = {};
  for (const e of entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  const entryBytes = Buffer.byteLength(JSON.stringify(entries)) / entries.length;
  log(`  ${Math.round(since(built))} ms; starting PostgreSQL and the server …`);
  const rig = await startPostgresRig({ slug: 'ingest', licensedTerminals: 4 });
  try {
    const [version] = await rig.database.rawTransaction((tx) =>
      tx.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v'),
    );
    const uploading = await rig.createTerminal('I1');
    const identity = await rig.connectDevice(uploading);
    const baseline = await rig.createTerminal('R1');
    const ingest: number[] = [];
    const raw: number[] = [];
    log(`uploading ${batches} batches of ${batchSize}, each also inserted raw …`);
    for (let b = 0; b < batches; b += 1) {
      const batch = entries.slice(b * batchSize, (b + 1) * batchSize);
      const doRaw = async () => {
        settle();
        const start = performance.now();
        const { text, params } = rawInsert(rig.tenantId, baseline, batch);
        await rig.database.rawTransaction((tx) => tx.query(text, params));
        return since(start);
      };
      const doIngest = async () => {
        settle();
        const start = performance.now();
        const answer = await signedRequest(identity, 'POST', '/api/register/journal', {
          entries: batch,
        });
        const took = since(start);
        if (!answer.ok) throw new Error(`upload failed: ${answer.failure.code}`);
        const head = answer.value.body as { acknowledgedSeq?: number } | null;
        if (answer.value.status !== 200 || head?.acknowledgedSeq !== batch.at(-1)?.seq) {
          throw new Error(`upload refused: ${answer.value.status} ${JSON.stringify(head)}`);
        }
        return took;
      };
      let tRaw: number;
      let tIngest: number;
      if (b % 2 === 0) {
        tRaw = await doRaw();
        tIngest = await doIngest();
      } else {
        tIngest = await doIngest();
        tRaw = await doRaw();
      }
      if (b >= options.warmUpBatches) {
        ingest.push(tIngest);
        raw.push(tRaw);
      }
      if ((b + 1) % 10 === 0) log(`  ${b + 1}/${batches} batches`);
    }
    const readModelRows: Record<string, number> = {};
    for (const table of ['journal_entries', 'sales_summary', 'z_reports']) {
      const [row] = await rig.database.rawTransaction((tx) =>
        tx.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE terminal_id = $1`, [
          uploading,
        ]),
      );
      readModelRows[table] = Number(row?.n ?? 0);
    }
    return {
      batchSize,
      measuredEntries: (batches - options.warmUpBatches) * batchSize,
      ingest,
      rawInsert: raw,
      entryBytes,
      readModelRows,
      kinds,
      postgres: version?.v ?? '?',
      settings: describeSettings(rig.settings),
    };
  } finally {
    await rig.close();
  }
}

/** Entries per second over the measured batches. */
function rate(entries: number, batchMs: readonly number[]): number {
  return entries / (batchMs.reduce((a, b) => a + b, 0) / 1000);
}

const INGEST_AIM_RATIO = 0.5;

/** The printed report of an ingest run. */
export function ingestReport(r: IngestBenchResult): string[] {
  const ingest = summarize(r.ingest);
  const raw = summarize(r.rawInsert);
  const ingestRate = rate(r.measuredEntries, r.ingest);
  const rawRate = rate(r.measuredEntries, r.rawInsert);
  const ratio = ingestRate / rawRate;
  const kinds = Object.entries(r.kinds)
    .sort(([, a], [, b]) => b - a)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const row = (label: string, s: ReturnType<typeof summarize>, perSecond: number) => [
    label,
    String(s.count),
    ms(s.median),
    ms(s.p95),
    ms(s.mean),
    `${Math.round(perSecond).toLocaleString('en-US')}/s`,
  ];
  return [
    `Journal ingest on PostgreSQL ${r.postgres} (${r.settings}):`,
    `${r.ingest.length} batches of ${r.batchSize} entries measured (after warm-up), ` +
      `~${(r.entryBytes / 1024).toFixed(1)} kB of JSON per entry: ${kinds}`,
    '',
    table(
      ['per batch of ' + String(r.batchSize), 'n', 'median', 'p95', 'mean', 'entries'],
      [
        row('upload: POST /api/register/journal', ingest, ingestRate),
        row('raw multi-row INSERT, journal only', raw, rawRate),
      ],
    ),
    '',
    `The upload is the register's signed request to the in-process server: device signature and`,
    `nonce, JSON and schema checks, the terminal row lock, the hash chain recomputed, the entries`,
    `and the read models written in one transaction. After it the terminal had: ` +
      Object.entries(r.readModelRows)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ') +
      '.',
    '',
    `Aim: upload throughput at least ${INGEST_AIM_RATIO} of the raw INSERT's — ` +
      `${ratio >= INGEST_AIM_RATIO ? 'MET' : 'NOT MET'} (${ratio.toFixed(2)}: ` +
      `${Math.round(ingestRate)} vs ${Math.round(rawRate)} entries/s)`,
  ];
}
