/**
 * The documents the backoffice makes from its copy of a register's journal:
 * the Z-dagrapport as a PDF from the Z archive, and the journal export of SKVFS 2021:16 per
 * terminal and period. A real journal (the test-kit's sample day, built with the core functions
 * and SHA-256, plus a day whose entries refer to the day before) is uploaded by a simulated
 * register; the PDF is read back with pdftotext, the XML is validated with xmllint against
 * Skatteverket's schema, read back with XPath, and compared byte for byte with what the register's
 * own export (journalToSkvfsXml over the whole journal) writes for the same entries.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type JournalEntry,
  type JournalEvent,
  type Receipt,
  type Result,
  type ZReport,
  addLine,
  appendEntry,
  buildReceiptCopy,
  buildSaleReceipt,
  buildXReport,
  buildZReport,
  businessDayBounds,
  createSale,
  ore,
  priceSale,
  receiptEvent,
} from '@kassa/core';
import { ERROR_MESSAGES, JOURNAL_EXPORT_HEADERS, MODEL_DESIGNATION } from '@kassa/contracts';
import { journalToSkvfsXml, renderDayReportPdf, type SkvfsIdentity } from '@kassa/documents';
import {
  SAMPLE_REPORT_IDENTITY,
  SAMPLE_UNIT,
  buildSampleJournal,
  sampleContext,
  signSample,
  skvfsSchema,
  validateXml,
  xmlReader,
} from '@kassa/test-kit';
import { setLicence } from '../src/commands/terminals.js';
import { exportTerminalJournal } from '../src/reports/journal-export.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import {
  FakeClock,
  as,
  buildEnvironment,
  buildTestApp,
  createUserAs,
  signInAs,
  type Session,
} from './support/test-app.js';
import {
  connectedTerminal,
  firstPlaceId,
  type ConnectedTerminal,
} from './support/connected-terminal.js';
import { sha256, toUpload } from './support/journal-fixture.js';

const run = promisify(execFile);
const ZONE = 'Europe/Stockholm';
const COMPANY = 'Kaffe & Bröd <Visby> AB';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result.value;
}

/**
 * The sample journal (2026-04-10 and the first minutes of 2026-04-11) continued: a second Z of
 * 2026-04-10 (a sale came after its first) taken on the morning of 2026-04-11, a service sold
 * on 2026-04-11, a sale begun at 23:58 on 2026-04-11 and finished after midnight (its lines
 * registered the day before, one changed and one removed on 2026-04-12), on 2026-04-12 the Z of
 * 2026-04-11, a copy of the sale at 00:30 on 2026-04-11, a sale at 23:30, and the Z of 2026-04-12
 * taken at 00:10 on 2026-04-13. So 2026-04-12 refers to entries before it and to a Z after it.
 */
