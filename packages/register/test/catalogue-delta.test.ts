/**
 * The catalogue at the register, against the real server: a register with a cursor is sent only
 * the products changed since it (a delta), applied in order to its copy; a crash after the
 * delta's programming changes are journaled but before the copy is written is finished at the
 * next start from the pending working state, without journaling anything twice, and the next
 * sync completes. The local search answers one capped page of the copy (GET /local/catalogue
 * with a query), by name, with the number found and an exact barcode lookup.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@kassa/core';
import type { LocalCataloguePage, LocalProduct, Product } from '@kassa/contracts';
import type { FastifyInstance } from 'fastify';
import { buildLocalService } from '../src/index.js';
import {
  CatalogueIndex,
  PENDING_CATALOGUE_KEY,
  applyCatalogueDelta,
  toLocalProducts,
} from '../src/selling/catalogue.js';
import { openJournalStore } from '../src/selling/journal-store.js';
import { startKassaServer, type KassaServer } from './support/kassa-server.js';
import { startSellingRig, type SellingRig } from './support/selling.js';

let server: KassaServer;
let rig: SellingRig;
let app: FastifyInstance;

beforeAll(async () => {
  server = await startKassaServer();
  rig = await startSellingRig({ server });
  app = rig.app;
  await rig.signIn('kalle', '4711');
}, 120_000);

afterAll(async () => {
  if (app !== rig?.app) await app?.close();
  await rig?.close();
  await server?.close();
});

const file = (name: string) => path.join(rig.pc.home, name);

async function call<T>(url: string) {
  const response = await app.inject({ method: 'GET', url, headers: { host: '127.0.0.1:8181' } });
  return { status: response.statusCode, body: response.json<T>() };
}

async function copy(): Promise<{ cursor?: string; products: LocalProduct[] }> {
  return JSON.parse(await readFile(file('catalogue.json'), 'utf8')) as {
    cursor?: string;
    products: LocalProduct[];
  };
}

function journal(): { entries: JournalEntry[]; pending: unknown } {
  const store = openJournalStore(file('journal.sqlite'), { readonly: true });
  try {
    return { entries: store.entries(), pending: store.working(PENDING_CATALOGUE_KEY) };
  } finally {
    store.close();
  }
}

const programming = (entries: JournalEntry[]) =>
  entries.filter((e) => e.kind === 'article-changed' || e.kind === 'price-change');

async function products(): Promise<Product[]> {
  const { body } = await server.admin.call<{ products: Product[] }>('GET', '/api/products');
  return body.products;
}

async function idOf(articleNumber: string): Promise<string> {
  const id = (await products()).find((p) => p.articleNumber === articleNumber)?.id;
  if (!id) throw new Error(`no product ${articleNumber}`);
  return id;
}

/** What a full snapshot would give the register: the active products with a price, by name. */
async function expectedCopy(): Promise<string[]> {
  return (await products())
    .filter((p) => p.active && p.priceOre !== null)
    .sort((a, b) => new Intl.Collator('sv').compare(a.name, b.name))
    .map((p) => `${p.articleNumber}:${p.name}:${p.priceOre}:${p.barcodes.join('+')}`);
}
const shape = (list: LocalProduct[]) =>
  list.map((p) => `${p.articleNumber}:${p.name}:${p.priceOre}:${p.barcodes.join('+')}`);

async function sync() {
  const result = await app.kassa.syncNow();
  if (result === null) throw new Error('not connected');
  expect(result.failure).toBeNull();
  return result;
}

