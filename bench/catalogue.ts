/**
 * The catalogue bench (`npm run bench -- catalogue`, bench/README.md): catalogues of each size
 * (default 1,000 and 100,000 articles) on real PostgreSQL (postgres-rig.ts), each measured the
 * same way, and every number printed beside the same number at the smallest size:
 *
 * - the CSV import of the whole catalogue (POST /api/products/import, one file);
 * - the server search (GET /api/products?q=&limit=50) over a fixed mix of searches;
 * - the backoffice products page's API read (GET /api/products?limit=50&offset=…);
 * - the register config sync: the full snapshot (GET /api/register/config, no cursor) and a delta
 *   after ten articles changed (with the cursor), each as the register asks for and reads it, and
 *   applied as selling/runtime.ts applies it (programming changes journaled with the pending
 *   change in one transaction, the copy written);
 * - the register's local search (CatalogueIndex, GET /local/catalogue?q=) over the same mix, each
 *   search on its own and as typed (every prefix in turn), and its exact barcode lookup.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalProduct, Product, RegisterConfigSnapshot } from '@kassa/contracts';
import {
  CatalogueIndex,
  PENDING_CATALOGUE_KEY,
  applyCatalogueDelta,
  articleChanges,
  fetchConfig,
  openJournalStore,
  pendingOf,
  priceChanges,
  toLocalProducts,
  writeCatalogue,
  type DeviceIdentity,
  type JournalStore,
} from '@kassa/register';
import { seededRandom } from '@kassa/test-kit';
import { startPostgresRig, type PostgresRig } from './postgres-rig.js';
import { ms, since, summarize, table, type Summary } from './stats.js';

const ITEMS = ['Skruv', 'Mutter', 'Bricka', 'Plugg', 'Spik', 'Hylla', 'Färg', 'Pensel', 'Lampa'];
const MORE = ['Kabel', 'Rör', 'Slang', 'Kran', 'Ventil', 'Lim', 'Tejp', 'Borr', 'Såg', 'Tång'];
const MATERIALS = ['rostfri', 'förzinkad', 'mässing', 'ek', 'björk', 'plast', 'koppar', 'stål'];
const BRANDS = ['Åbro', 'Öresund', 'Älvdal', 'Norrland', 'Bergs', 'Lunda', 'Kiruna', 'Skåne'];
const GROUPS = Array.from({ length: 40 }, (_, i) => `Grupp ${String(i + 1).padStart(2, '0')}`);

/** An EAN-13 with its check digit. */
function ean(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

interface Article {
  articleNumber: string;
  name: string;
  barcode: string;
  group: string;
  priceOre: number;
}

function articles(count: number): Article[] {
  const random = seededRandom(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const size = `${1 + Math.floor(random() * 12)}x${10 * (1 + Math.floor(random() * 12))}`;
    return {
      articleNumber: `A${String(i).padStart(6, '0')}`,
      name: `${pick([...ITEMS, ...MORE])} ${pick(MATERIALS)} ${size} ${pick(BRANDS)}`,
      barcode: ean(`73${String(i).padStart(10, '0')}`),
      group: pick(GROUPS),
      priceOre: 100 * (5 + Math.floor(random() * 500)),
    };
  });
}

const HEADER = 'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv';
const row = (a: Article) =>
  `${a.articleNumber};${a.name};${a.barcode};${(a.priceOre / 100).toFixed(2).replace('.', ',')};standard;vara;${a.group};ja`;

/** The mix of searches, the same at every size: common and rare words, parts, numbers. */
function searches(list: readonly Article[], count: number): string[] {
  const random = seededRandom(7);
  const pick = <T>(from: readonly T[]) => from[Math.floor(random() * from.length)] as T;
  const kinds: (() => string)[] = [
    () => pick(ITEMS).toLowerCase(), // one word in about one name of twenty
    () => `${pick(MORE).toLowerCase()} ${pick(BRANDS).toLowerCase()}`,
    () => `${pick(ITEMS)} ${pick(MATERIALS)} ${pick(BRANDS)}`.toUpperCase(), // rare, capitals
    () => pick(BRANDS).slice(0, 3).toLowerCase(), // a part of a word (Öre, Åbr)
    () => pick(list).articleNumber.slice(0, 5), // an article number's start
    () => pick(list).barcode, // a scanned barcode typed in
    () => pick(list).name, // a whole name
  ];
  return Array.from({ length: count }, (_, i) => (kinds[i % kinds.length] as () => string)());
}

export interface CatalogueSample {
  articles: number;
  importMs: number;
  serverSearch: Summary;
  pageLoad: Summary;
  configFull: Summary;
  applyFull: number;
  configDelta: Summary;
  applyDelta: Summary;
  indexBuild: number;
  localSearch: Summary;
  localTyping: Summary;
  localBarcode: Summary;
  /** Products a typical search takes at this size (median), for reading the numbers. */
  searchHits: number;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: since(started), value };
}