function buildJournal() {
  const sample = buildSampleJournal();
  const entries = [...sample.entries];
  const add = (event: JournalEvent, at: string, by?: string): JournalEntry => {
    const entry = appendEntry(entries.at(-1) ?? null, event, at, sha256, by);
    entries.push(entry);
    return entry;
  };
  const sell = (
    receiptNumber: number,
    at: string,
    day: string,
    line: { lineId: string; articleNumber: string; text: string; service?: boolean },
    code: number,
  ): Receipt => {
    const sale = value(
      priceSale(
        value(
          addLine(createSale(day, 'take-away'), {
            lineId: line.lineId,
            articleNumber: line.articleNumber,
            text: line.text,
            itemType: line.service === true ? 'service' : 'good',
            vatCategory: line.service === true ? 'standard' : 'food',
            pricing: {
              unit: 'piece',
              unitPrice: ore(line.service === true ? 1500 : 3500),
              quantity: 1,
            },
          }),
        ),
      ),
    );
    const receipt = signSample(
      value(buildSaleReceipt(sampleContext(receiptNumber, at), sale, [{ method: 'cash' }])),
      code,
    );
    add(receiptEvent(receipt), at, 'anna');
    return receipt;
  };
  const zOf = (day: string, at: string): ZReport => {
    const z = value(
      buildZReport(entries, day, ZONE, { identity: SAMPLE_REPORT_IDENTITY, producedAt: at }),
    );
    add({ kind: 'z-report', data: { report: z } }, at, 'anna');
    return z;
  };

  // 08:00 on 2026-04-11: the sale after the Z of 2026-04-10 is closed by a second Z of that day.
  const z10 = zOf('2026-04-10', '2026-04-11T06:00:00Z');
  // 2026-04-11 (CEST): present wrapping is a service.
  sell(
    5,
    '2026-04-11T10:00:00Z',
    '2026-04-11',
    {
      lineId: 's1',
      articleNumber: '3001',
      text: 'Presentinslagning',
      service: true,
    },
    8,
  );
  const registered = (
    lineId: string,
    articleNumber: string,
    text: string,
    price: number,
    rate: number,
  ) =>
    ({
      kind: 'line-added',
      data: {
        lineId,
        articleNumber,
        text,
        unit: 'piece',
        quantity: 1,
        unitPrice: ore(price),
        vatRate: rate,
      },
    }) as JournalEvent;
  add(registered('n1', '3001', 'Presentinslagning', 1500, 2500), '2026-04-11T21:58:00Z', 'anna');
  add(registered('n2', '1001', 'Kanelbulle', 3500, 600), '2026-04-11T21:59:00Z', 'anna');
  // 2026-04-12 begins at 22:00Z.
  add(
    {
      kind: 'line-changed',
      data: {
        lineId: 'n1',
        articleNumber: '3001',
        text: 'Presentinslagning',
        from: { quantity: 1, discount: ore(0) },
        to: { quantity: 2, discount: ore(0) },
      },
    },
    '2026-04-11T22:01:00Z',
    'anna',
  );
  add(
    {
      kind: 'line-removed',
      data: {
        articleNumber: '3001',
        text: 'Presentinslagning',
        unit: 'piece',
        quantity: 2,
        amount: ore(3000),
      },
    },
    '2026-04-11T22:02:00Z',
    'anna',
  );
  sell(
    6,
    '2026-04-11T22:03:00Z',
    '2026-04-12',
    {
      lineId: 'n2',
      articleNumber: '1001',
      text: 'Kanelbulle',
    },
    9,
  );
  const z2 = zOf('2026-04-11', '2026-04-12T07:00:00Z');
  const copy = signSample(
    value(
      buildReceiptCopy(
        { receiptNumber: 2, issuedAt: '2026-04-12T08:00:00Z' },
        sample.afterMidnight,
        [],
      ),
    ),
    10,
  );
  add(receiptEvent(copy), '2026-04-12T08:00:00Z', 'anna');
  const x = buildXReport(entries, '2026-04-12', ZONE, {
    identity: SAMPLE_REPORT_IDENTITY,
    producedAt: '2026-04-12T12:00:00Z',
  });
  add({ kind: 'x-report', data: { report: x } }, '2026-04-12T12:00:00Z', 'anna');
  const late = sell(
    7,
    '2026-04-12T21:30:00Z',
    '2026-04-12',
    {
      lineId: 'k1',
      articleNumber: '1001',
      text: 'Kanelbulle',
    },
    11,
  );
  // 00:10 on 2026-04-13: the Z of 2026-04-12, after that day's period.
  const z3 = zOf('2026-04-12', '2026-04-12T22:10:00Z');
  return { entries, sample, z10, z2, z3, copy, late };
}

