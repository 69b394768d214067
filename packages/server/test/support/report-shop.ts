/**
 * The shop that the tests of reports and exports sell in: an environment with its first place of
 * business and a branch, whose connected terminals upload the journals a test builds.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { JournalEntry } from '@kassa/core';
import { setLicence } from '../../src/commands/terminals.js';
import { placesOfBusiness } from '../../src/db/schema.js';
import { firstPlaceId, type ConnectedTerminal } from './connected-terminal.js';
import { toUpload } from './journal-fixture.js';
import { openSignedInApp, type SignedInApp } from './signed-in-app.js';
import type { FakeClock } from './test-app.js';

/** A row of GET /api/reports/sales (and of its CSV export), as the API serves it. */
export interface SalesReportRow {
  key: string;
  label: string;
  count: number;
  returnCount: number;
  gross: number;
  vat: number | null;
  net: number | null;
  quantity?: number;
  unit?: string;
}

export interface ShopWithBranch extends SignedInApp {
  /** The environment's own first place of business. */
  mainPlace: string;
  /** A second place, "Filialen" in Lund. */
  branchPlace: string;
}

/**
 * A signed-in app (see openSignedInApp) whose environment is licensed for `terminals` terminals
 * and has a second place of business, "Filialen".
 */
export async function openShopWithBranch(
  clock: FakeClock,
  slug: string,
  companyName: string,
  terminals: number,
): Promise<ShopWithBranch> {
  const opened = await openSignedInApp(clock, slug, companyName);
  const { tdb, app, admin, tenantId } = opened;
  await setLicence(tdb.database.db, opened.slug, { terminals }, clock.now());
  const mainPlace = await firstPlaceId(app, admin);
  const branchPlace = randomUUID();
  // No API creates places yet; the second place is inserted as the environment's own data.
  await tdb.database.db.insert(placesOfBusiness).values({
    tenantId,
    id: branchPlace,
    name: 'Filialen',
    streetAddress: 'Lillgatan 2',
    postalCode: '222 33',
    city: 'Lund',
    createdAt: clock.now(),
  });
  return { ...opened, mainPlace, branchPlace };
}

/**
 * Uploads `entries` from terminal `t` as its register does (a signed request at `at`, in ms);
 * throws unless the server accepts them.
 */
export async function uploadJournal(
  app: FastifyInstance,
  host: string,
  t: ConnectedTerminal,
  entries: readonly JournalEntry[],
  at: number,
): Promise<void> {
  const r = await t.pc.request(
    app,
    host,
    'POST',
    '/api/register/journal',
    { entries: toUpload(entries) },
    at,
  );
  if (r.statusCode !== 200) throw new Error(r.body);
}