describe('catalogue delta at the register', () => {
  it('is sent only the products changed since its cursor and applies them in order', async () => {
    const before = journal().entries.length;
    const bulle = await idOf('BULLE');
    // Two changes of one article between syncs: the later wins; another article leaves the
    // catalogue; a new one comes.
    await server.admin.call('PATCH', `/api/products/${bulle}`, { name: 'Kanelbulle stor' });
    await server.admin.call('PATCH', `/api/products/${bulle}`, { name: 'Kanelbulle XL' });
    await server.admin.call('PATCH', `/api/products/${await idOf('BOK')}`, { active: false });
    await server.admin.call('POST', '/api/products', {
      articleNumber: 'SAFT',
      name: 'Äppelsaft',
      barcodes: ['7310865071804'],
      priceOre: 2500,
      vatCategory: 'food',
      kind: 'good',
      group: 'Dryck',
      unit: 'piece',
    });

    const result = await sync();
    expect(result.config).toMatchObject({ changed: true, reset: false, catalogueDelta: true });
    const sent =
      result.config?.changed === true ? result.config.catalogue.map((p) => p.articleNumber) : [];
    expect(sent.sort()).toEqual(['BOK', 'BULLE', 'SAFT']);
    const now = await copy();
    expect(now.cursor).toBe(result.config?.cursor);
    expect(shape(now.products)).toEqual(await expectedCopy());
    expect(now.products.map((p) => p.articleNumber)).not.toContain('BOK');

    const journaled = programming(journal().entries.slice(before)).map(
      (e) =>
        `${(e.data as { articleNumber: string }).articleNumber}:${(e.data as { field?: string }).field ?? 'price'}`,
    );
    expect(journaled.sort()).toEqual(['BOK:article', 'BULLE:name', 'SAFT:article']);
    expect(journal().pending).toBeUndefined();
    expect((await sync()).config).toMatchObject({ changed: false, cursor: now.cursor });
  });

  it('finishes a delta journaled before a crash at the next start, journaling it once', async () => {
    const kaffe = await idOf('KAFFE');
    await server.admin.call('PATCH', `/api/products/${kaffe}`, { name: 'Bryggkaffe mörk' });
    const old = await readFile(file('catalogue.json'), 'utf8');
    const before = journal().entries.length;
    // The copy cannot be written (its name is taken by a folder): the sync stops after the
    // journal transaction, as a crash between the two would.
    await rm(file('catalogue.json'));
    await mkdir(path.join(file('catalogue.json'), 'blocker'), { recursive: true });
    await expect(app.kassa.syncNow()).rejects.toThrow();
    const crashed = journal();
    expect(programming(crashed.entries.slice(before)).map((e) => e.data)).toEqual([
      expect.objectContaining({ articleNumber: 'KAFFE', field: 'name', to: 'Bryggkaffe mörk' }),
    ]);
    expect(crashed.pending).toMatchObject({ upserts: [{ articleNumber: 'KAFFE' }], removed: [] });

    // Restart on the copy as it was before the crash.
    await app.close();
    await rm(file('catalogue.json'), { recursive: true });
    await writeFile(file('catalogue.json'), old);
    app = await buildLocalService({
      folder: rig.pc.home,
      env: rig.pc.env,
      syncIntervalMs: 0,
      posWebDir: null,
      provisioningCandidates: [],
      clock: rig.clock.now,
      controlUnitProbeMs: 0,
    });
    const started = await app.kassa.syncNow(); // opens the runtime, which finishes the copy
    expect(started?.failure ?? null).toBeNull();
    const after = journal();
    expect(after.pending).toBeUndefined();
    expect(programming(after.entries.slice(before))).toHaveLength(1);
    const now = await copy();
    expect(now.products.find((p) => p.articleNumber === 'KAFFE')?.name).toBe('Bryggkaffe mörk');
    expect(shape(now.products)).toEqual(await expectedCopy());
    expect((await sync()).config).toMatchObject({ changed: false, cursor: now.cursor });
  });
});