/** What the register writes for the business days from–to over its whole journal. */
function registerExport(
  entries: readonly JournalEntry[],
  from: string,
  to: string,
  identity: SkvfsIdentity,
  exportedAt: string,
  exportedBy: string,
): string {
  const start = businessDayBounds(from, ZONE).startMs;
  const end = businessDayBounds(to, ZONE).endMs;
  const ms = (e: JournalEntry) => Date.parse(e.at);
  return value(
    journalToSkvfsXml({
      entries: entries.filter((e) => ms(e) >= start && ms(e) < end),
      identity,
      period: { from: new Date(start).toISOString(), to: new Date(end).toISOString() },
      exportedAt,
      exportedBy,
      timeZone: ZONE,
      earlierEntries: entries.filter(
        (e) =>
          ms(e) < start &&
          (e.kind === 'line-added' ||
            e.kind === 'sale' ||
            e.kind === 'return' ||
            e.kind === 'register-started'),
      ),
      laterZReports: entries.flatMap((e) =>
        ms(e) >= end && e.kind === 'z-report'
          ? [{ seq: e.seq, zNumber: e.data.report.zNumber, businessDay: e.data.report.businessDay }]
          : [],
      ),
    }),
  );
}

describeDb('Z-report PDF and journal export (SKVFS 2021:16) from the server’s journal copy', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let tenantId: string;
  let placeId: string;
  let terminal: ConnectedTerminal;
  let serialNumber: string;
  let tmp: string;
  const clock = new FakeClock(new Date('2026-04-15T08:30:15.250Z'));
  const journal = buildJournal();

  async function upload(t: ConnectedTerminal, entries: readonly JournalEntry[]): Promise<void> {
    const response = await t.pc.request(
      app,
      host,
      'POST',
      '/api/register/journal',
      { entries: toUpload(entries) },
      clock.now().getTime(),
    );
    if (response.statusCode !== 200) throw new Error(response.body);
  }

  async function pdfText(bytes: Buffer | Uint8Array, name: string): Promise<string> {
    const file = path.join(tmp, name);
    await writeFile(file, bytes);
    const { stdout } = await run('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return stdout;
  }

  async function xmlFile(body: string, name: string): Promise<string> {
    const file = path.join(tmp, name);
    await writeFile(file, body, 'utf8');
    return file;
  }

  const journalXml = (session: Session, query: string) =>
    app.inject({ url: `/api/exports/journal.xml?${query}`, headers: as(session) });

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'kassa-journal-documents-'));
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    const env = await buildEnvironment(tdb.database, 'dokument', COMPANY);
    host = env.host;
    tenantId = env.tenantId;
    await setLicence(tdb.database.db, 'dokument', { terminals: 5 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    placeId = await firstPlaceId(app, admin);
    terminal = await connectedTerminal(app, admin, placeId, 'K1');
    await upload(terminal, journal.entries);
    const shown = await app.inject({
      url: `/api/terminals/${terminal.terminalId}`,
      headers: as(admin),
    });
    serialNumber = shown.json<{ terminal: { serialNumber: string } }>().terminal.serialNumber;
  });

  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
    await rm(tmp, { recursive: true, force: true });
  });

  /** The identity the server takes from its rows (and the latest receipt's control unit). */
  const identity = (): SkvfsIdentity => ({
    companyName: COMPANY,
    organisationNumber: '559999-0008',
    placeOfSaleAddress: 'Storgatan 1, 111 22 Stockholm',
    registerId: 'K1',
    registerSerialNumber: serialNumber,
    controlUnitSerial: SAMPLE_UNIT,
    programName: 'Kassa',
    // As the register reported it when it connected.
    programVersion: '0.1.0',
    modelDesignation: MODEL_DESIGNATION,
  });

  it('serves an archived Z-report as a PDF with the register’s layout and a named file', async () => {
    const response = await app.inject({
      url: `/api/reports/z/${terminal.terminalId}/1/pdf`,
      headers: as(admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="z-rapport-K1-1.pdf"',
    );
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(response.rawPayload, 'z1.pdf');
    expect(text).toContain('Z-DAGRAPPORT nr 1');
    expect(text).toContain(COMPANY);
    expect(text).toContain('556677-8899');
    expect(text).toContain('2026-04-10');
    expect(text).toMatch(/Växelkassa +1 500,00/);
    // The same text as the register's own PDF of the journaled report.
    const zEntry = journal.sample.entries.find((e) => e.kind === 'z-report');
    if (zEntry?.kind !== 'z-report') throw new Error('no Z');
    const own = await pdfText(await renderDayReportPdf(zEntry.data.report), 'z1-own.pdf');
    expect(text).toBe(own);

    const z3 = await app.inject({
      url: `/api/reports/z/${terminal.terminalId}/3/pdf`,
      headers: as(admin),
    });
    expect(z3.statusCode).toBe(200);
    expect(z3.headers['content-disposition']).toBe('attachment; filename="z-rapport-K1-3.pdf"');
    expect(await pdfText(z3.rawPayload, 'z3.pdf')).toContain('Z-DAGRAPPORT nr 3');
  });

  it('refuses a Z-report PDF that is not in the archive, and one it cannot read', async () => {
    const missing = await app.inject({
      url: `/api/reports/z/${terminal.terminalId}/99/pdf`,
      headers: as(admin),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'z-report-not-found' } });
    const otherTerminal = await app.inject({
      url: `/api/reports/z/${randomUUID()}/1/pdf`,
      headers: as(admin),
    });
    expect(otherTerminal.statusCode).toBe(404);

    // A register of a later version journals a Z this server cannot lay out: archived, not printed.
    const odd = await connectedTerminal(app, admin, placeId, 'K2');
    const strange = appendEntry(
      null,
      {
        kind: 'z-report',
        data: {
          report: {
            type: 'Z',
            zNumber: 1,
            businessDay: '2026-04-12',
            producedAt: '2026-04-12T18:00:00Z',
          } as unknown as ZReport,
        },
      },
      '2026-04-12T18:00:00Z',
      sha256,
    );
    await upload(odd, [strange]);
    const unreadable = await app.inject({
      url: `/api/reports/z/${odd.terminalId}/1/pdf`,
      headers: as(admin),
    });
    expect(unreadable.statusCode).toBe(422);
    expect(unreadable.json()).toMatchObject({
      error: { code: 'z-report-unreadable', details: { zNumber: 1 } },
    });
    expect(unreadable.json<{ error: { sv: string } }>().error.sv).toMatch(
      /^Z-rapport 1 finns i arkivet men har ett format som servern inte kan skriva ut/,
    );
  });

  it('exports a business day as the SKVFS 2021:16 XML, byte for byte what the register writes', async () => {
    const response = await journalXml(
      admin,
      `terminalId=${terminal.terminalId}&from=2026-04-10&to=2026-04-10`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="journal-K1-2026-04-10-2026-04-10.xml"',
    );
    expect(response.headers[JOURNAL_EXPORT_HEADERS.entries]).toBe('31');
    expect(response.headers[JOURNAL_EXPORT_HEADERS.headSeq]).toBe(String(journal.entries.length));
    expect(response.body).toBe(
      registerExport(
        journal.entries,
        '2026-04-10',
        '2026-04-10',
        identity(),
        clock.now().toISOString(),
        'admin',
      ),
    );
    const file = await xmlFile(response.body, 'day.xml');
    const validation = validateXml(file, skvfsSchema());
    expect(validation.output).toContain('validates');
    expect(validation.status).toBe(0);
    const r = xmlReader(file);
    expect(r.count('RegistreringLISTA/Handelse')).toBe(31);
    expect(r.text('InloggadAnvandareVidExportAvDataFranJournalminnet')).toBe('admin');
    // 08:30:15.250Z on the server's clock is 10:30:15 in Stockholm.
    expect(r.text('TidpunktForNarExportAvDataFranJournalminnetSker')).toBe('2026-04-15T10:30:15');
    expect(r.text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer')).toBe(
      '5599990008',
    );
    expect(r.text('InformationOmForetaget/ForetagetsNamn')).toBe(COMPANY);
    expect(r.text('InformationOmForetaget/DenAdressDarForsaljningSker')).toBe(
      'Storgatan 1, 111 22 Stockholm',
    );
    const system = 'KassaregistersystemLISTA/Kassaregistersystemet';
    expect(r.text(`${system}/TillverkningsnummerForKassaregistret`)).toBe(serialNumber);
    expect(r.text(`${system}/Kassabeteckning`)).toBe('K1');
    expect(r.text(`${system}/TillverkningsnummerForKontrollenheten`)).toBe(SAMPLE_UNIT);
    const sale = 'RegistreringLISTA/Handelse{Kassakvitto}[1]/Kassakvitto';
    expect(r.text(`${sale}/LopnummerForKassakvitto`)).toBe('1');
    expect(r.text(`${sale}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe('311.60');
    expect(r.text(`${sale}/Kontrollkod`)).toBe(journal.sample.sale.controlCode);
    expect(
      r.text('RegistreringLISTA/Handelse{ZDagrapport}/ZDagrapport/LopnummerForZDagrapport'),
    ).toBe('1');
    // The sale after the Z of 2026-04-10 is closed by the second Z of that day, taken the next
    // morning (after the period).
    expect(journal.z10.zNumber).toBe(2);
    expect(
      r.text(
        'RegistreringLISTA/Handelse{Kassakvitto}[2]/Kassakvitto/LopnummerForZDagrapportPaKvitto',
      ),
    ).toBe('2');
  });

  it('resolves what a day refers to before it and the Z after it, as the register does', async () => {
    const response = await journalXml(
      admin,
      `terminalId=${terminal.terminalId}&from=2026-04-12&to=2026-04-12`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toBe(
      registerExport(
        journal.entries,
        '2026-04-12',
        '2026-04-12',
        identity(),
        clock.now().toISOString(),
        'admin',
      ),
    );
    const file = await xmlFile(response.body, 'refs.xml');
    expect(validateXml(file, skvfsSchema()).status).toBe(0);
    const r = xmlReader(file);
    expect(r.count('RegistreringLISTA/Handelse')).toBe(7);
    // The changed line was registered at 23:58 the day before.
    const changed = 'RegistreringLISTA/Handelse/AndraRegistreradArtikel';
    expect(r.text(`${changed}/UrsprungligRegistreringstidpunkt`)).toBe('2026-04-11T23:58:00');
    // Present wrapping is a service: known only from a receipt of the day before.
    expect(r.text('RegistreringLISTA/Handelse/RaderaRegistreradArtikel/TypAvArtikel')).toBe(
      'TJANST',
    );
    expect(r.text(`${changed}/TypAvArtikel`)).toBe('TJANST');
    // The copy's original is the sale at 00:30 on 2026-04-11.
    const copy = 'RegistreringLISTA/Handelse/KopiaAvKassakvitto';
    expect(r.text(`${copy}/LopnummerPaOriginalkvitto`)).toBe('4');
    expect(r.text(`${copy}/DatumOchKlockslagNarOriginalkvittoFramstalldes`)).toBe(
      '2026-04-11T00:30:00',
    );
    expect(r.text(`${copy}/KontrollkodForKvittotSomKopianAvser`)).toBe(
      journal.sample.afterMidnight.controlCode,
    );
    // The Z of 2026-04-11 taken on 2026-04-12: its program version is that of the start before.
    const z = 'RegistreringLISTA/Handelse/ZDagrapport';
    expect(r.text(`${z}/LopnummerForZDagrapport`)).toBe(String(journal.z2.zNumber));
    expect(r.text(`${z}/VersionsnummerForKassaregistret`)).toBe('0.2.0');
    // The 23:30 sale is closed by the Z taken at 00:10 the next day.
    const late = 'RegistreringLISTA/Handelse{Kassakvitto}[2]/Kassakvitto';
    expect(r.text(`${late}/Kontrollkod`)).toBe(journal.late.controlCode);
    expect(r.text(`${late}/LopnummerForZDagrapportPaKvitto`)).toBe(String(journal.z3.zNumber));
    expect(journal.z3.zNumber).toBe(4);

    // Several days at once, including the one after midnight.
    const all = await journalXml(
      admin,
      `terminalId=${terminal.terminalId}&from=2026-04-10&to=2026-04-13`,
    );
    expect(all.statusCode).toBe(200);
    expect(all.body).toBe(
      registerExport(
        journal.entries,
        '2026-04-10',
        '2026-04-13',
        identity(),
        clock.now().toISOString(),
        'admin',
      ),
    );
    expect(all.headers[JOURNAL_EXPORT_HEADERS.entries]).toBe(String(journal.entries.length));
    expect(validateXml(await xmlFile(all.body, 'all.xml'), skvfsSchema()).status).toBe(0);
  });

  it('exports a journal with a malformed control code and unit serial: 200, XSD-valid, the deviations listed', async () => {
    // An older register accepted and journaled a 10-character control code and a 5-character
    // unit serial; the export of that period was refused (422 journal-export-value-invalid).
    const old = await connectedTerminal(app, admin, placeId, 'K3');
    const entries: JournalEntry[] = [];
    for (const e of buildSampleJournal().entries) {
      const data =
        e.kind === 'sale' && e.data.receipt.receiptNumber === 1
          ? {
              receipt: {
                ...e.data.receipt,
                controlCode: 'KORTKOD123',
                controlUnitSerial: 'CC123',
              },
            }
          : e.data;
      const event = { kind: e.kind, data } as JournalEvent;
      entries.push(appendEntry(entries.at(-1) ?? null, event, e.at, sha256, e.by));
    }
    await upload(old, entries);
    const query = `terminalId=${old.terminalId}&from=2026-04-10&to=2026-04-10`;
    const response = await journalXml(admin, query);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers[JOURNAL_EXPORT_HEADERS.problems]).toBe('4');
    const file = await xmlFile(response.body, 'malformed.xml');
    expect(validateXml(file, skvfsSchema()).status).toBe(0);
    expect(response.body).toContain(`<utreko:Kontrollkod>KORTKOD123${' '.repeat(49)}<`);
    expect(response.body).toContain('<!-- AVVIKELSE (händelse');
    const listed = await app.inject({
      url: `/api/exports/journal-problems.json?${query}`,
      headers: as(admin),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const body = listed.json<{
      registerId: string;
      problems: { seq: number | null; element: string; value: string; written: string }[];
    }>();
    expect(body.registerId).toBe('K3');
    expect(body.problems.map((p) => [p.element, p.value])).toEqual([
      ['TillverkningsnummerForKontrollenheten', 'CC123'],
      ['TillverkningsnummerForKontrollenheten', 'CC123'],
      ['Kontrollkod', 'KORTKOD123'],
      ['KontrollkodForKvittotSomKopianAvser', 'KORTKOD123'],
    ]);
    // A journal without such values lists nothing.
    const clean = await app.inject({
      url: `/api/exports/journal-problems.json?terminalId=${terminal.terminalId}&from=2026-04-10&to=2026-04-10`,
      headers: as(admin),
    });
    expect(clean.json<{ problems: unknown[] }>().problems).toEqual([]);
  });

  it('refuses a reversed, too long or empty period, an unknown terminal and a bad date, in Swedish', async () => {
    const id = terminal.terminalId;
    const reversed = await journalXml(admin, `terminalId=${id}&from=2026-04-12&to=2026-04-10`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({
      error: {
        code: 'journal-export-period-reversed',
        sv: 'Perioden börjar (2026-04-12) efter att den slutar (2026-04-10). Välj ett från-datum som är samma dag som eller före till-datumet.',
      },
    });
    const long = await journalXml(admin, `terminalId=${id}&from=2025-01-01&to=2026-04-10`);
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      error: { code: 'journal-export-period-too-long', details: { maxDays: 366 } },
    });
    const empty = await journalXml(admin, `terminalId=${id}&from=2026-05-01&to=2026-05-31`);
    expect(empty.statusCode).toBe(404);
    expect(empty.json<{ error: { code: string; sv: string } }>().error).toMatchObject({
      code: 'journal-export-empty',
      sv: expect.stringContaining(
        'Serverns kopia av journalen för kassa K1 har inga registreringar mellan 2026-05-01 och 2026-05-31.',
      ) as unknown,
    });
    for (const unknown of [randomUUID(), 'inte-ett-id']) {
      const response = await journalXml(
        admin,
        `terminalId=${unknown}&from=2026-04-10&to=2026-04-10`,
      );
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        error: { code: 'terminal-not-found', sv: ERROR_MESSAGES['terminal-not-found'].sv },
      });
    }
    const badDate = await journalXml(admin, `terminalId=${id}&from=2026-02-30&to=2026-03-01`);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ error: { code: 'validation-failed' } });
    const noTerminal = await journalXml(admin, 'from=2026-04-10&to=2026-04-10');
    expect(noTerminal.statusCode).toBe(400);
  });

  it('refuses a period with more entries than one export holds', async () => {
    const result = await exportTerminalJournal(tdb.database.db, tenantId, {
      terminalId: terminal.terminalId,
      from: '2026-04-10',
      to: '2026-04-10',
      exportedBy: null,
      now: clock.now(),
      serverVersion: '0.0.0-test',
      maxEntries: 30,
    });
    expect(result).toEqual({
      ok: false,
      code: 'journal-export-too-large',
      entries: 31,
      maxEntries: 30,
    });
    expect(ERROR_MESSAGES['journal-export-too-large'].sv).toContain('{maxEntries}');
  });

  it('lets admins and managers download, not cashiers, and only with the modules licensed', async () => {
    await createUserAs(app, admin, 'chefen', 'manager');
    await createUserAs(app, admin, 'kassoren', 'cashier');
    const manager = await signInAs(app, host, 'chefen', 'ett-bra-losenord-42');
    const cashier = await signInAs(app, host, 'kassoren', 'ett-bra-losenord-42');
    const query = `terminalId=${terminal.terminalId}&from=2026-04-10&to=2026-04-10`;
    const byManager = await journalXml(manager, query);
    expect(byManager.statusCode).toBe(200);
    expect(
      xmlReader(await xmlFile(byManager.body, 'manager.xml')).text(
        'InloggadAnvandareVidExportAvDataFranJournalminnet',
      ),
    ).toBe('chefen');
    expect((await journalXml(cashier, query)).statusCode).toBe(403);
    const pdfUrl = `/api/reports/z/${terminal.terminalId}/1/pdf`;
    expect((await app.inject({ url: pdfUrl, headers: as(manager) })).statusCode).toBe(200);
    expect((await app.inject({ url: pdfUrl, headers: as(cashier) })).statusCode).toBe(403);
    expect((await app.inject({ url: pdfUrl })).statusCode).toBe(401);

    await setLicence(tdb.database.db, 'dokument', { modules: ['products'] }, clock.now());
    try {
      const xml = await journalXml(admin, query);
      expect(xml.statusCode).toBe(403);
      expect(xml.json()).toMatchObject({
        error: { code: 'module-not-licensed', details: { module: 'exports' } },
      });
      const pdf = await app.inject({ url: pdfUrl, headers: as(admin) });
      expect(pdf.json()).toMatchObject({
        error: { code: 'module-not-licensed', details: { module: 'reports' } },
      });
    } finally {
      await setLicence(
        tdb.database.db,
        'dokument',
        { modules: ['products', 'reports', 'exports'] },
        clock.now(),
      );
    }
  });
});