function configOf(
  outcome: Awaited<ReturnType<typeof fetchConfig>>,
  what: string,
): RegisterConfigSnapshot {
  if (!outcome.ok) throw new Error(`${what}: ${outcome.failure.code}`);
  const config = outcome.value.config;
  if (!config.changed) throw new Error(`${what}: nothing changed`);
  return config;
}

/** What SellingRuntime.applyConfiguration does with a snapshot, against `store` and `folder`. */
async function apply(
  store: JournalStore,
  folder: string,
  current: LocalProduct[],
  snapshot: RegisterConfigSnapshot,
): Promise<LocalProduct[]> {
  let previous: readonly LocalProduct[] = current;
  let touched: Set<string> | null = null;
  let products: LocalProduct[];
  const next = toLocalProducts(snapshot.catalogue);
  if (snapshot.catalogueDelta === true) {
    const merged = applyCatalogueDelta(current, snapshot.catalogue);
    touched = merged.numbers;
    previous = current.filter((p) => merged.numbers.has(p.articleNumber));
    products = merged.products;
  } else {
    products = next;
  }
  const at = new Date().toISOString();
  const changes = [
    ...articleChanges(previous, next),
    ...priceChanges(previous, next, snapshot.businessDay),
  ];
  const meta = { cursor: snapshot.cursor, businessDay: snapshot.businessDay, syncedAt: at };
  if (changes.length > 0) {
    const pending = pendingOf(previous, next, touched, meta);
    store.append(
      changes.map((event) => ({ event })),
      at,
      [{ op: 'put', key: PENDING_CATALOGUE_KEY, value: pending }],
    );
  }
  await writeCatalogue(folder, { formatVersion: 1, ...meta, products });
  if (changes.length > 0) store.changeWorking([{ op: 'delete', key: PENDING_CATALOGUE_KEY }]);
  return products;
}

async function measure(
  rig: PostgresRig,
  identity: DeviceIdentity,
  count: number,
  options: { searches: number; rounds: number; log: (line: string) => void },
): Promise<CatalogueSample> {
  const list = articles(count);
  const csv = [HEADER, ...list.map(row)].join('\n');
  options.log(`${count} articles: import (${(csv.length / 1e6).toFixed(1)} MB of CSV) …`);
  const imported = await timed(() =>
    rig.admin<{ created: number }>('POST', '/api/products/import', { csv }),
  );
  if (imported.value.created !== count) throw new Error(`imported ${imported.value.created}`);

  const queries = searches(list, options.searches);
  options.log(`${count} articles: ${queries.length} server searches, page reads …`);
  const serverSearch: number[] = [];
  const hits: number[] = [];
  for (const q of queries) {
    const answer = await timed(() =>
      rig.admin<{ total: number }>('GET', `/api/products?q=${encodeURIComponent(q)}&limit=50`),
    );
    serverSearch.push(answer.ms);
    hits.push(answer.value.total);
  }
  const random = seededRandom(11);
  const pageLoad: number[] = [];
  for (let i = 0; i < options.searches; i++) {
    const offset = i === 0 ? 0 : 50 * Math.floor(random() * Math.floor(count / 50));
    const answer = await timed(() =>
      rig.admin<{ products: Product[] }>('GET', `/api/products?offset=${offset}&limit=50`),
    );
    pageLoad.push(answer.ms);
  }

  const folder = await mkdtemp(path.join(os.tmpdir(), 'kassa-bench-catalogue-'));
  const store = openJournalStore(path.join(folder, 'journal.sqlite'));
  try {
    options.log(`${count} articles: register config sync, full and delta …`);
    const configFull: number[] = [];
    let full: RegisterConfigSnapshot | null = null;
    for (let i = 0; i < options.rounds; i++) {
      const answer = await timed(async () => configOf(await fetchConfig(identity, null), 'full'));
      configFull.push(answer.ms);
      full = answer.value;
    }
    if (full === null) throw new Error('no snapshot');
    const first = full;
    const appliedFull = await timed(() => apply(store, folder, [], first));
    let copy = appliedFull.value;
    let cursor = first.cursor;

    const configDelta: number[] = [];
    const applyDelta: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const changed = list.slice(round * 10, round * 10 + 10).map((a) => ({
        ...a,
        name: `${a.name} v${round + 2}`,
      }));
      await rig.admin('POST', '/api/products/import', {
        csv: [HEADER, ...changed.map(row)].join('\n'),
      });
      const answer = await timed(async () =>
        configOf(await fetchConfig(identity, cursor), 'delta'),
      );
      if (answer.value.catalogue.length !== 10) {
        throw new Error(`delta of ${answer.value.catalogue.length} products`);
      }
      configDelta.push(answer.ms);
      const delta = answer.value;
      const appliedDelta = await timed(() => apply(store, folder, copy, delta));
      applyDelta.push(appliedDelta.ms);
      copy = appliedDelta.value;
      cursor = delta.cursor;
    }

    options.log(`${count} articles: register local search …`);
    const built = performance.now();
    const index = new CatalogueIndex(copy);
    const indexBuild = since(built);
    const localSearch: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const q of queries) {
        const started = performance.now();
        index.search({ q, offset: 0, limit: 60 });
        localSearch.push(since(started));
      }
    }
    // As a cashier types: every prefix of each search, one after the other.
    const localTyping: number[] = [];
    for (const q of queries.slice(0, 14)) {
      for (let n = 1; n <= q.length; n++) {
        const started = performance.now();
        index.search({ q: q.slice(0, n), offset: 0, limit: 60 });
        localTyping.push(since(started));
      }
    }
    const localBarcode: number[] = [];
    for (let i = 0; i < options.searches; i++) {
      const started = performance.now();
      const found = index.search({
        barcode: list[(i * 7919) % count]?.barcode,
        offset: 0,
        limit: 1,
      });
      localBarcode.push(since(started));
      if (found.total !== 1) throw new Error('barcode not found');
    }
    return {
      articles: count,
      importMs: imported.ms,
      serverSearch: summarize(serverSearch),
      pageLoad: summarize(pageLoad),
      configFull: summarize(configFull),
      applyFull: appliedFull.ms,
      configDelta: summarize(configDelta),
      applyDelta: summarize(applyDelta),
      indexBuild,
      localSearch: summarize(localSearch),
      localTyping: summarize(localTyping),
      localBarcode: summarize(localBarcode),
      searchHits: summarize(hits).median,
    };
  } finally {
    store.close();
    await rm(folder, { recursive: true, force: true });
  }
}

