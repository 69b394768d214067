/**
 * The SKVFS 2021:16 journal export (Kassa issue 4, point 6): a realistic journal built with the
 * core functions (sale with two VAT rates, a weighed good, discounts and split tender; copy;
 * return; training; pro forma; parking; drawer; cash float, in and out; sign-in/out; line
 * registrations, changes and removal; price and setting changes; control-unit fault; X and Z),
 * exported, validated with xmllint against Skatteverket's schema, and read back field by field
 * with xmllint's XPath (an independent XML parser).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type JournalEntry,
  type JournalEvent,
  type Receipt,
  type ReceiptContext,
  type ReportIdentity,
  type Result,
  addLine,
  appendEntry,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  buildXReport,
  buildZReport,
  createSale,
  negate,
  ore,
  priceSale,
  receiptEvent,
  setLineDiscount,
  setOrderDiscount,
  vatOfGross,
  withControlCode,
} from '@kassa/core';
import {
  MODEL_DESIGNATION,
  REGISTER_ERROR_MESSAGES,
  type ReceiptResult,
  type RegisterFile,
  type SaleView,
} from '@kassa/contracts';
import { FILES, PROGRAM_VERSION } from '../src/index.js';
import { openJournalStore } from '../src/selling/journal-store.js';
import { type RegisterState, initialState } from '../src/state.js';
import {
  type SkvfsExportInput,
  type SkvfsIdentity,
  formatSkvfsAmount,
  journalToSkvfsXml,
} from '../src/journal-export/index.js';
import { REPO_ROOT, type Pc, kassa, newPc } from './support/register-cli.js';
import { type SellingRig, startSellingRig } from './support/selling.js';

const ZONE = 'Europe/Stockholm';
// The shared spec's schema, beside the project's root (../shared/spec/skvfs-2021-16/README.md).
const SCHEMA_DIR = path.join(REPO_ROOT, '..', 'shared', 'spec', 'skvfs-2021-16');
const SCHEMA = path.join(SCHEMA_DIR, 'skvfs-2021-16.xsd');
const SCHEMA_SHA256: Record<string, string> = {
  'skvfs-2021-16.xsd': 'c795bb8c10255f4dc8c6afbfab71eb9c051b93951264b7bc8ce2fc2efad4c958',
  'utredningsstod-instans.xsd': '3831b5e543a4135076dbefe02c6256e90ba5a6468ed06935815ae6b149913847',
  'utredningsstod-komponent.xsd':
    '89c2ebdbd9b4a4c1f72583d6390578fe256c264f6c066e22f338775d908296da',
};
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const sha256Bytes = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result.value;
}

// ---------------------------------------------------------------------------------------------
// The journal of one register on 2026-04-10 (CEST, UTC+2) and the first minutes of 2026-04-11.

const UNIT = 'CCSE0000000004711'; // 17 characters, like a CleanCash serial
const header = {
  companyName: 'Kaffe & Bröd <Visby> AB',
  organisationNumber: '556677-8899',
  placeOfSaleAddress: 'Strandgatan 1, 621 56 Visby',
  registerId: 'K1',
  delivery: 'paper' as const,
};
const reportIdentity: ReportIdentity = {
  companyName: header.companyName,
  organisationNumber: header.organisationNumber,
  registerId: header.registerId,
  registerSerialNumber: 'KS0123456789ABCDE',
};
const identity: SkvfsIdentity = {
  companyName: header.companyName,
  organisationNumber: header.organisationNumber,
  placeOfSaleAddress: header.placeOfSaleAddress,
  registerId: header.registerId,
  registerSerialNumber: 'KS0123456789ABCDE',
  controlUnitSerial: null,
  programName: 'Kassa',
  programVersion: '0.2.0',
  modelDesignation: 'Kassa SE',
};
const code = (n: number): string => sha256(`kontrollkod ${n}`).toUpperCase().slice(0, 59);
const signed = (receipt: Receipt, n: number): Receipt =>
  withControlCode(receipt, { serialNumber: UNIT, controlCode: code(n) });
const context = (receiptNumber: number, issuedAt: string): ReceiptContext => ({
  header,
  receiptNumber,
  issuedAt,
});

interface Journal {
  entries: JournalEntry[];
  sale: Receipt;
  copy: Receipt;
  returned: Receipt;
  training: Receipt;
  proForma: Receipt;
  late: Receipt;
  afterMidnight: Receipt;
}

function buildJournal(): Journal {
  const entries: JournalEntry[] = [];
  const add = (event: JournalEvent, at: string, by?: string): JournalEntry => {
    const entry = appendEntry(entries.at(-1) ?? null, event, at, sha256, by);
    entries.push(entry);
    return entry;
  };
  const anna = 'anna';
  add({ kind: 'register-started', data: { programVersion: '0.1.0' } }, '2026-04-10T06:00:00Z');
  add({ kind: 'sign-in', data: { cashierId: anna } }, '2026-04-10T06:01:00Z', anna);
  add({ kind: 'cash-float', data: { amount: ore(150000) } }, '2026-04-10T06:02:00Z', anna);

  // The sale under construction, as registrations.
  const line = {
    l1: { lineId: 'l1', articleNumber: '1001', text: 'Kanelbulle', unit: 'piece' as const },
    l2: { lineId: 'l2', articleNumber: '2001', text: 'Termosmugg', unit: 'piece' as const },
    l3: { lineId: 'l3', articleNumber: '1002', text: 'Godis lösvikt', unit: 'gram' as const },
    l4: { lineId: 'l4', articleNumber: '2002', text: 'Tygkasse', unit: 'piece' as const },
  };
  const added = (
    l: { lineId: string; articleNumber: string; text: string; unit: 'piece' | 'gram' },
    quantity: number,
    unitPrice: number,
    vatRate: number,
  ) =>
    ({
      kind: 'line-added',
      data: { ...l, quantity, unitPrice: ore(unitPrice), vatRate },
    }) as JournalEvent;
  add(added(line.l1, 1, 3500, 600), '2026-04-10T06:03:10Z', anna);
  add(added(line.l2, 1, 19900, 2500), '2026-04-10T06:03:20Z', anna);
  add(added(line.l3, 453, 14900, 600), '2026-04-10T06:03:30Z', anna);
  add(added(line.l4, 1, 2500, 2500), '2026-04-10T06:03:40Z', anna);
  add(
    {
      kind: 'line-removed',
      data: {
        articleNumber: '2002',
        text: 'Tygkasse',
        unit: 'piece',
        quantity: 1,
        amount: ore(2500),
      },
    },
    '2026-04-10T06:03:50Z',
    anna,
  );
  add(
    {
      kind: 'line-changed',
      data: {
        lineId: 'l1',
        articleNumber: '1001',
        text: 'Kanelbulle',
        from: { quantity: 1, discount: ore(0) },
        to: { quantity: 2, discount: ore(0) },
      },
    },
    '2026-04-10T06:04:00Z',
    anna,
  );
  add(
    {
      kind: 'line-changed',
      data: {
        lineId: 'l2',
        articleNumber: '2001',
        text: 'Termosmugg',
        from: { quantity: 1, discount: ore(0) },
        to: { quantity: 1, discount: ore(1990) },
      },
    },
    '2026-04-10T06:04:10Z',
    anna,
  );

  // The same sale built with the core: food at 6 % (take-away), the mug at 25 %.
  let sale = createSale('2026-04-10', 'take-away');
  sale = value(
    addLine(sale, {
      lineId: 'l1',
      articleNumber: '1001',
      text: 'Kanelbulle',
      itemType: 'good',
      vatCategory: 'food',
      group: 'Bröd',
      pricing: { unit: 'piece', unitPrice: ore(3500), quantity: 2 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'l2',
      articleNumber: '2001',
      text: 'Termosmugg',
      itemType: 'good',
      vatCategory: 'standard',
      group: 'Presenter',
      pricing: { unit: 'piece', unitPrice: ore(19900), quantity: 1 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'l3',
      articleNumber: '1002',
      text: 'Godis lösvikt',
      itemType: 'good',
      vatCategory: 'food',
      pricing: { unit: 'gram', pricePerKilogram: ore(14900), grams: 453 },
    }),
  );
  sale = value(
    setLineDiscount(sale, 'l2', { kind: 'percent', rate: 1000 }, { maxDiscountRate: 2000 }),
  );
  sale = value(
    setOrderDiscount(sale, { kind: 'amount', amount: ore(500) }, { maxDiscountRate: 2000 }),
  );
  const priced = value(priceSale(sale));
  const saleReceipt = signed(
    value(
      buildSaleReceipt(context(1, '2026-04-10T06:05:00Z'), priced, [
        { method: 'card', amount: ore(10000) },
        { method: 'cash', tendered: ore(50000) },
      ]),
    ),
    1,
  );
  add(receiptEvent(saleReceipt), '2026-04-10T06:05:00Z', anna);

  const copy = signed(
    value(
      buildReceiptCopy({ receiptNumber: 1, issuedAt: '2026-04-10T06:06:00Z' }, saleReceipt, []),
    ),
    2,
  );
  add(receiptEvent(copy), '2026-04-10T06:06:00Z', anna);

  const returned = signed(
    value(
      buildReturnReceipt(
        { ...context(2, '2026-04-10T06:10:00Z'), businessDay: '2026-04-10' },
        saleReceipt,
        [],
        [{ lineNo: 1, quantity: 1 }],
        [{ method: 'cash' }],
      ),
    ),
    3,
  );
  add(receiptEvent(returned), '2026-04-10T06:10:00Z', anna);

  // Training mode and a training receipt, then a pro forma bill.
  add({ kind: 'training-switched', data: { training: true } }, '2026-04-10T06:15:00Z', anna);
  const single = value(
    priceSale(
      value(
        addLine(createSale('2026-04-10', 'take-away'), {
          lineId: 't1',
          articleNumber: '1001',
          text: 'Kanelbulle',
          itemType: 'good',
          vatCategory: 'food',
          pricing: { unit: 'piece', unitPrice: ore(3500), quantity: 1 },
        }),
      ),
    ),
  );
  const training = signed(
    value(
      buildSaleReceipt(context(1, '2026-04-10T06:16:00Z'), single, [{ method: 'cash' }], {
        training: true,
      }),
    ),
    4,
  );
  add(receiptEvent(training), '2026-04-10T06:16:00Z', anna);
  add({ kind: 'training-switched', data: { training: false } }, '2026-04-10T06:17:00Z', anna);
  const proForma = signed(
    value(buildProFormaReceipt(context(1, '2026-04-10T06:20:00Z'), single)),
    5,
  );
  add(receiptEvent(proForma), '2026-04-10T06:20:00Z', anna);

  add(
    { kind: 'sale-parked', data: { parkingId: 'P-7', lineCount: 1, total: ore(3500) } },
    '2026-04-10T06:25:00Z',
    anna,
  );
  add({ kind: 'sale-resumed', data: { parkingId: 'P-7' } }, '2026-04-10T06:30:00Z', anna);
  add({ kind: 'drawer-opened', data: { reason: 'växla' } }, '2026-04-10T06:35:00Z', anna);
  add(
    { kind: 'cash-in', data: { amount: ore(20000), reason: 'växel från banken' } },
    '2026-04-10T06:36:00Z',
    anna,
  );
  add(
    { kind: 'cash-out', data: { amount: ore(5000), reason: 'mjölk' } },
    '2026-04-10T06:37:00Z',
    anna,
  );
  add(
    {
      kind: 'price-change',
      data: {
        articleNumber: '1001',
        text: 'Kanelbulle',
        from: ore(3500),
        to: ore(3800),
        effectiveFrom: '2026-04-11',
      },
    },
    '2026-04-10T06:40:00Z',
    anna,
  );
  add(
    {
      kind: 'setting-changed',
      data: { setting: 'printer', from: null, to: 'tcp://192.168.1.50:9100' },
    },
    '2026-04-10T06:41:00Z',
    anna,
  );
  add(
    {
      kind: 'control-unit-fault',
      data: { code: 'timeout', message: 'Kontrollenheten svarar inte' },
    },
    '2026-04-10T06:42:00Z',
    anna,
  );
  add(
    { kind: 'control-unit-restored', data: { serialNumber: UNIT } },
    '2026-04-10T06:43:00Z',
    anna,
  );

  const x = buildXReport(entries, '2026-04-10', ZONE, {
    identity: reportIdentity,
    producedAt: '2026-04-10T14:00:00Z',
  });
  add({ kind: 'x-report', data: { report: x } }, '2026-04-10T14:00:00Z', anna);
  const z = value(
    buildZReport(entries, '2026-04-10', ZONE, {
      identity: reportIdentity,
      producedAt: '2026-04-10T15:00:00Z',
      countedCash: ore(198000),
    }),
  );
  add({ kind: 'z-report', data: { report: z } }, '2026-04-10T15:00:00Z', anna);

  // A sale after the Z on the same day: no Z covers it yet.
  const late = signed(
    value(
      buildSaleReceipt(context(3, '2026-04-10T15:05:00Z'), single, [
        { method: 'swish', amount: ore(3500) },
      ]),
    ),
    6,
  );
  add(receiptEvent(late), '2026-04-10T15:05:00Z', anna);
  add({ kind: 'sign-out', data: { cashierId: anna } }, '2026-04-10T15:06:00Z', anna);
  add({ kind: 'register-stopped', data: { programVersion: '0.1.0' } }, '2026-04-10T15:07:00Z');

  // 00:30 local on 2026-04-11: the next business day.
  add({ kind: 'register-started', data: { programVersion: '0.2.0' } }, '2026-04-10T22:29:00Z');
  const afterMidnight = signed(
    value(
      buildSaleReceipt(
        context(4, '2026-04-10T22:30:00Z'),
        { ...single, businessDay: '2026-04-11' },
        [{ method: 'card', amount: ore(3500) }],
      ),
    ),
    7,
  );
  add(receiptEvent(afterMidnight), '2026-04-10T22:30:00Z');
  return { entries, sale: saleReceipt, copy, returned, training, proForma, late, afterMidnight };
}

const journal = buildJournal();
// Business day 2026-04-10 in Stockholm: [2026-04-09T22:00Z, 2026-04-10T22:00Z).
const DAY = { from: '2026-04-09T22:00:00.000Z', to: '2026-04-10T22:00:00.000Z' };
const inPeriod = (entries: readonly JournalEntry[], period: { from: string; to: string }) =>
  entries.filter(
    (e) => Date.parse(e.at) >= Date.parse(period.from) && Date.parse(e.at) < Date.parse(period.to),
  );

function exportInput(overrides: Partial<SkvfsExportInput> = {}): SkvfsExportInput {
  return {
    entries: inPeriod(journal.entries, DAY),
    identity,
    period: DAY,
    exportedAt: '2026-04-12T08:30:15.250Z',
    exportedBy: 'butikschef',
    timeZone: ZONE,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// xmllint: validation and XPath (namespaces are matched by local name).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kassa-skvfs-'));
let fileCounter = 0;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function requireXmllint(): void {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(
      'xmllint saknas / is missing: install the Debian package libxml2-utils (apt-get install -y libxml2-utils)',
    );
  }
}

function writeXml(xml: string): string {
  const file = path.join(tmp, `export-${++fileCounter}.xml`);
  writeFileSync(file, xml, 'utf8');
  return file;
}

function validate(file: string): { status: number | null; output: string } {
  requireXmllint();
  const run = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** "A/B[2]/C{D}" → an XPath from the root, by local names; {D} means "having a child D". */
