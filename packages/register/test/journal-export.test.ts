/**
 * `kassa export-journal`: the register's own journal file (a real SQLite
 * journal in a real data folder, and one written by the selling engine) exported through the
 * command, validated with xmllint against Skatteverket's schema and read back with XPath. The
 * mapping itself (journalToSkvfsXml) is tested in packages/documents/test/journal-export.test.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JournalEntry, type JournalEvent, ore } from '@kassa/core';
import {
  MODEL_DESIGNATION,
  REGISTER_ERROR_MESSAGES,
  type ReceiptResult,
  type RegisterFile,
  type SaleView,
} from '@kassa/contracts';
import { formatSkvfsAmount } from '@kassa/documents';
import {
  SAMPLE_UNIT,
  buildSampleJournal,
  sampleControlCode,
  skvfsSchema,
  validateXml,
  xmlReader,
} from '@kassa/test-kit';
import { FILES, PROGRAM_VERSION } from '../src/index.js';
import { openJournalStore } from '../src/selling/journal-store.js';
import { type RegisterState, initialState } from '../src/folder/state.js';
import { type Pc, kassa, newPc } from './support/register-cli.js';
import { type SellingRig, startSellingRig } from './support/selling.js';

// The sample journal: register K1 on 2026-04-10 (31 entries) and 00:30 on 2026-04-11 (2 entries).
const journal = buildSampleJournal();
const UNIT = SAMPLE_UNIT;
const code = sampleControlCode;
const SCHEMA = skvfsSchema();
const validate = (file: string) => validateXml(file, SCHEMA);
const makeReader = xmlReader;
const kr = (n: number): string => formatSkvfsAmount(ore(n));

// ---------------------------------------------------------------------------------------------
// The command, end to end: a real data folder with a real SQLite journal.

async function connectedPc(): Promise<Pc> {
  const pc = await newPc();
  pc.env.USER = 'revisor';
  delete pc.env.USERNAME;
  await mkdir(pc.home, { recursive: true });
  const register: RegisterFile = {
    formatVersion: 1,
    url: 'https://kaffe.kassa.example',
    environment: { slug: 'kaffe', companyName: 'Kaffe & Bröd (från register.json)' },
    terminal: { id: 't-1', name: 'Kassa 1', registerId: 'K1', serialNumber: 'KS0123456789ABCDE' },
    bindingId: 'b-1',
    fingerprint: 'f'.repeat(64),
    pcName: pc.name,
    connectedAt: '2026-04-01T08:00:00Z',
  };
  await writeFile(path.join(pc.home, FILES.register), JSON.stringify(register));
  const state: RegisterState = {
    ...initialState('b-1'),
    binding: 'ok',
    environment: {
      slug: 'kaffe',
      companyName: 'Kaffe & Bröd <Visby> AB',
      organisationNumber: '556677-8899',
    },
    terminal: {
      name: 'Kassa 1',
      registerId: 'K1',
      serialNumber: 'KS0123456789ABCDE',
      active: true,
      placeOfBusiness: {
        name: 'Hamnen',
        streetAddress: 'Strandgatan 1',
        postalCode: '621 56',
        city: 'Visby',
      },
    },
  };
  await writeFile(path.join(pc.home, FILES.state), JSON.stringify(state));
  return pc;
}

function writeJournal(pc: Pc, entries: readonly JournalEntry[]): void {
  const store = openJournalStore(path.join(pc.home, FILES.journal));
  try {
    for (const entry of entries) {
      const event = { kind: entry.kind, data: entry.data } as JournalEvent;
      const [written] = store.append([{ event, by: entry.by }], entry.at);
      expect(written?.hash).toBe(entry.hash);
    }
  } finally {
    store.close();
  }
}

describe('kassa export-journal', () => {
  const message = (code: keyof typeof REGISTER_ERROR_MESSAGES): string =>
    REGISTER_ERROR_MESSAGES[code].sv.split('{')[0] ?? '';

  it('exports whole business days from the journal file to a valid file, field by field', async () => {
    const pc = await connectedPc();
    writeJournal(pc, journal.entries);
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'kassa-export-cwd-'));
    // The register keeps its journal open (as `kassa start` does) while the export reads it.
    const running = openJournalStore(path.join(pc.home, FILES.journal));
    const run = await kassa(pc, ['export-journal', '--from', '2026-04-10', '--to', '2026-04-10'], {
      cwd,
    }).finally(() => running.close());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = path.join(cwd, 'journal-K1-2026-04-10-2026-04-10.xml');
    expect(run.stdout).toContain(file);
    expect(run.stdout).toContain('31 händelser');
    expect(validate(file).status).toBe(0);
    const r = makeReader(file);
    expect(r.count('RegistreringLISTA/Handelse')).toBe(31);
    expect(r.text('InloggadAnvandareVidExportAvDataFranJournalminnet')).toBe('revisor');
    expect(
      r.text(
        'ValdPeriodForExportAvDataFranJournalminne/ValdStarttidpunktForExportAvDataFranJournalminnet',
      ),
    ).toBe('2026-04-10T00:00:00');
    expect(
      r.text(
        'ValdPeriodForExportAvDataFranJournalminne/ValdSluttidpunktForExportAvDataFranJournalminnet',
      ),
    ).toBe('2026-04-10T23:59:59');
    expect(r.text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer')).toBe(
      '5566778899',
    );
    expect(r.text('InformationOmForetaget/ForetagetsNamn')).toBe('Kaffe & Bröd <Visby> AB');
    expect(r.text('InformationOmForetaget/DenAdressDarForsaljningSker')).toBe(
      'Strandgatan 1, 621 56 Visby',
    );
    const system = 'KassaregistersystemLISTA/Kassaregistersystemet';
    expect(r.text(`${system}/TillverkningsnummerForKassaregistret`)).toBe('KS0123456789ABCDE');
    expect(r.text(`${system}/ModellbeteckningForKassaregistret`)).toBe(MODEL_DESIGNATION);
    expect(r.text(`${system}/VersionsnummerForKassaregistret`)).toBe(PROGRAM_VERSION);
    expect(r.text(`${system}/TillverkningsnummerForKontrollenheten`)).toBe(UNIT);
    const k = 'RegistreringLISTA/Handelse{Kassakvitto}[1]/Kassakvitto';
    expect(r.text(`${k}/LopnummerForKassakvitto`)).toBe('1');
    expect(r.text(`${k}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe('311.60');
    expect(r.text(`${k}/Kontrollkod`)).toBe(code(1));
    expect(
      r.text('RegistreringLISTA/Handelse{ZDagrapport}/ZDagrapport/LopnummerForZDagrapport'),
    ).toBe('1');
    expect(
      r.text('RegistreringLISTA/Handelse{ZDagrapport}/ZDagrapport/VersionsnummerForKassaregistret'),
    ).toBe('0.1.0');

    // The next day alone: the copy-free day needs nothing from before; --out names the file.
    const next = await kassa(
      pc,
      ['export-journal', '--from', '2026-04-11', '--to', '2026-04-11', '--out', 'ut/dag2.xml'],
      { cwd },
    );
    expect(next.code).toBe(0);
    const file2 = path.join(cwd, 'ut', 'dag2.xml');
    expect(validate(file2).status).toBe(0);
    expect(makeReader(file2).count('RegistreringLISTA/Handelse')).toBe(2);
    const both = await kassa(pc, ['export-journal', '--from', '2026-04-10', '--to', '2026-04-11'], {
      cwd,
    });
    expect(both.code).toBe(0);
    const file3 = path.join(cwd, 'journal-K1-2026-04-10-2026-04-11.xml');
    expect(makeReader(file3).count('RegistreringLISTA/Handelse')).toBe(33);
    expect(validate(file3).status).toBe(0);
    expect(await readFile(file3, 'utf8')).toContain(code(7));
  });

  it('exports a journal with a malformed control code and unit serial, lists the deviations and stays XSD-valid', async () => {
    // An older register journaled the unit's answer unchecked: a 10-character control code and a
    // 5-character serial. The export used to be refused (export-value-invalid).
    const pc = await connectedPc();
    const entries: JournalEntry[] = [];
    const store = openJournalStore(path.join(pc.home, FILES.journal));
    try {
      for (const e of journal.entries) {
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
        entries.push(...store.append([{ event, by: e.by }], e.at));
      }
    } finally {
      store.close();
    }
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'kassa-export-cwd-'));
    const run = await kassa(pc, ['export-journal', '--from', '2026-04-10', '--to', '2026-04-10'], {
      cwd,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Avvikelser: 4 värden');
    expect(run.stdout).toContain('Kontrollkod = "KORTKOD123"');
    const file = path.join(cwd, 'journal-K1-2026-04-10-2026-04-10.xml');
    expect(validate(file).status).toBe(0);
    const xml = await readFile(file, 'utf8');
    expect(xml).toContain(`<utreko:Kontrollkod>KORTKOD123${' '.repeat(49)}<`);
    expect(xml).toContain('<!-- AVVIKELSE');
  });

  it('refuses a bad date, a reversed or missing period, an empty period, a missing journal and no connection', async () => {
    const lonely = await newPc();
    const notConnected = await kassa(lonely, [
      'export-journal',
      '--from',
      '2026-04-10',
      '--to',
      '2026-04-10',
    ]);
    expect(notConnected.code).toBe(1);
    expect(notConnected.stderr).toContain(REGISTER_ERROR_MESSAGES['not-connected'].sv);

    const pc = await connectedPc();
    const noJournal = await kassa(pc, [
      'export-journal',
      '--from',
      '2026-04-10',
      '--to',
      '2026-04-10',
    ]);
    expect(noJournal.code).toBe(1);
    expect(noJournal.stderr).toContain(message('export-journal-missing'));
    expect(existsSync(path.join(pc.home, FILES.journal))).toBe(false);

    writeJournal(pc, journal.entries);
    const badDate = await kassa(pc, [
      'export-journal',
      '--from',
      '2026-02-30',
      '--to',
      '2026-03-01',
    ]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('"2026-02-30" är inget datum');
    const reversed = await kassa(pc, [
      'export-journal',
      '--from',
      '2026-04-11',
      '--to',
      '2026-04-10',
    ]);
    expect(reversed.code).toBe(1);
    expect(reversed.stderr).toContain(
      'Perioden börjar (2026-04-11) efter att den slutar (2026-04-10)',
    );
    const missing = await kassa(pc, ['export-journal', '--from', '2026-04-10']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(REGISTER_ERROR_MESSAGES['export-period-required'].sv);
    const empty = await kassa(pc, ['export-journal', '--from', '2026-05-01', '--to', '2026-05-31']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(
      'Journalminnet har inga registreringar mellan 2026-05-01 och 2026-05-31',
    );
    const unknownFlag = await kassa(pc, ['export-journal', '--from', '2026-04-10', '--till', 'x']);
    expect(unknownFlag.code).toBe(2);
  });
});

describe('kassa export-journal on a journal written by the selling engine', () => {
  let rig: SellingRig;

  beforeAll(async () => {
    rig = await startSellingRig({ startAt: '2026-11-25T09:00:00Z' });
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('exports a day of real selling through the local API to a valid file', async () => {
    await rig.signIn('maja', '8080');
    expect((await rig.call('POST', '/local/cash/float', { amount: 100000 })).status).toBe(204);
    rig.clock.advance(60_000);
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    const bun = (
      await rig.call<SaleView>('POST', '/local/sale/lines', { articleNumber: 'BULLE', quantity: 2 })
    ).body.lines[1];
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'GODIS', grams: 250 });
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'BOK' });
    await rig.call('PATCH', `/local/sale/lines/${bun?.lineId ?? ''}`, {
      discount: { kind: 'percent', rate: 1000 },
    });
    const book = (await rig.call<SaleView>('GET', '/local/sale')).body.lines[3];
    await rig.call('DELETE', `/local/sale/lines/${book?.lineId ?? ''}`);
    rig.clock.advance(60_000);
    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [
        { method: 'card', amount: 5000 },
        { method: 'cash', tendered: 10000 },
      ],
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const sale = paid.body.receipt;
    rig.clock.advance(60_000);
    expect((await rig.call('POST', `/local/receipts/${sale.receiptNumber}/copy`)).status).toBe(200);
    const returned = await rig.call<ReceiptResult>('POST', '/local/returns', {
      originalReceiptNumber: sale.receiptNumber,
      items: [{ lineNo: 2, quantity: 1 }],
      refunds: [{ method: 'cash' }],
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'MUGG' });
    await rig.call('POST', '/local/sale/park', { note: 'Bord 4' });
    const parked = (await rig.call<{ parked: { parkingId: string }[] }>('GET', '/local/parked'))
      .body.parked;
    await rig.call('POST', `/local/parked/${parked[0]?.parkingId ?? ''}/resume`);
    await rig.call('DELETE', '/local/sale');
    await rig.call('POST', '/local/drawer/open', { reason: 'Växla' });
    await rig.call('PUT', '/local/training', { training: true });
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    await rig.call('POST', '/local/sale/pay', { tenders: [{ method: 'cash' }] });
    await rig.call('PUT', '/local/training', { training: false });
    rig.clock.advance(8 * 3600_000);
    expect((await rig.call('POST', '/local/reports/x')).status).toBe(200);
    const z = await rig.call('POST', '/local/reports/z', { countedCash: 100000 });
    expect(z.status, JSON.stringify(z.body)).toBe(200);

    const cwd = await mkdtemp(path.join(os.tmpdir(), 'kassa-export-rig-'));
    const run = await kassa(
      rig.pc,
      ['export-journal', '--from', '2026-11-25', '--to', '2026-11-25'],
      {
        cwd,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const registerId = rig.app.kassa.status().terminal?.registerId ?? '?';
    const file = path.join(cwd, `journal-${registerId}-2026-11-25-2026-11-25.xml`);
    expect(run.stdout).toContain(file);
    // The rig sells with the simulator: the file says its receipts are not valid for accounting.
    expect(await readFile(file, 'utf8')).toMatch(
      /<!-- OBS: \d+ kvitton i exporten är signerade av en simulerad kontrollenhet/,
    );
    const result = validate(file);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);

    const store = openJournalStore(path.join(rig.pc.home, FILES.journal), { readonly: true });
    const entries = store.entries();
    store.close();
    const r = makeReader(file);
    expect(r.count('RegistreringLISTA/Handelse')).toBe(entries.length);
    const kinds = new Set(entries.map((e) => e.kind));
    for (const kind of [
      'sale',
      'copy',
      'return',
      'training',
      'line-added',
      'line-changed',
      'line-removed',
      'sale-parked',
      'sale-resumed',
      'z-report',
      'x-report',
      'sign-in',
    ]) {
      expect(kinds.has(kind as JournalEntry['kind']), kind).toBe(true);
    }
    const k = 'RegistreringLISTA/Handelse{Kassakvitto}/Kassakvitto';
    expect(r.text(`${k}/LopnummerForKassakvitto`)).toBe(String(sale.receiptNumber));
    expect(r.text(`${k}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe(kr(sale.total));
    expect(r.text(`${k}/Kontrollkod`)).toBe(sale.controlCode);
    expect(r.text(`${k}/TillverkningsnummerForKontrollenheten`)).toBe(rig.simulator.serialNumber);
    expect(r.text(`${k}/LopnummerForZDagrapportPaKvitto`)).toBe('1');
    expect(
      r.text('RegistreringLISTA/Handelse{ZDagrapport}/ZDagrapport/LopnummerForZDagrapport'),
    ).toBe('1');
    expect(r.text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer')).toBe(
      sale.organisationNumber.replace('-', ''),
    );
    expect(r.text('InformationOmForetaget/DenAdressDarForsaljningSker')).toBe(
      sale.placeOfSaleAddress,
    );
  });
});