export async function runCatalogueBench(options: {
  sizes: readonly number[];
  searches: number;
  rounds: number;
  log: (line: string) => void;
}): Promise<CatalogueSample[]> {
  const samples: CatalogueSample[] = [];
  for (const size of options.sizes) {
    // A cluster of its own per size: the smaller catalogue is not measured beside the larger.
    options.log(`starting PostgreSQL for ${size} articles …`);
    const rig = await startPostgresRig({ slug: `katalog${samples.length}`, licensedTerminals: 2 });
    try {
      const terminalId = await rig.createTerminal('KAT1');
      const identity = await rig.connectDevice(terminalId);
      samples.push(await measure(rig, identity, size, options));
    } finally {
      await rig.close();
    }
  }
  return samples;
}

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const time = (value: number) => (value >= 1000 ? seconds(value) : ms(value));

/** The table: each number at each size, and its ratio to the smallest size. */
export function catalogueReport(samples: readonly CatalogueSample[]): string[] {
  const base = samples[0];
  if (base === undefined) return [];
  const rows: [string, (s: CatalogueSample) => number][] = [
    ['import of the whole CSV', (s) => s.importMs],
    ['server search p50 (limit 50)', (s) => s.serverSearch.median],
    ['server search p95', (s) => s.serverSearch.p95],
    ['products page API p50 (50 rows)', (s) => s.pageLoad.median],
    ['products page API p95', (s) => s.pageLoad.p95],
    ['config sync full: answer p50', (s) => s.configFull.median],
    ['config sync full: register applies', (s) => s.applyFull],
    ['config sync delta (10): answer p50', (s) => s.configDelta.median],
    ['config sync delta (10): applies p50', (s) => s.applyDelta.median],
    ['register index build (once per copy)', (s) => s.indexBuild],
    ['register local search p50 (limit 60)', (s) => s.localSearch.median],
    ['register local search p95', (s) => s.localSearch.p95],
    ['register search while typing p95 (a key)', (s) => s.localTyping.p95],
    ['register barcode lookup p50', (s) => s.localBarcode.median],
  ];
  const header = [
    '',
    ...samples.map((s) => `${s.articles.toLocaleString('en')} articles`),
    ...samples.slice(1).map((s) => `ratio ${s.articles / base.articles}×`),
  ];
  const body = rows.map(([label, of]) => [
    label,
    ...samples.map((s) => time(of(s))),
    ...samples.slice(1).map((s) => `${(of(s) / of(base)).toFixed(1)}`),
  ]);
  const largest = samples.at(-1) ?? base;
  const met = (value: number, aim: number) => (value < aim ? 'MET' : 'NOT MET');
  return [
    table(header, body),
    '',
    `Search hits (median total per search): ${samples.map((s) => s.searchHits).join(' / ')}`,
    `Aims at ${largest.articles.toLocaleString('en')} articles: search results under 100 ms — server p95 ` +
      `${met(largest.serverSearch.p95, 100)} (${ms(largest.serverSearch.p95)}), register p95 ` +
      `${met(largest.localSearch.p95, 100)} (${ms(largest.localSearch.p95)}); page load under 2 s — ` +
      `products page API p95 ${met(largest.pageLoad.p95, 2000)} (${time(largest.pageLoad.p95)}).`,
  ];
}
