/**
 * Programming changes journaled at the register (SKVFS 2014:9 5 kap 4 §, behandlingshistorik):
 * articles added and removed, names, VAT categories, units, kinds, groups and barcodes that arrive
 * from the backoffice through the catalogue sync are journaled as `article-changed` (prices as
 * `price-change`) before they take effect, and appear in the SKVFS 2021:16 export. The register
 * against the real server; the backoffice changed through its API as an admin would.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDayOf, type JournalEntry } from '@kassa/core';
import type { LocalCatalogue } from '@kassa/contracts';
import { skvfsSchema, validateXml, xmlReader } from '@kassa/test-kit';
import { exportJournal } from '../src/journal-tools/export-journal.js';
import { startSellingRig, readJournal, type SellingRig } from './support/selling.js';

let rig: SellingRig;

beforeAll(async () => {
  rig = await startSellingRig();
  await rig.signIn('kalle', '4711');
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

type ArticleChanged = Extract<JournalEntry, { kind: 'article-changed' }>;

const articleChanges = (): ArticleChanged['data'][] =>
  readJournal(rig)
    .filter((e): e is ArticleChanged => e.kind === 'article-changed')
    .map((e) => e.data);

async function productId(articleNumber: string): Promise<string> {
  const { body } = await rig.server.admin.call<{
    products: { id: string; articleNumber: string }[];
  }>('GET', '/api/products');
  const id = body.products.find((p) => p.articleNumber === articleNumber)?.id;
  if (!id) throw new Error(`no product ${articleNumber}`);
  return id;
}

async function sync(): Promise<void> {
  const result = await rig.app.kassa.syncNow();
  if (result === null) throw new Error('not connected');
  expect(result.failure).toBeNull();
}

describe('programming changes from the backoffice are journaled at the register', () => {
  it('journals the articles of the first catalogue as added', () => {
    const added = articleChanges().filter((c) => c.field === 'article');
    expect(added.map((c) => c.articleNumber).sort()).toEqual(
      ['BOK', 'BULLE', 'GODIS', 'KAFFE', 'MUGG'].sort(),
    );
    expect(
      added.every((c) => c.from === null && c.to === c.text && c.source === 'backoffice'),
    ).toBe(true);
  });

  it('journals a name, a VAT category, a price, an article removed and one added, old → new, and exports them', async () => {
    const before = articleChanges().length;
    const priceChangesBefore = readJournal(rig).filter((e) => e.kind === 'price-change').length;
    const admin = rig.server.admin;
    const today = businessDayOf(rig.server.clock.now().getTime(), 'Europe/Stockholm');
    const bulle = await productId('BULLE');
    expect(
      (await admin.call('PATCH', `/api/products/${bulle}`, { name: 'Kanelbulle stor' })).status,
    ).toBe(200);
    const mugg = await productId('MUGG');
    expect(
      (await admin.call('PATCH', `/api/products/${mugg}`, { vatCategory: 'food' })).status,
    ).toBe(200);
    const kaffe = await productId('KAFFE');
    expect(
      (
        await admin.call('POST', `/api/products/${kaffe}/prices`, {
          priceOre: 3900,
          effectiveFrom: today,
        })
      ).status,
    ).toBeLessThan(300);
    const bok = await productId('BOK');
    expect((await admin.call('PATCH', `/api/products/${bok}`, { active: false })).status).toBe(200);
    expect(
      (
        await admin.call('POST', '/api/products', {
          articleNumber: 'SEMLA',
          name: 'Semla',
          priceOre: 4500,
          vatCategory: 'food',
        })
      ).status,
    ).toBe(201);

    // Nothing is journaled before the change reaches the register.
    expect(articleChanges()).toHaveLength(before);
    await sync();

    const changes = articleChanges().slice(before);
    expect(changes).toEqual(
      expect.arrayContaining([
        {
          articleNumber: 'BOK',
          text: 'Kokbok',
          field: 'article',
          from: 'Kokbok',
          to: null,
          source: 'backoffice',
        },
        {
          articleNumber: 'BULLE',
          text: 'Kanelbulle stor',
          field: 'name',
          from: 'Kanelbulle',
          to: 'Kanelbulle stor',
          source: 'backoffice',
        },
        {
          articleNumber: 'MUGG',
          text: 'Kaffemugg Åre',
          field: 'vatCategory',
          from: 'standard',
          to: 'food',
          source: 'backoffice',
        },
        {
          articleNumber: 'SEMLA',
          text: 'Semla',
          field: 'article',
          from: null,
          to: 'Semla',
          source: 'backoffice',
        },
      ]),
    );
    expect(changes).toHaveLength(4);
    const prices = readJournal(rig).filter((e) => e.kind === 'price-change');
    expect(prices).toHaveLength(priceChangesBefore + 1);
    expect(prices.at(-1)?.data).toMatchObject({ articleNumber: 'KAFFE', from: 3500, to: 3900 });

    // And they took effect.
    const catalogue = (await rig.call<LocalCatalogue>('GET', '/local/catalogue')).body;
    const names = Object.fromEntries(catalogue.products.map((p) => [p.articleNumber, p.name]));
    expect(names).toMatchObject({ BULLE: 'Kanelbulle stor', SEMLA: 'Semla' });
    expect(names.BOK).toBeUndefined();

    // A second sync with nothing changed journals nothing.
    await sync();
    expect(articleChanges()).toHaveLength(before + 4);

    // In the SKVFS 2021:16 export of the day, as OvrigRapport.
    const day = businessDayOf(rig.clock.now(), 'Europe/Stockholm');
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'kassa-catalogue-export-'));
    const exported = await exportJournal({
      folder: rig.pc.home,
      from: day,
      to: day,
      cwd,
      exportedBy: 'revisor',
      now: rig.clock.now,
    });
    if (!exported.ok) throw new Error(JSON.stringify(exported.failure));
    expect(validateXml(exported.value.file, skvfsSchema()).status).toBe(0);
    const r = xmlReader(exported.value.file);
    const reports = 'RegistreringLISTA/Handelse{OvrigRapport}';
    const n = r.count(reports);
    const all = Array.from({ length: n }, (_, i) => ({
      name: r.text(`${reports}[${i + 1}]/OvrigRapport/NamnPaOvrigRapport`),
      parameters: r.text(`${reports}[${i + 1}]/OvrigRapport/Sokparameter`),
    }));
    expect(all).toEqual(
      expect.arrayContaining([
        {
          name: 'Ändrad artikel',
          parameters:
            'artikelnummer=BULLE; artikel=Kanelbulle stor; fält=name; från=Kanelbulle; till=Kanelbulle stor; källa=backoffice',
        },
        {
          name: 'Ändrad artikel',
          parameters:
            'artikelnummer=MUGG; artikel=Kaffemugg Åre; fält=vatCategory; från=standard; till=food; källa=backoffice',
        },
        {
          name: 'Borttagen artikel',
          parameters:
            'artikelnummer=BOK; artikel=Kokbok; fält=article; från=Kokbok; till=(ingen); källa=backoffice',
        },
        {
          name: 'Ny artikel',
          parameters:
            'artikelnummer=SEMLA; artikel=Semla; fält=article; från=(ingen); till=Semla; källa=backoffice',
        },
        expect.objectContaining({ name: 'Prisändring' }),
      ]),
    );
  });
});