describe('local catalogue search', () => {
  it('answers the whole copy without a query, and one page by name with one', async () => {
    const register = JSON.parse(await readFile(file('register.json'), 'utf8')) as {
      terminal: { registerId: string };
    };
    const signIn = await app.inject({
      method: 'POST',
      url: '/local/sign-in',
      headers: { host: '127.0.0.1:8181' },
      payload: { username: `kalle${register.terminal.registerId.toLowerCase()}`, pin: '4711' },
    });
    expect(signIn.statusCode).toBe(200);
    const whole = await call<{ products: LocalProduct[] }>('/local/catalogue');
    expect(whole.status).toBe(200);
    expect(whole.body).not.toHaveProperty('total');
    const page = await call<LocalCataloguePage>('/local/catalogue?limit=2&offset=1');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(whole.body.products.length);
    expect(page.body.products).toEqual(whole.body.products.slice(1, 3));
    expect(page.body.groups).toEqual(['Bröd', 'Butik', 'Dryck']);
    const found = await call<LocalCataloguePage>('/local/catalogue?q=%C3%84PPEL&limit=10');
    expect(found.body.products.map((p) => p.articleNumber)).toEqual(['SAFT']);
    const scanned = await call<LocalCataloguePage>('/local/catalogue?barcode=7310865071804');
    expect(scanned.body).toMatchObject({ total: 1, products: [{ articleNumber: 'SAFT' }] });
    const tooMany = await call<unknown>('/local/catalogue?limit=100000');
    expect(tooMany.status).toBe(400);
  });

  const many: LocalProduct[] = Array.from({ length: 2_000 }, (_, i) => ({
    articleNumber: `A${String(i).padStart(5, '0')}`,
    name: `${i % 2 === 0 ? 'Ölglas' : 'Saftglas'} nr ${String(i).padStart(4, '0')}`,
    barcodes: i % 100 === 0 ? [`73100000${String(i).padStart(5, '0')}`] : [],
    priceOre: 1000 + i,
    unit: 'piece',
    vatCategory: 'standard',
    kind: 'good',
    group: i % 3 === 0 ? null : i % 3 === 1 ? 'Glas' : 'Äpplen',
  }));
  const index = new CatalogueIndex(many);

  it('caps a search at its limit, pages through it and counts everything it takes', () => {
    const first = index.search({ q: 'glas', offset: 0, limit: 50 });
    expect(first.total).toBe(2_000);
    expect(first.products).toHaveLength(50);
    const pages: LocalProduct[] = [];
    for (let offset = 0; offset < 2_000; offset += 300) {
      const page = index.search({ q: 'glas', offset, limit: 300 });
      expect(page.total).toBe(2_000);
      pages.push(...page.products);
    }
    expect(pages).toEqual(many);
    expect(index.search({ q: 'glas', offset: 1_990, limit: 50 }).products).toHaveLength(10);
    expect(index.search({ q: 'glas', offset: 5_000, limit: 50 })).toEqual({
      total: 2_000,
      products: [],
    });
  });

  it('matches every word, case-insensitive for å, ä and ö, in the name, article number or a barcode', () => {
    const ol = index.search({ q: 'ÖLGLAS 01', offset: 0, limit: 500 });
    const text = (p: LocalProduct) => [p.name, p.articleNumber, ...p.barcodes].join(' ');
    expect(ol.total).toBe(
      many.filter((p) => p.name.startsWith('Ölglas') && text(p).includes('01')).length,
    );
    expect(ol.total).toBeGreaterThan(0);
    expect(ol.products.every((p) => p.name.startsWith('Ölglas'))).toBe(true);
    expect(index.search({ q: 'a00042', offset: 0, limit: 5 }).products.map((p) => p.name)).toEqual([
      'Ölglas nr 0042',
    ]);
    expect(index.search({ q: '7310000001900', offset: 0, limit: 5 }).total).toBe(1);
    expect(index.search({ q: 'ölglas saftglas', offset: 0, limit: 5 }).total).toBe(0);
  });

  it('answers a search typed on, backspaced or paged as a fresh index does', () => {
    const typed = ['s', 'sa', 'saft', 'saftglas ', 'saftglas 1', 'saftglas 19', 'saftglas 1', 'ö'];
    for (const group of ['*', 'Glas', '']) {
      for (const q of typed) {
        for (const offset of [0, 100]) {
          const fresh = new CatalogueIndex(many).search({ q, group, offset, limit: 50 });
          expect(index.search({ q, group, offset, limit: 50 }), `${group} ${q} ${offset}`).toEqual(
            fresh,
          );
        }
      }
    }
  });

  it('applies a delta in name order as sorting the whole copy again would', () => {
    const product = (articleNumber: string, name: string): Product => ({
      id: articleNumber,
      articleNumber,
      name,
      barcodes: [],
      vatCategory: 'standard',
      kind: 'good',
      unit: 'piece',
      group: null,
      active: true,
      priceOre: 100,
      prices: [],
    });
    const changed = [
      product('A00010', 'Aaa först'),
      product('A00011', 'Ölglas nr 0500'), // beside the products of the same name, after them
      product('A00012', 'Öööö sist'),
      { ...product('A00002', 'Borta'), active: false },
      product('NY-1', 'Saftglas nr 0001b'),
    ];
    const sorted = [...many].sort((a, b) => new Intl.Collator('sv').compare(a.name, b.name));
    const { products } = applyCatalogueDelta(sorted, changed);
    const numbers = new Set(changed.map((p) => p.articleNumber));
    const expected = [
      ...sorted.filter((p) => !numbers.has(p.articleNumber)),
      ...toLocalProducts(changed),
    ].sort((a, b) => new Intl.Collator('sv').compare(a.name, b.name));
    expect(products).toEqual(expected);
    expect(products.map((p) => p.articleNumber)).not.toContain('A00002');
  });

  it('finds a barcode or article number exactly, and filters by group', () => {
    expect(index.search({ barcode: '7310000001900', offset: 0, limit: 5 }).products).toEqual([
      many[1_900],
    ]);
    expect(index.search({ barcode: '731000000190', offset: 0, limit: 5 }).total).toBe(0);
    expect(index.search({ barcode: 'A01234', offset: 0, limit: 5 }).products).toEqual([
      many[1_234],
    ]);
    expect(index.groups).toEqual(['Glas', 'Äpplen', '']);
    const ungrouped = index.search({ group: '', offset: 0, limit: 10 });
    expect(ungrouped.total).toBe(667);
    expect(ungrouped.products.every((p) => p.group === null)).toBe(true);
    expect(index.search({ group: 'Äpplen', q: 'saftglas', offset: 0, limit: 1 }).total).toBe(333);
  });
});
