/**
 * The journal export of SKVFS 2021:16 made from the server's copy of a
 * terminal's journal (journal_entries), for whole business days in Europe/Stockholm: the same
 * XML that `kassa export-journal` writes on the register for the same entries (journalToSkvfsXml
 * of @kassa/documents), so Skatteverket can be given the journal even when the register PC is
 * gone.
 *
 * The entries of the period are read by (tenant, terminal, at). What they refer to before the
 * period (a changed line's registration, a copy's original, an article's item type, the program
 * start before a report; skvfsReferences) is fetched one reference at a time instead of reading
 * the terminal's whole history, and the Z-reports after the period that close one of its days
 * come from the Z archive. Everything is read in one read-only REPEATABLE READ transaction, so an
 * upload arriving meanwhile is either wholly in the export or not at all.
 *
 * Identity: the company from the environment, the address from the terminal's place of
 * business, kassabeteckning and tillverkningsnummer from the terminal, the control unit from the
 * latest receipt that names one (else the terminal's registration), the program version as the
 * register last reported it (else its latest start in the journal).
 */
import { type SQL, and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { MAX_JOURNAL_EXPORT_DAYS, MODEL_DESIGNATION, parseJournalEntry } from '@kassa/contracts';
import {
  type Failure,
  type JournalEntry,
  type Result,
  businessDayBounds,
  fail,
  ok,
  SHOP_TIME_ZONE,
} from '@kassa/core';
import {
  type SkvfsExportProblem,
  type SkvfsIdentity,
  type ZReference,
  journalToSkvfsExport,
  skvfsReferences,
} from '@kassa/documents';
import { type Db, type Tx, selectRows } from '../db/database.js';
import { journalEntries, placesOfBusiness, tenants, terminals } from '../db/schema.js';
import { ofTerminalJournal, uploadedEntryOf } from '../commands/journal-copy.js';
import { isUuid } from '../ids.js';
import { daysIn } from './report-period.js';

/** The name of the program in the export (ModellEllerProgramForKassaregistret). */
const EXPORT_PROGRAM_NAME = 'Kassa';

/** The most journal entries one export holds: a longer period is exported in parts. */
const MAX_JOURNAL_EXPORT_ENTRIES = 200_000;

export type JournalExportFailure =
  | Failure<'journal-export-period-reversed', { from: string; to: string }>
  | Failure<'journal-export-period-too-long', { maxDays: number }>
  | Failure<'terminal-not-found'>
  | Failure<'journal-export-empty', { registerId: string; from: string; to: string }>
  | Failure<'journal-export-too-large', { entries: number; maxEntries: number }>;

export interface JournalExportRequest {
  readonly terminalId: string;
  /** Business days 'YYYY-MM-DD', both included. */
  readonly from: string;
  readonly to: string;
  /** Who exports (the signed-in user's username); null when unknown. */
  readonly exportedBy: string | null;
  readonly now: Date;
  /** The server's version: the program version when the terminal never reported one. */
  readonly serverVersion: string;
  /** Default MAX_JOURNAL_EXPORT_ENTRIES (tests pass less). */
  readonly maxEntries?: number;
}

export interface JournalExport {
  readonly xml: string;
  readonly registerId: string;
  readonly entries: number;
  /** The terminal's acknowledged journal head: later entries have not reached the server yet. */
  readonly headSeq: number;
  /** `journal-<kassabeteckning>-<from>-<to>.xml`, as the register names its export. */
  readonly filename: string;
  /**
   * Values written other than journaled because the schema cannot hold them (a control code or a
   * control unit serial an older register journaled unchecked): the export is made all the same.
   */
  readonly problems: readonly SkvfsExportProblem[];
}

type EntryRow = typeof journalEntries.$inferSelect;

/**
 * A stored row as the register's journal entry (exactly as it was hashed): read with the
 * contracts' parseJournalEntry (journalEventSchema), so the entry is core's type. A row the schema does not take (a kind this
 * version does not know, or a value outside core's types that an older register journaled) is
 * passed on as stored: journalToSkvfsExport exports it as a deviation (an "Okänd händelse", a
 * value written in a form the XSD holds; docs/protocols/skvfs-2021-16-export.md "Avvikelser").
 */
function entryOf(row: EntryRow): JournalEntry {
  const stored = uploadedEntryOf(row);
  const entry = parseJournalEntry(stored);
  if (entry.success) return entry.data;
  // Not core's shape, by the check just above; the export's deviations are made for such rows
  // (journalToSkvfsExport takes core's entries only, so the row is passed on under that type).
  return stored as JournalEntry;
}

/** "street, postcode city", as the receipts write the place of sale. */
function placeAddress(place: { streetAddress: string; postalCode: string; city: string }): string {
  return [place.streetAddress, `${place.postalCode} ${place.city}`.trim()]
    .filter((p) => p.trim() !== '')
    .join(', ');
}

/** Names a file safely in a Content-Disposition header (kassabeteckning is A–Z, 0–9 already). */
export function safeFilenamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The SKVFS 2021:16 XML of a terminal's journal copy for the business days `from`–`to`, or why
 * there is none: the period reversed or too long, no such terminal in this environment, nothing
 * journaled in the period, too many entries, or an entry the export cannot write.
 */
export async function exportTerminalJournal(
  db: Db,
  tenantId: string,
  request: JournalExportRequest,
): Promise<Result<JournalExport, JournalExportFailure>> {
  const { from, to } = request;
  if (from > to) return fail('journal-export-period-reversed', { from, to });
  if (daysIn(from, to) > MAX_JOURNAL_EXPORT_DAYS) {
    return fail('journal-export-period-too-long', { maxDays: MAX_JOURNAL_EXPORT_DAYS });
  }
  if (!isUuid(request.terminalId)) return fail('terminal-not-found');
  return db.transaction((tx) => exportIn(tx, tenantId, request), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

async function exportIn(
  tx: Tx,
  tenantId: string,
  request: JournalExportRequest,
): Promise<Result<JournalExport, JournalExportFailure>> {
  const { from, to, terminalId } = request;
  const [terminal] = await tx
    .select({
      registerId: terminals.registerId,
      serialNumber: terminals.serialNumber,
      controlUnitSerial: terminals.controlUnitSerial,
      reportedVersion: terminals.reportedVersion,
      headSeq: terminals.journalHeadSeq,
      companyName: tenants.companyName,
      organisationNumber: tenants.organisationNumber,
      streetAddress: placesOfBusiness.streetAddress,
      postalCode: placesOfBusiness.postalCode,
      city: placesOfBusiness.city,
    })
    .from(terminals)
    .innerJoin(tenants, eq(tenants.id, terminals.tenantId))
    .innerJoin(
      placesOfBusiness,
      and(
        eq(placesOfBusiness.tenantId, terminals.tenantId),
        eq(placesOfBusiness.id, terminals.placeOfBusinessId),
      ),
    )
    .where(and(eq(terminals.tenantId, tenantId), eq(terminals.id, terminalId)));
  if (!terminal) return fail('terminal-not-found');

  const period = {
    from: new Date(businessDayBounds(from, SHOP_TIME_ZONE).startMs),
    to: new Date(businessDayBounds(to, SHOP_TIME_ZONE).endMs),
  };
  const ofTerminal = ofTerminalJournal(tenantId, terminalId);
  const inPeriod = and(
    ofTerminal,
    gte(journalEntries.at, period.from),
    lt(journalEntries.at, period.to),
  );
  const [counted] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(journalEntries)
    .where(inPeriod);
  const count = Number(counted?.n ?? 0);
  if (count === 0) {
    return fail('journal-export-empty', { registerId: terminal.registerId, from, to });
  }
  const maxEntries = request.maxEntries ?? MAX_JOURNAL_EXPORT_ENTRIES;
  if (count > maxEntries) return fail('journal-export-too-large', { entries: count, maxEntries });

  const rows = await tx
    .select()
    .from(journalEntries)
    .where(inPeriod)
    .orderBy(asc(journalEntries.seq));
  const entries = rows.map(entryOf);
  const scope = { tenantId, terminalId, from: period.from.toISOString() };
  const earlierEntries = await earlierReferences(tx, scope, entries);
  const laterZReports = await laterZ(tx, scope, period.to.toISOString(), from, to);

  const identity: SkvfsIdentity = {
    companyName: terminal.companyName,
    organisationNumber: terminal.organisationNumber,
    placeOfSaleAddress: placeAddress(terminal),
    registerId: terminal.registerId,
    registerSerialNumber: terminal.serialNumber,
    controlUnitSerial:
      (await latestControlUnit(tx, tenantId, terminalId)) ?? terminal.controlUnitSerial,
    programName: EXPORT_PROGRAM_NAME,
    programVersion:
      terminal.reportedVersion ??
      (await latestProgramVersion(tx, tenantId, terminalId)) ??
      request.serverVersion,
    modelDesignation: MODEL_DESIGNATION,
  };
  const result = journalToSkvfsExport({
    entries,
    identity,
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    exportedAt: request.now.toISOString(),
    exportedBy: request.exportedBy,
    timeZone: SHOP_TIME_ZONE,
    earlierEntries,
    laterZReports,
  });
  if (!result.ok) {
    return fail('journal-export-empty', { registerId: terminal.registerId, from, to });
  }
  return ok({
    xml: result.value.xml,
    problems: result.value.problems,
    registerId: terminal.registerId,
    entries: entries.length,
    headSeq: terminal.headSeq,
    filename: `journal-${safeFilenamePart(terminal.registerId)}-${from}-${to}.xml`,
  });
}

interface Scope {
  readonly tenantId: string;
  readonly terminalId: string;
  /** The period's start (ISO instant): "before the period" is `at` before it. */
  readonly from: string;
}

/**
 * The entries before the period that the period's entries refer to (skvfsReferences): for each,
 * the latest one before the period, as the register would find it in its whole journal.
 */
async function earlierReferences(
  tx: Tx,
  scope: Scope,
  entries: readonly JournalEntry[],
): Promise<JournalEntry[]> {
  const refs = skvfsReferences(entries);
  const { tenantId, terminalId, from } = scope;
  const before = sql`j.tenant_id = ${tenantId} AND j.terminal_id = ${terminalId} AND j.at < ${from}::timestamptz`;
  const seqs = new Set<number>();
  const add = async (query: SQL) => {
    for (const row of await selectRows<{ seq: unknown }>(tx, query)) seqs.add(Number(row.seq));
  };
  // The latest line registration before the period for each value of one of its fields.
  const latestLineAdded = (field: 'lineId' | 'articleNumber', values: readonly string[]) => {
    const value = sql.raw(`j.data->>'${field}'`); // one of the two names above, never input
    return add(sql`SELECT DISTINCT ON (${value}) j.seq FROM journal_entries j
      WHERE ${before} AND j.kind = 'line-added' AND ${value} IN (${sqlList(values)})
      ORDER BY ${value}, j.seq DESC`);
  };
  if (refs.lineIds.length > 0) await latestLineAdded('lineId', refs.lineIds);
  if (refs.removedArticles.length > 0) {
    await latestLineAdded('articleNumber', refs.removedArticles);
  }
  // Originals of copies: the latest sale or return receipt with that register and number.
  for (const original of refs.originals) {
    await add(sql`SELECT j.seq FROM journal_entries j
      WHERE ${before} AND j.kind IN ('sale', 'return')
        AND j.data->'receipt'->>'receiptNumber' = ${String(original.receiptNumber)}
        AND j.data->'receipt'->>'registerId' = ${original.registerId}
      ORDER BY j.seq DESC LIMIT 1`);
  }
  // Item types: the latest receipt with a line of the article.
  if (refs.articleTypes.length > 0) {
    await add(sql`SELECT DISTINCT ON (l.value->>'articleNumber') j.seq FROM journal_entries j
      CROSS JOIN jsonb_array_elements(j.data->'receipt'->'lines') l
      WHERE ${before} AND j.kind IN ('sale', 'return')
        AND l.value->>'articleNumber' IN (${sqlList(refs.articleTypes)})
      ORDER BY l.value->>'articleNumber', j.seq DESC`);
  }
  if (refs.registerStart) {
    await add(sql`SELECT j.seq FROM journal_entries j
      WHERE ${before} AND j.kind = 'register-started'
      ORDER BY j.seq DESC LIMIT 1`);
  }
  if (seqs.size === 0) return [];
  const rows = await tx
    .select()
    .from(journalEntries)
    .where(
      and(
        ofTerminalJournal(tenantId, terminalId),
        sql`${journalEntries.seq} IN (${sqlList([...seqs])})`,
      ),
    )
    .orderBy(asc(journalEntries.seq));
  return rows.map(entryOf);
}

/** Values as a comma-separated list of parameters, for `IN (…)`. */
function sqlList(values: readonly (string | number)[]): SQL {
  return sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
}

/** Z-reports journaled after the period that close one of its business days. */
async function laterZ(
  tx: Tx,
  scope: Scope,
  periodEnd: string,
  fromDay: string,
  toDay: string,
): Promise<ZReference[]> {
  const rows = await selectRows<{ seq: unknown; z_number: unknown; business_day: string }>(
    tx,
    sql`SELECT z.seq, z.z_number, z.business_day::text AS business_day FROM z_reports z
      JOIN journal_entries j
        ON j.tenant_id = z.tenant_id AND j.terminal_id = z.terminal_id AND j.seq = z.seq
      WHERE z.tenant_id = ${scope.tenantId} AND z.terminal_id = ${scope.terminalId}
        AND z.business_day BETWEEN ${fromDay}::date AND ${toDay}::date
        AND j.at >= ${periodEnd}::timestamptz
      ORDER BY z.seq`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    zNumber: Number(r.z_number),
    businessDay: r.business_day,
  }));
}

/** The control unit of the terminal's latest receipt that names one. */
async function latestControlUnit(
  tx: Tx,
  tenantId: string,
  terminalId: string,
): Promise<string | null> {
  const [row] = await selectRows<{ serial: string | null }>(
    tx,
    sql`SELECT j.data->'receipt'->>'controlUnitSerial' AS serial FROM journal_entries j
      WHERE j.tenant_id = ${tenantId} AND j.terminal_id = ${terminalId}
        AND j.kind IN ('sale', 'return', 'copy', 'training', 'pro-forma')
        AND j.data->'receipt'->>'controlUnitSerial' IS NOT NULL
      ORDER BY j.seq DESC LIMIT 1`,
  );
  return row?.serial ?? null;
}

/** The program version of the terminal's latest start in its journal. */
async function latestProgramVersion(
  tx: Tx,
  tenantId: string,
  terminalId: string,
): Promise<string | null> {
  const [row] = await selectRows<{ version: string | null }>(
    tx,
    sql`SELECT j.data->>'programVersion' AS version FROM journal_entries j
      WHERE j.tenant_id = ${tenantId} AND j.terminal_id = ${terminalId}
        AND j.kind = 'register-started'
      ORDER BY j.seq DESC LIMIT 1`,
  );
  return row?.version ?? null;
}