function xpathOf(steps: string): string {
  const parts = steps.split('/').map((step) => {
    const match = /^([\w-]+)(\{([\w-]+)\})?(\[\d+\])?$/.exec(step);
    if (match === null) throw new Error(`bad step ${step}`);
    const [, name, , child, index] = match;
    return `*[local-name()='${name}']${child ? `[*[local-name()='${child}']]` : ''}${index ?? ''}`;
  });
  return `/*/${parts.join('/')}`;
}

function makeReader(file: string) {
  const run = (expression: string): string => {
    const result = spawnSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 10) {
      throw new Error(`xmllint --xpath ${expression}: ${result.stderr}`);
    }
    return result.stdout.trim();
  };
  return {
    text: (steps: string): string => run(`string(${xpathOf(steps)})`),
    count: (steps: string): number => Number(run(`count(${xpathOf(steps)})`)),
    /** The local names of the children of an element. */
    children: (steps: string): string[] => {
      const n = Number(run(`count(${xpathOf(steps)}/*)`));
      return Array.from({ length: n }, (_, i) => run(`local-name(${xpathOf(steps)}/*[${i + 1}])`));
    },
  };
}

function exported(overrides: Partial<SkvfsExportInput> = {}): { xml: string; file: string } {
  const xml = value(journalToSkvfsXml(exportInput(overrides)));
  return { xml, file: writeXml(xml) };
}

const kr = (n: number): string => formatSkvfsAmount(ore(n));

// ---------------------------------------------------------------------------------------------

describe('the schema', () => {
  it('is the version the export was written against, byte for byte', () => {
    for (const [name, sum] of Object.entries(SCHEMA_SHA256)) {
      expect(sha256Bytes(readFileSync(path.join(SCHEMA_DIR, name))), name).toBe(sum);
    }
  });
});

describe('SKVFS 2021:16 export of a business day', () => {
  const { xml, file } = exported();
  const doc = makeReader(file);
  const day = inPeriod(journal.entries, DAY);

  it('validates against the schema, is UTF-8 and the same every time', () => {
    const result = validate(file);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(value(journalToSkvfsXml(exportInput()))).toBe(xml);
    expect(xml).toContain('Kaffe &amp; Bröd &lt;Visby&gt; AB');
  });

  it('has the opening elements: who, from where, when, which period, which company and system', () => {
    expect(doc.text('InloggadAnvandareVidExportAvDataFranJournalminnet')).toBe('butikschef');
    expect(doc.text('BeteckningPaDetKassaregisterSomExportAvDataFranJournalminnetSkerIfran')).toBe(
      'K1',
    );
    // 08:30:15.250Z is 10:30:15 in Stockholm (CEST); the schema allows no zone and no fraction.
    expect(doc.text('TidpunktForNarExportAvDataFranJournalminnetSker')).toBe('2026-04-12T10:30:15');
    expect(
      doc.text(
        'ValdPeriodForExportAvDataFranJournalminne/ValdStarttidpunktForExportAvDataFranJournalminnet',
      ),
    ).toBe('2026-04-10T00:00:00');
    expect(
      doc.text(
        'ValdPeriodForExportAvDataFranJournalminne/ValdSluttidpunktForExportAvDataFranJournalminnet',
      ),
    ).toBe('2026-04-10T23:59:59');
    expect(
      doc.text(
        'BeteckningPaValdaKassaregisterForExportAvDataFranJournalminnenLISTA/BeteckningPaValtKassaregisterForExportAvDataFranJournalminnet',
      ),
    ).toBe('K1');
    expect(doc.children('InformationOmForetaget')).toEqual([
      'OrganisationsnummerEllerPersonnummer',
      'ForetagetsNamn',
      'DenAdressDarForsaljningSker',
    ]);
    expect(doc.text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer')).toBe(
      '5566778899',
    );
    expect(doc.text('InformationOmForetaget/ForetagetsNamn')).toBe('Kaffe & Bröd <Visby> AB');
    expect(doc.text('InformationOmForetaget/DenAdressDarForsaljningSker')).toBe(
      'Strandgatan 1, 621 56 Visby',
    );
    expect(doc.count('KassaregistersystemLISTA/Kassaregistersystemet')).toBe(1);
    const system = 'KassaregistersystemLISTA/Kassaregistersystemet';
    expect(doc.text(`${system}/TillverkningsnummerForKassaregistret`)).toBe('KS0123456789ABCDE');
    expect(doc.text(`${system}/ModellbeteckningForKassaregistret`)).toBe('Kassa SE');
    expect(doc.text(`${system}/ModellEllerProgramForKassaregistret`)).toBe('Kassa');
    expect(doc.text(`${system}/VersionsnummerForKassaregistret`)).toBe('0.2.0');
    expect(doc.text(`${system}/Kassabeteckning`)).toBe('K1');
    expect(doc.text(`${system}/TillverkningsnummerForKontrollenheten`)).toBe(UNIT);
  });

  it('has one Handelse per journal entry of the day, in journal order, with user, register and local time', () => {
    expect(day.length).toBe(31);
    expect(doc.count('RegistreringLISTA/Handelse')).toBe(day.length);
    const expected: Record<JournalEntry['kind'], string> = {
      sale: 'Kassakvitto',
      return: 'Returkvitto',
      copy: 'KopiaAvKassakvitto',
      training: 'Ovningskvitto',
      'pro-forma': 'ProFormaKvitto',
      'sale-parked': 'OvrigRapport',
      'sale-resumed': 'OppnaParkering',
      'line-removed': 'RaderaRegistreradArtikel',
      'price-change': 'OvrigRapport',
      'drawer-opened': 'OppnaKassaladaVidNollforsaljning',
      'cash-float': 'ForandraVaxelkassa',
      'cash-in': 'ForandraVaxelkassa',
      'cash-out': 'ForandraVaxelkassa',
      'sign-in': 'InloggningIKassaregister',
      'sign-out': 'UtloggningUrKassaregister',
      'x-report': 'XDagrapport',
      'z-report': 'ZDagrapport',
      'setting-changed': 'OvrigRapport',
      'control-unit-fault': 'StatuskodFranKontrollprogrammet',
      'control-unit-restored': 'StatuskodFranKontrollprogrammet',
      'line-added': 'RegistreraArtikel',
      'line-changed': 'AndraRegistreradArtikel',
      'training-switched': 'StallaOmTill',
      'register-started': 'StartAvKassaregister',
      'register-stopped': 'StoppAvKassaregister',
    };
    day.forEach((entry, i) => {
      const h = `RegistreringLISTA/Handelse[${i + 1}]`;
      const names = doc.children(h);
      const event = names.at(-1) ?? '';
      expect(event.startsWith(expected[entry.kind]), `${entry.seq} ${entry.kind} → ${event}`).toBe(
        true,
      );
      expect(names.includes('InloggadAnvandare')).toBe(entry.by !== undefined);
      if (entry.by !== undefined) expect(doc.text(`${h}/InloggadAnvandare`)).toBe(entry.by);
      expect(doc.text(`${h}/Kassabeteckning`)).toBe('K1');
      const local = new Date(Date.parse(entry.at) + 2 * 3600_000).toISOString().slice(0, 19);
      expect(doc.text(`${h}/Registreringstidpunkt`)).toBe(local);
    });
    expect(
      doc.text('RegistreringLISTA/Handelse{StallaOmTillOvningslage}/StallaOmTillOvningslage'),
    ).toBe('JA');
    expect(
      doc.text('RegistreringLISTA/Handelse{StallaOmTillNormallage}/StallaOmTillNormallage'),
    ).toBe('JA');
  });

  it('writes the sale receipt field by field: number, articles, discounts, totals, VAT per rate, payments, Z, control code', () => {
    const k = 'RegistreringLISTA/Handelse{Kassakvitto}[1]/Kassakvitto';
    const sale = journal.sale;
    expect(doc.text(`${k}/ForetagetsNamn`)).toBe('Kaffe & Bröd <Visby> AB');
    expect(doc.text(`${k}/OrganisationsnummerEllerPersonnummer`)).toBe('5566778899');
    expect(doc.text(`${k}/DenAdressDarForsaljningSker`)).toBe('Strandgatan 1, 621 56 Visby');
    expect(doc.text(`${k}/DatumOchKlockslagNarKvittoFramstalls`)).toBe('2026-04-10T08:05:00');
    expect(doc.text(`${k}/LopnummerForKassakvitto`)).toBe('1');
    expect(doc.text(`${k}/Kassabeteckning`)).toBe('K1');
    expect(doc.count(`${k}/SaldaArtiklarLISTA/SaldArtikel`)).toBe(3);
    sale.lines.forEach((line, i) => {
      const a = `${k}/SaldaArtiklarLISTA/SaldArtikel[${i + 1}]`;
      expect(doc.text(`${a}/TypAvArtikel`)).toBe('VARA');
      expect(doc.text(`${a}/Artikelnummer`)).toBe(line.articleNumber);
      expect(doc.text(`${a}/Artikelnamn`)).toBe(line.text);
      expect(doc.text(`${a}/PrisPaSaldArtikel`)).toBe(kr(line.amount));
      expect(doc.text(`${a}/MervardesskattesatsForSaldArtikel`)).toBe(kr(line.vatRate));
      expect(doc.text(`${a}/MervardesskattPaSaldArtikel`)).toBe(
        kr(vatOfGross(line.amount, line.vatRate)),
      );
      expect(doc.text(`${a}/ArtikelnsRegistreringstidpunkt`)).toBe('2026-04-10T08:05:00');
      expect(doc.text(`${a}/RabatterPaSaldArtikelLISTA/RabattPaSaldArtikel/RabattensBelopp`)).toBe(
        line.discount === 0 ? '' : kr(line.discount),
      );
    });
    // Line 1: 2 buns at 35.00 (6 %), group Bröd, part of the order discount.
    const a1 = `${k}/SaldaArtiklarLISTA/SaldArtikel[1]`;
    expect(doc.text(`${a1}/NamnPaHuvudgrupp`)).toBe('Bröd');
    expect(doc.text(`${a1}/AntalAvSaldArtikel`)).toBe('2');
    expect(doc.text(`${a1}/PrisPerEnhet`)).toBe('35.00');
    expect(doc.text(`${a1}/MervardesskattesatsForSaldArtikel`)).toBe('6.00');
    // Line 2: the mug at 199.00 (25 %) with 10 % off plus its share of the order discount.
    const a2 = `${k}/SaldaArtiklarLISTA/SaldArtikel[2]`;
    expect(doc.text(`${a2}/PrisPerEnhet`)).toBe('199.00');
    expect(doc.text(`${a2}/MervardesskattesatsForSaldArtikel`)).toBe('25.00');
    // Line 3: 453 g of sweets at 149.00/kg: one weighed article.
    const a3 = `${k}/SaldaArtiklarLISTA/SaldArtikel[3]`;
    expect(doc.children(a3)).not.toContain('NamnPaHuvudgrupp');
    expect(doc.text(`${a3}/AntalAvSaldArtikel`)).toBe('1');
    expect(doc.text(`${a3}/MangdAvSaldArtikel`)).toBe('0.453');
    expect(doc.text(`${a3}/EnhetForViktLangdTidEllerVolym`)).toBe('kg');
    expect(doc.text(`${a3}/PrisPerEnhet`)).toBe('149.00');
    // Totals: 70.00 + 199.00 + 67.50 = 336.50 gross; 19.90 + 5.00 discount = 24.90; 311.60.
    expect(sale.total).toBe(31160);
    expect(doc.text(`${k}/TotaltRabattbeloppPaKvitto`)).toBe('24.90');
    expect(doc.text(`${k}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe('311.60');
    const vatTotal = sale.vat.reduce((acc, row) => acc + row.vat, 0);
    expect(doc.text(`${k}/MervardesskattPaForsaljningsbeloppet`)).toBe(kr(vatTotal));
    // Split tender: 100.00 by card, the rest in cash rounded to whole kronor (212.00).
    expect(
      doc.count(
        `${k}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel`,
      ),
    ).toBe(2);
    const pay = `${k}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel`;
    expect(doc.text(`${pay}[1]/Betalningsmedel`)).toBe('Kort');
    expect(doc.text(`${pay}[1]/ForsaljningssummaPerBetalningsmedel`)).toBe('100.00');
    expect(doc.text(`${pay}[2]/Betalningsmedel`)).toBe('Kontant');
    expect(doc.text(`${pay}[2]/ForsaljningssummaPerBetalningsmedel`)).toBe('212.00');
    // VAT per rate: 25 % first, then 6 %.
    const vat = `${k}/MervardesskattPaOlikaSkattesatserLISTA/MervardesskattPerSkattesats`;
    expect(doc.count(vat)).toBe(2);
    expect(sale.vat.map((r) => r.rate)).toEqual([2500, 600]);
    sale.vat.forEach((row, i) => {
      expect(doc.text(`${vat}[${i + 1}]/Mervardesskattesats`)).toBe(kr(row.rate));
      expect(doc.text(`${vat}[${i + 1}]/TotaltMervardesskattebeloppPerSkattesats`)).toBe(
        kr(row.vat),
      );
    });
    expect(doc.text(`${k}/LopnummerForZDagrapportPaKvitto`)).toBe('1');
    expect(doc.text(`${k}/TillverkningsnummerForKontrollenheten`)).toBe(UNIT);
    expect(doc.text(`${k}/Kontrollkod`)).toBe(code(1));
    expect(doc.children(k)).not.toContain('ElektronisktKassakvitto');
  });

  it("writes the copy with its own number and code and the original's number, time and code", () => {
    const c = 'RegistreringLISTA/Handelse{KopiaAvKassakvitto}/KopiaAvKassakvitto';
    expect(doc.text(`${c}/DatumOchKlockslagNarKvittoFramstalls`)).toBe('2026-04-10T08:06:00');
    expect(doc.text(`${c}/DatumOchKlockslagNarOriginalkvittoFramstalldes`)).toBe(
      '2026-04-10T08:05:00',
    );
    expect(doc.text(`${c}/LopnummerForKvittokopia`)).toBe('1');
    expect(doc.text(`${c}/LopnummerPaOriginalkvitto`)).toBe('1');
    expect(doc.text(`${c}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe('311.60');
    expect(doc.count(`${c}/SaldaArtiklarLISTA/SaldArtikel`)).toBe(3);
    expect(doc.text(`${c}/KontrollkodPaKopiaAvKassakvitto`)).toBe(code(2));
    expect(doc.text(`${c}/KontrollkodForKvittotSomKopianAvser`)).toBe(code(1));
    expect(doc.text(`${c}/LopnummerForZDagrapportPaKvitto`)).toBe('1');
  });

  it('writes the return with negative amounts and the original receipt number', () => {
    const r = 'RegistreringLISTA/Handelse{Returkvitto}/Returkvitto';
    const ret = journal.returned;
    expect(doc.text(`${r}/DatumOchKlockslagNarReturkvittoFramstalls`)).toBe('2026-04-10T08:10:00');
    expect(doc.text(`${r}/LopnummerForKassakvitto`)).toBe('2');
    expect(doc.text(`${r}/LopnummerForUrsprungligtKassakvitto`)).toBe('1');
    expect(doc.text(`${r}/SaldaArtiklarLISTA/SaldArtikel/AntalAvSaldArtikel`)).toBe('-1');
    expect(ret.total).toBeLessThan(0);
    expect(doc.text(`${r}/SaldaArtiklarLISTA/SaldArtikel/PrisPaSaldArtikel`)).toBe(kr(ret.total));
    expect(doc.text(`${r}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe(kr(ret.total));
    expect(
      doc.text(
        `${r}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel/Betalningsmedel`,
      ),
    ).toBe('Kontant');
    expect(
      doc.text(
        `${r}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel/ForsaljningssummaPerBetalningsmedel`,
      ),
    ).toBe(kr(ret.payments[0]?.amount ?? 0));
    expect(
      doc.text(
        `${r}/MervardesskattPaOlikaSkattesatserLISTA/MervardesskattPerSkattesats/Mervardesskattesats`,
      ),
    ).toBe('6.00');
    expect(doc.text(`${r}/Kontrollkod`)).toBe(code(3));
    expect(doc.text(`${r}/LopnummerForZDagrapportPaKvitto`)).toBe('1');
  });

  it('writes the training receipt without a control code and the pro forma without payments', () => {
    const t = 'RegistreringLISTA/Handelse{Ovningskvitto}/Ovningskvitto';
    expect(doc.text(`${t}/LopnummerForOvningskvitto`)).toBe('1');
    expect(doc.text(`${t}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe('35.00');
    expect(
      doc.text(
        `${t}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel/ForsaljningssummaPerBetalningsmedel`,
      ),
    ).toBe('35.00');
    expect(doc.text(`${t}/TillverkningsnummerForKontrollenheten`)).toBe(UNIT);
    expect(doc.children(t)).not.toContain('Kontrollkod');
    const p = 'RegistreringLISTA/Handelse{ProFormaKvitto}/ProFormaKvitto';
    expect(doc.text(`${p}/DatumOchKlockslagNarProFormaKvittoFramstalls`)).toBe(
      '2026-04-10T08:20:00',
    );
    expect(doc.text(`${p}/TotaltForsaljningsbeloppISvenskaKronor`)).toBe('35.00');
    expect(doc.children(p)).not.toContain('TotalaForsaljningssummorPerBetalningsmedelLISTA');
    expect(doc.text(`${p}/TillverkningsnummerForKontrollenheten`)).toBe(UNIT);
  });

  it('writes the article registrations: added, changed (with the earlier values) and removed', () => {
    const reg = 'RegistreringLISTA/Handelse{RegistreraArtikel}';
    expect(doc.count(reg)).toBe(4);
    const weighed = `${reg}[3]/RegistreraArtikel`;
    expect(doc.text(`${weighed}/IdentitetsbeteckningForRegistreringAvArtiklar`)).toBe('l3');
    expect(doc.text(`${weighed}/TypAvArtikel`)).toBe('VARA');
    expect(doc.text(`${weighed}/Artikelnamn`)).toBe('Godis lösvikt');
    expect(doc.text(`${weighed}/AntalAvRegistreradArtikel`)).toBe('1');
    expect(doc.text(`${weighed}/MangdAvRegistreradArtikel`)).toBe('0.453');
    expect(doc.text(`${weighed}/PrisPerEnhet`)).toBe('149.00');
    expect(doc.text(`${weighed}/PrisPaRegistreradArtikel`)).toBe('67.50'); // 453 g × 149.00/kg = 67.497
    expect(doc.text(`${weighed}/MervardesskattesatsForRegistreradArtikel`)).toBe('6.00');
    expect(doc.text(`${weighed}/MervardesskattPaRegistreradArtikel`)).toBe(
      kr(vatOfGross(ore(6750), 600)),
    );

    const changed = 'RegistreringLISTA/Handelse{AndraRegistreradArtikel}';
    expect(doc.count(changed)).toBe(2);
    const qty = `${changed}[1]/AndraRegistreradArtikel`;
    expect(doc.text(`${qty}/AntalAvRegistreradArtikel`)).toBe('2');
    expect(doc.text(`${qty}/PrisPaRegistreradArtikel`)).toBe('70.00');
    expect(doc.text(`${qty}/TidigareAntalAvRegistreradArtikel`)).toBe('1');
    expect(doc.text(`${qty}/TidigarePrisPaRegistreradArtikel`)).toBe('35.00');
    expect(doc.text(`${qty}/TidigareMervardesskattesatsForRegistreradArtikel`)).toBe('6.00');
    expect(doc.text(`${qty}/UrsprungligRegistreringstidpunkt`)).toBe('2026-04-10T08:03:10');
    const discount = `${changed}[2]/AndraRegistreradArtikel`;
    expect(doc.text(`${discount}/PrisPaRegistreradArtikel`)).toBe('179.10');
    expect(
      doc.text(
        `${discount}/RabatterPaRegistreradArtikelLISTA/RabattPaRegistreradArtikel/RabattensBelopp`,
      ),
    ).toBe('19.90');
    expect(doc.text(`${discount}/TidigarePrisPaRegistreradArtikel`)).toBe('199.00');
    expect(doc.count(`${discount}/TidigareRabatterPaRegistreradArtikelLISTA`)).toBe(0);
    expect(doc.text(`${discount}/MervardesskattPaRegistreradArtikel`)).toBe('35.82');
    expect(doc.text(`${discount}/TidigareMervardesskattPaRegistreradArtikel`)).toBe('39.80');

    const removed = 'RegistreringLISTA/Handelse{RaderaRegistreradArtikel}/RaderaRegistreradArtikel';
    expect(doc.text(`${removed}/Artikelnummer`)).toBe('2002');
    expect(doc.text(`${removed}/PrisPaRegistreradArtikel`)).toBe('25.00');
    expect(doc.text(`${removed}/MervardesskattesatsForRegistreradArtikel`)).toBe('25.00');
    expect(doc.text(`${removed}/MervardesskattPaRegistreradArtikel`)).toBe('5.00');
    expect(doc.text(`${removed}/UrsprungligRegistreringstidpunkt`)).toBe('2026-04-10T08:03:40');
  });

  it('writes parking, drawer, cash float, cash in/out, price and setting changes and control-unit status', () => {
    const h = (name: string, i = 1): string => `RegistreringLISTA/Handelse{${name}}[${i}]/${name}`;
    expect(doc.text(`${h('OvrigRapport', 1)}/NamnPaOvrigRapport`)).toBe('Parkerad försäljning');
    expect(doc.text(`${h('OvrigRapport', 1)}/Sokparameter`)).toBe(
      'parkering=P-7; rader=1; belopp=35.00',
    );
    expect(doc.text(`${h('OppnaParkering')}/IdentitetsbeteckningPaParkering`)).toBe('P-7');
    expect(doc.text(h('OppnaKassaladaVidNollforsaljning'))).toBe('JA');
    const float = (i: number) =>
      doc.text(`${h('ForandraVaxelkassa', i)}/ForandringAvVaxelkassaISvenskaKronor`);
    expect([float(1), float(2), float(3)]).toEqual(['1500.00', '200.00', '-50.00']);
    expect(doc.text(`${h('OvrigRapport', 2)}/NamnPaOvrigRapport`)).toBe('Prisändring');
    expect(doc.text(`${h('OvrigRapport', 2)}/Sokparameter`)).toBe(
      'artikelnummer=1001; artikel=Kanelbulle; från=35.00; till=38.00; gäller från=2026-04-11',
    );
    expect(doc.text(`${h('OvrigRapport', 3)}/NamnPaOvrigRapport`)).toBe('Ändrad inställning');
    expect(doc.text(`${h('OvrigRapport', 3)}/Sokparameter`)).toBe(
      'inställning=printer; från=(ingen); till=tcp://192.168.1.50:9100',
    );
    expect(doc.text(h('StatuskodFranKontrollprogrammet', 1))).toBe(
      'FEL timeout: Kontrollenheten svarar inte',
    );
    expect(doc.text(h('StatuskodFranKontrollprogrammet', 2))).toBe(
      `OK: kontrollenheten ${UNIT} svarar igen`,
    );
    expect(doc.text(h('InloggningIKassaregister'))).toBe('JA');
    expect(doc.text(h('UtloggningUrKassaregister'))).toBe('JA');
    expect(doc.text(h('StartAvKassaregister'))).toBe('JA');
    expect(doc.text(h('StoppAvKassaregister'))).toBe('JA');
  });

  it('writes the X and Z reports field by field, with the Z number, grand totals and program version', () => {
    const zEntry = day.find((e) => e.kind === 'z-report');
    if (zEntry?.kind !== 'z-report') throw new Error('no Z');
    const zr = zEntry.data.report;
    const z = 'RegistreringLISTA/Handelse{ZDagrapport}/ZDagrapport';
    expect(doc.text(`${z}/ForetagetsNamn`)).toBe('Kaffe & Bröd <Visby> AB');
    expect(doc.text(`${z}/DatumOchKlockslagNarRapportFramstalls`)).toBe('2026-04-10T17:00:00');
    expect(doc.text(`${z}/LopnummerForZDagrapport`)).toBe('1');
    expect(doc.text(`${z}/TillverkningsnummerForKassaregistret`)).toBe('KS0123456789ABCDE');
    expect(doc.text(`${z}/ModellbeteckningForKassaregistret`)).toBe('Kassa SE');
    // The version in use when the Z was taken (register-started 0.1.0), not the exporting one.
    expect(doc.text(`${z}/VersionsnummerForKassaregistret`)).toBe('0.1.0');
    expect(doc.text(`${z}/TotalForsaljningssumma`)).toBe('311.60');
    expect(doc.text(`${z}/TotalForsaljningssumma`)).toBe(kr(zr.salesTotal));
    const groups = `${z}/TotalaForsaljningssummorForOlikaHuvudgrupperLISTA/TotalForsaljningssummaForOlikaHuvudgrupper`;
    expect(doc.count(groups)).toBe(2);
    zr.salesByGroup.forEach((g, i) => {
      expect(doc.text(`${groups}[${i + 1}]/NamnPaHuvudgrupp`)).toBe(g.group);
      expect(doc.text(`${groups}[${i + 1}]/TotalForsaljningssummaForHuvudgrupp`)).toBe(
        kr(g.amount),
      );
    });
    const vat = `${z}/MervardesskattPaOlikaSkattesatserLISTA/MervardesskattPerSkattesats`;
    expect(doc.count(vat)).toBe(zr.vatPerRate.length);
    zr.vatPerRate.forEach((row, i) => {
      expect(doc.text(`${vat}[${i + 1}]/Mervardesskattesats`)).toBe(kr(row.rate));
      expect(doc.text(`${vat}[${i + 1}]/TotaltMervardesskattebeloppPerSkattesats`)).toBe(
        kr(row.vat),
      );
    });
    expect(doc.text(`${z}/VaxelkassansBeloppISvenskaKronor`)).toBe('1500.00');
    expect(doc.text(`${z}/AntalSaldaVaror`)).toBe('4'); // 2 buns, 1 mug, 1 weighed
    expect(doc.text(`${z}/AntalSaldaTjanster`)).toBe('0');
    expect(doc.text(`${z}/AntalKassakvitton`)).toBe('1');
    expect(doc.text(`${z}/AntalKassaladoppningar`)).toBe('1');
    expect(doc.text(`${z}/AntalKvittokopior`)).toBe('1');
    expect(doc.text(`${z}/TotaltBeloppPaKvittokopior`)).toBe('311.60');
    expect(doc.text(`${z}/AntalKvittonSomTagitsFramIOvningslage`)).toBe('1');
    expect(doc.text(`${z}/TotaltBeloppIOvningslage`)).toBe('35.00');
    const pay = `${z}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel`;
    expect(doc.count(pay)).toBe(2);
    expect(doc.text(`${pay}[1]/Betalningsmedel`)).toBe('Kontant');
    expect(doc.text(`${pay}[1]/ForsaljningssummaPerBetalningsmedel`)).toBe('212.00');
    expect(doc.text(`${pay}[2]/Betalningsmedel`)).toBe('Kort');
    expect(doc.text(`${pay}[2]/ForsaljningssummaPerBetalningsmedel`)).toBe('100.00');
    expect(doc.text(`${z}/AntalReturer`)).toBe('1');
    expect(doc.text(`${z}/ReturernasBelopp`)).toBe(kr(negate(journal.returned.total)));
    expect(doc.text(`${z}/RabatternasBelopp`)).toBe('24.90');
    expect(doc.text(`${z}/AntalOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp`)).toBe('1');
    expect(
      doc.text(`${z}/TotaltBeloppAvOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp`),
    ).toBe('25.00');
    expect(doc.text(`${z}/AntalOavslutadeForsaljningar`)).toBe('0');
    expect(doc.text(`${z}/TotaltBeloppAvOavslutadeForsaljningar`)).toBe('0.00');
    expect(doc.text(`${z}/GrandTotalForsaljning`)).toBe('311.60');
    expect(doc.text(`${z}/GrandTotalRetur`)).toBe(kr(negate(journal.returned.total)));
    expect(doc.text(`${z}/GrandTotalNetto`)).toBe(kr(31160 + journal.returned.total));

    const x = 'RegistreringLISTA/Handelse{XDagrapport}/XDagrapport';
    expect(doc.text(`${x}/DatumOchKlockslagNarRapportFramstalls`)).toBe('2026-04-10T16:00:00');
    expect(doc.children(x)).not.toContain('LopnummerForZDagrapport');
    expect(doc.children(x)).not.toContain('TillverkningsnummerForKassaregistret');
    expect(doc.text(`${x}/TotalForsaljningssumma`)).toBe('311.60');
    expect(doc.text(`${x}/GrandTotalNetto`)).toBe(kr(31160 + journal.returned.total));
  });

  it('gives a receipt after the last Z of its day the Z number 0 until a later Z is passed in', () => {
    const late = 'RegistreringLISTA/Handelse{Kassakvitto}[2]/Kassakvitto';
    expect(doc.text(`${late}/LopnummerForKassakvitto`)).toBe('3');
    expect(
      doc.text(
        `${late}/TotalaForsaljningssummorPerBetalningsmedelLISTA/TotalForsaljningssummaPerBetalningsmedel/Betalningsmedel`,
      ),
    ).toBe('Swish');
    expect(doc.text(`${late}/LopnummerForZDagrapportPaKvitto`)).toBe('0');
    const later = exported({
      laterZReports: [
        { seq: 900, zNumber: 9, businessDay: '2026-04-11' },
        { seq: 901, zNumber: 2, businessDay: '2026-04-10' },
      ],
    });
    expect(makeReader(later.file).text(`${late}/LopnummerForZDagrapportPaKvitto`)).toBe('2');
    expect(validate(later.file).status).toBe(0);
  });

  it('leaves out what belongs to the next business day (00:30 local on 2026-04-11)', () => {
    expect(xml).not.toContain(code(7));
    const next = exported({
      entries: inPeriod(journal.entries, {
        from: '2026-04-10T22:00:00.000Z',
        to: '2026-04-11T22:00:00.000Z',
      }),
      period: { from: '2026-04-10T22:00:00.000Z', to: '2026-04-11T22:00:00.000Z' },
    });
    const r = makeReader(next.file);
    expect(r.count('RegistreringLISTA/Handelse')).toBe(2);
    expect(
      r.text(
        'ValdPeriodForExportAvDataFranJournalminne/ValdStarttidpunktForExportAvDataFranJournalminnet',
      ),
    ).toBe('2026-04-11T00:00:00');
    expect(
      r.text(
        'RegistreringLISTA/Handelse{Kassakvitto}/Kassakvitto/DatumOchKlockslagNarKvittoFramstalls',
      ),
    ).toBe('2026-04-11T00:30:00');
    expect(r.text('RegistreringLISTA/Handelse{Kassakvitto}/Kassakvitto/Kontrollkod')).toBe(code(7));
    expect(r.children('RegistreringLISTA/Handelse[2]')).not.toContain('InloggadAnvandare');
    expect(validate(next.file).status).toBe(0);
  });
});

describe('SKVFS 2021:16 export: edge cases and refusals', () => {
  it('refuses an empty period (the schema needs at least one Handelse)', () => {
    const result = journalToSkvfsXml(exportInput({ entries: [] }));
    expect(result).toEqual({ ok: false, code: 'export-empty' });
  });

  it('needs the original of a copy; found among the earlier entries it validates', () => {
    const copyEntry = journal.entries.find((e) => e.kind === 'copy');
    if (copyEntry === undefined) throw new Error('no copy');
    const period = { from: '2026-04-10T06:05:30.000Z', to: '2026-04-10T06:07:00.000Z' };
    const entries = inPeriod(journal.entries, period);
    expect(entries.map((e) => e.kind)).toEqual(['copy']);
    expect(journalToSkvfsXml(exportInput({ entries, period }))).toMatchObject({
      ok: false,
      code: 'export-reference-missing',
      seq: copyEntry.seq,
    });
    const earlierEntries = journal.entries.filter((e) => e.seq < copyEntry.seq);
    const xml = value(journalToSkvfsXml(exportInput({ entries, period, earlierEntries })));
    const file = writeXml(xml);
    expect(validate(file).status).toBe(0);
    expect(
      makeReader(file).text(
        'RegistreringLISTA/Handelse/KopiaAvKassakvitto/KontrollkodForKvittotSomKopianAvser',
      ),
    ).toBe(code(1));
    expect(xml).not.toContain('<utreko:Kassakvitto>');
  });

  it('needs the registration of a changed line', () => {
    const changed = journal.entries.find((e) => e.kind === 'line-changed');
    if (changed === undefined) throw new Error('no change');
    const period = { from: changed.at, to: '2026-04-10T06:04:05.000Z' };
    // Without a receipt in the period the control unit comes from the identity; without one there
    // is nothing to put in Kassaregistersystemet.
    expect(journalToSkvfsXml(exportInput({ entries: [changed], period }))).toMatchObject({
      ok: false,
      code: 'export-value-invalid',
      element: 'TillverkningsnummerForKontrollenheten',
    });
    const known = { ...identity, controlUnitSerial: UNIT };
    expect(
      journalToSkvfsXml(exportInput({ entries: [changed], period, identity: known })),
    ).toMatchObject({
      ok: false,
      code: 'export-reference-missing',
      seq: changed.seq,
    });
    const earlierEntries = journal.entries.filter((e) => e.seq < changed.seq);
    const xml = value(
      journalToSkvfsXml(
        exportInput({ entries: [changed], period, identity: known, earlierEntries }),
      ),
    );
    const file = writeXml(xml);
    expect(validate(file).status).toBe(0);
    const reader = makeReader(file);
    expect(reader.count('RegistreringLISTA/Handelse')).toBe(1);
    expect(
      reader.text(
        'RegistreringLISTA/Handelse/AndraRegistreradArtikel/UrsprungligRegistreringstidpunkt',
      ),
    ).toBe('2026-04-10T08:03:10');
    expect(
      reader.text(
        'KassaregistersystemLISTA/Kassaregistersystemet/TillverkningsnummerForKontrollenheten',
      ),
    ).toBe(UNIT);
  });

  it('refuses a control code of the wrong length instead of writing an invalid file', () => {
    const entries = inPeriod(journal.entries, DAY).map((e) =>
      e.kind === 'sale' && e.data.receipt.receiptNumber === 1
        ? { ...e, data: { receipt: { ...e.data.receipt, controlCode: 'KORT' } } }
        : e,
    );
    expect(journalToSkvfsXml(exportInput({ entries }))).toMatchObject({
      ok: false,
      code: 'export-value-invalid',
      element: 'Kontrollkod',
      value: 'KORT',
    });
  });

  it('cuts long texts to 72 characters, replaces characters XML cannot hold, and still validates', () => {
    const longName = `${'Ä'.repeat(80)}\u0007 & <b>`;
    const entries = inPeriod(journal.entries, DAY).map((e) =>
      e.kind === 'sale-parked'
        ? {
            ...e,
            data: { ...e.data, parkingId: `Bord 4\u0001 <fönster> & "hörn"` },
          }
        : e,
    );
    const { file } = exported({
      entries,
      identity: {
        ...identity,
        companyName: longName,
        placeOfSaleAddress: 'Gatan 1\r\n621 56 Visby',
      },
    });
    expect(validate(file).status).toBe(0);
    const r = makeReader(file);
    expect(r.text('InformationOmForetaget/ForetagetsNamn')).toBe('Ä'.repeat(72));
    expect(r.text('InformationOmForetaget/DenAdressDarForsaljningSker')).toBe(
      'Gatan 1\r\n621 56 Visby',
    );
    expect(r.text('RegistreringLISTA/Handelse{OvrigRapport}[1]/OvrigRapport/Sokparameter')).toBe(
      'parkering=Bord 4\uFFFD <fönster> & "hörn"; rader=1; belopp=35.00',
    );
  });

  it("writes a sole trader's personnummer with its century", () => {
    const { file } = exported({ identity: { ...identity, organisationNumber: '811218-9876' } });
    expect(
      makeReader(file).text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer'),
    ).toBe('198112189876');
    expect(validate(file).status).toBe(0);
    const young = exported({ identity: { ...identity, organisationNumber: '050101-1234' } });
    expect(
      makeReader(young.file).text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer'),
    ).toBe('200501011234');
    expect(
      journalToSkvfsXml(
        exportInput({ identity: { ...identity, organisationNumber: '811278-9876' } }),
      ),
    ).toMatchObject({
      ok: false,
      code: 'export-value-invalid',
      element: 'OrganisationsnummerEllerPersonnummer',
    });
  });

  it('lists one register system per control unit used in the period', () => {
    const other = 'CCSE0000000009999';
    const entries = inPeriod(journal.entries, DAY).map((e) =>
      e.kind === 'sale' && e.data.receipt.receiptNumber === 3
        ? {
            ...e,
            data: { receipt: { ...e.data.receipt, controlUnitSerial: other } },
          }
        : e,
    );
    const { file } = exported({ entries });
    const r = makeReader(file);
    expect(r.count('KassaregistersystemLISTA/Kassaregistersystemet')).toBe(2);
    expect(
      r.text(
        'KassaregistersystemLISTA/Kassaregistersystemet[2]/TillverkningsnummerForKontrollenheten',
      ),
    ).toBe(other);
    expect(validate(file).status).toBe(0);
  });
});

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
