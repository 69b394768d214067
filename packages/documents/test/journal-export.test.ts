/**
 * The SKVFS 2021:16 journal export: a realistic journal built with the
 * core functions (the test-kit's sample journal: sale with two VAT rates, a weighed good,
 * discounts and split tender; copy; return; training; pro forma; parking; drawer; cash float, in
 * and out; sign-in/out; line registrations, changes and removal; price and setting changes;
 * control-unit fault; X and Z), exported, validated with xmllint against Skatteverket's schema,
 * and read back field by field with xmllint's XPath (an independent XML parser). The export of a
 * register's own journal file (`kassa export-journal`) is tested in the register, the export from
 * the server's copy in the server.
 */
import { createHash } from 'node:crypto';
import { sha256Hex } from '@kassa/core/sha256';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type JournalEntry,
  type JournalEvent,
  type Result,
  appendEntry,
  negate,
  ore,
  vatOfGross,
} from '@kassa/core';
import {
  SAMPLE_HEADER,
  SAMPLE_REGISTER_SERIAL,
  SAMPLE_UNIT,
  buildSampleJournal,
  sampleControlCode,
  skvfsSchemaDir,
  validateXml,
  xmlReader,
} from '@kassa/test-kit';
import {
  type SkvfsExportInput,
  type SkvfsIdentity,
  type SkvfsReferences,
  PLACEHOLDER_IDENTITY_NUMBER,
  formatSkvfsAmount,
  journalToSkvfsExport,
  journalToSkvfsXml,
  skvfsReferences,
} from '../src/index.js';

const ZONE = 'Europe/Stockholm';
// Skatteverket's schema, kept in the repository (docs/spec/skvfs-2021-16/README.md names its source).
const SCHEMA_DIR = skvfsSchemaDir();
const SCHEMA = path.join(SCHEMA_DIR, 'skvfs-2021-16.xsd');
const SCHEMA_SHA256: Record<string, string> = {
  'skvfs-2021-16.xsd': 'c795bb8c10255f4dc8c6afbfab71eb9c051b93951264b7bc8ce2fc2efad4c958',
  'utredningsstod-instans.xsd': '3831b5e543a4135076dbefe02c6256e90ba5a6468ed06935815ae6b149913847',
  'utredningsstod-komponent.xsd':
    '89c2ebdbd9b4a4c1f72583d6390578fe256c264f6c066e22f338775d908296da',
};
const sha256Bytes = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result.value;
}

// ---------------------------------------------------------------------------------------------
// The journal of one register on 2026-04-10 (CEST, UTC+2) and the first minutes of 2026-04-11.

const UNIT = SAMPLE_UNIT;
const header = SAMPLE_HEADER;
const code = sampleControlCode;
const identity: SkvfsIdentity = {
  companyName: header.companyName,
  organisationNumber: header.organisationNumber,
  placeOfSaleAddress: header.placeOfSaleAddress,
  registerId: header.registerId,
  registerSerialNumber: SAMPLE_REGISTER_SERIAL,
  controlUnitSerial: null,
  programName: 'Kassa',
  programVersion: '0.2.0',
  modelDesignation: 'Kassa SE',
};

const journal = buildSampleJournal();
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

function writeXml(xml: string): string {
  const file = path.join(tmp, `export-${++fileCounter}.xml`);
  writeFileSync(file, xml, 'utf8');
  return file;
}

const validate = (file: string) => validateXml(file, SCHEMA);
const makeReader = xmlReader;

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
      'article-changed': 'OvrigRapport',
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
      'control-unit-request': 'OvrigRapport',
      'control-unit-answer': 'OvrigRapport',
      'receipt-number-skipped': 'OvrigRapport',
      'clock-fault': 'OvrigRapport',
      'receipt-printout': 'OvrigRapport',
      'clock-restored': 'OvrigRapport',
      'clock-jumped': 'OvrigRapport',
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

  it('takes the original of a copy from the earlier entries; without it the copy still exports, the gap a deviation', () => {
    const copyEntry = journal.entries.find((e) => e.kind === 'copy');
    if (copyEntry === undefined || copyEntry.kind !== 'copy') throw new Error('no copy');
    const period = { from: '2026-04-10T06:05:30.000Z', to: '2026-04-10T06:07:00.000Z' };
    const entries = inPeriod(journal.entries, period);
    expect(entries.map((e) => e.kind)).toEqual(['copy']);
    // The original cut from the journal (or not passed): exported with what the copy holds.
    const orphan = value(journalToSkvfsExport(exportInput({ entries, period })));
    const orphanFile = writeXml(orphan.xml);
    expect(validate(orphanFile).status).toBe(0);
    expect(orphan.problems).toEqual([
      expect.objectContaining({
        seq: copyEntry.seq,
        element: 'KontrollkodForKvittotSomKopianAvser',
        value: 'null',
      }),
      expect.objectContaining({ seq: copyEntry.seq, element: 'KopiaAvKassakvitto' }),
    ]);
    expect(orphan.problems[1]?.value).toContain('originalkvitto 1');
    const orphanReader = makeReader(orphanFile);
    expect(
      orphanReader.text('RegistreringLISTA/Handelse/KopiaAvKassakvitto/LopnummerPaOriginalkvitto'),
    ).toBe('1');
    expect(orphan.xml).toMatch(/<!-- AVVIKELSE \(händelse \d+\): KopiaAvKassakvitto/);
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

  it('takes the registration of a changed line from the earlier entries; without it the change still exports, the gap a deviation', () => {
    const changed = journal.entries.find((e) => e.kind === 'line-changed');
    if (changed?.kind !== 'line-changed') throw new Error('no change');
    const period = { from: changed.at, to: '2026-04-10T06:04:05.000Z' };
    const known = { ...identity, controlUnitSerial: UNIT };
    const orphan = value(
      journalToSkvfsExport(exportInput({ entries: [changed], period, identity: known })),
    );
    const orphanFile = writeXml(orphan.xml);
    expect(validate(orphanFile).status).toBe(0);
    expect(orphan.problems).toEqual([
      expect.objectContaining({ seq: changed.seq, element: 'AndraRegistreradArtikel' }),
    ]);
    expect(orphan.problems[0]?.value).toBe(`line-added ${changed.data.lineId}`);
    // Its own time stands for the missing registration's.
    expect(
      makeReader(orphanFile).text(
        'RegistreringLISTA/Handelse/AndraRegistreradArtikel/UrsprungligRegistreringstidpunkt',
      ),
    ).toBe(makeReader(orphanFile).text('RegistreringLISTA/Handelse/Registreringstidpunkt'));
    const earlierEntries = journal.entries.filter((e) => e.seq < changed.seq);
    // No control unit known at all: still exported, the serial a listed deviation.
    const anonymous = value(
      journalToSkvfsExport(exportInput({ entries: [changed], period, earlierEntries })),
    );
    expect(validate(writeXml(anonymous.xml)).status).toBe(0);
    expect(anonymous.problems).toEqual([
      expect.objectContaining({
        seq: null,
        element: 'TillverkningsnummerForKontrollenheten',
        value: 'null',
        written: `SAKNAS${' '.repeat(11)}`,
      }),
    ]);
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

  it('exports a control code and a control unit serial the schema cannot hold, XSD-valid, with the deviations listed', () => {
    // An older register journaled what the unit answered unchecked: 10 characters of control
    // code, a 5-character serial. The export used to be refused (export-value-invalid).
    const entries = inPeriod(journal.entries, DAY).map((e) =>
      e.kind === 'sale' && e.data.receipt.receiptNumber === 1
        ? {
            ...e,
            data: {
              receipt: { ...e.data.receipt, controlCode: 'KORTKOD123', controlUnitSerial: 'CC123' },
            },
          }
        : e,
    );
    const sale = entries.find((e) => e.kind === 'sale' && e.data.receipt.receiptNumber === 1);
    if (sale === undefined) throw new Error('no sale 1');
    const result = journalToSkvfsExport(exportInput({ entries }));
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    const file = writeXml(result.value.xml);
    expect(validate(file)).toMatchObject({ status: 0 });
    // In the file's order: the unit in Kassaregistersystemet, the receipt, and the copy of it
    // that names the original's control code.
    expect(result.value.problems).toEqual([
      expect.objectContaining({
        seq: null,
        element: 'TillverkningsnummerForKontrollenheten',
        value: 'CC123',
      }),
      expect.objectContaining({
        seq: sale.seq,
        element: 'TillverkningsnummerForKontrollenheten',
        value: 'CC123',
        written: `CC123${' '.repeat(12)}`,
      }),
      expect.objectContaining({
        seq: sale.seq,
        element: 'Kontrollkod',
        value: 'KORTKOD123',
        written: `KORTKOD123${' '.repeat(49)}`,
      }),
      expect.objectContaining({
        element: 'KontrollkodForKvittotSomKopianAvser',
        value: 'KORTKOD123',
      }),
    ]);
    const r = makeReader(file);
    const k = 'RegistreringLISTA/Handelse{Kassakvitto}[1]/Kassakvitto';
    // (The reader trims; the file holds the padded 59 and 17 characters.)
    expect(r.text(`${k}/Kontrollkod`)).toBe('KORTKOD123');
    expect(r.text(`${k}/TillverkningsnummerForKontrollenheten`)).toBe('CC123');
    expect(result.value.xml).toContain(`<utreko:Kontrollkod>KORTKOD123${' '.repeat(49)}<`);
    expect(result.value.xml).toContain(
      `<utreko:TillverkningsnummerForKontrollenheten>CC123${' '.repeat(12)}<`,
    );
    // The file says so itself, beside the element.
    expect(result.value.xml).toContain(
      `<!-- AVVIKELSE (händelse ${sale.seq}): Kontrollkod i journalen är "KORTKOD123"`,
    );
    // journalToSkvfsXml gives the same file.
    expect(journalToSkvfsXml(exportInput({ entries }))).toEqual({
      ok: true,
      value: result.value.xml,
    });
    // A valid journal has no deviations.
    expect(value(journalToSkvfsExport(exportInput())).problems).toEqual([]);
  });

  it('writes programming changes from the backoffice (article added, removed, field changed) as OvrigRapport', () => {
    const day = inPeriod(journal.entries, DAY);
    const events: JournalEvent[] = [
      {
        kind: 'article-changed',
        data: {
          articleNumber: '2001',
          text: 'Semla',
          field: 'article',
          from: null,
          to: 'Semla',
          source: 'backoffice',
        },
      },
      {
        kind: 'article-changed',
        data: {
          articleNumber: '1001',
          text: 'Kanelbulle stor',
          field: 'name',
          from: 'Kanelbulle',
          to: 'Kanelbulle stor',
          source: 'backoffice',
        },
      },
      {
        kind: 'article-changed',
        data: {
          articleNumber: '1002',
          text: 'Kaffe',
          field: 'vatCategory',
          from: 'food',
          to: 'standard',
          source: 'backoffice',
        },
      },
      {
        kind: 'article-changed',
        data: {
          articleNumber: '1003',
          text: 'Te',
          field: 'article',
          from: 'Te',
          to: null,
          source: 'backoffice',
        },
      },
    ];
    const entries = [...day];
    for (const [i, event] of events.entries()) {
      entries.push(
        appendEntry(entries.at(-1) ?? null, event, `2026-04-10T21:5${i}:00.000Z`, sha256Hex),
      );
    }
    const { file } = exported({ entries });
    expect(validate(file).status).toBe(0);
    const r = makeReader(file);
    const last = (n: number) =>
      `RegistreringLISTA/Handelse[${entries.length - events.length + n}]/OvrigRapport`;
    expect(r.text(`${last(1)}/NamnPaOvrigRapport`)).toBe('Ny artikel');
    expect(r.text(`${last(1)}/Sokparameter`)).toBe(
      'artikelnummer=2001; artikel=Semla; fält=article; från=(ingen); till=Semla; källa=backoffice',
    );
    expect(r.text(`${last(2)}/NamnPaOvrigRapport`)).toBe('Ändrad artikel');
    expect(r.text(`${last(2)}/Sokparameter`)).toContain(
      'fält=name; från=Kanelbulle; till=Kanelbulle stor',
    );
    expect(r.text(`${last(3)}/Sokparameter`)).toContain(
      'fält=vatCategory; från=food; till=standard',
    );
    expect(r.text(`${last(4)}/NamnPaOvrigRapport`)).toBe('Borttagen artikel');
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
    // A month 12, day 78 "personnummer": neither kind of number; written as the placeholder
    // no legal person has, listed beside it.
    const wrong = value(
      journalToSkvfsExport(
        exportInput({ identity: { ...identity, organisationNumber: '811278-9876' } }),
      ),
    );
    const wrongFile = writeXml(wrong.xml);
    expect(validate(wrongFile).status).toBe(0);
    expect(
      makeReader(wrongFile).text('InformationOmForetaget/OrganisationsnummerEllerPersonnummer'),
    ).toBe(PLACEHOLDER_IDENTITY_NUMBER);
    expect(wrong.problems).toContainEqual(
      expect.objectContaining({
        seq: null,
        element: 'OrganisationsnummerEllerPersonnummer',
        value: '811278-9876',
        written: PLACEHOLDER_IDENTITY_NUMBER,
      }),
    );
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

describe('SKVFS 2021:16 export: what a period refers to before it', () => {
  const all = journal.entries;
  const at = (kind: JournalEntry['kind'], nth = 0): string => {
    const found = all.filter((e) => e.kind === kind)[nth];
    if (found === undefined) throw new Error(`no ${kind}`);
    return found.at;
  };
  const before = (from: string) => all.filter((e) => Date.parse(e.at) < Date.parse(from));
  const latest = (entries: readonly JournalEntry[], match: (e: JournalEntry) => boolean) =>
    entries.filter(match).slice(-1);

  /** The earlier entries that `references` names, looked up as the server does (latest each). */
  function named(from: string, references: SkvfsReferences): JournalEntry[] {
    const earlier = before(from);
    const picked = [
      ...references.lineIds.flatMap((id) =>
        latest(earlier, (e) => e.kind === 'line-added' && e.data.lineId === id),
      ),
      ...references.removedArticles.flatMap((article) =>
        latest(earlier, (e) => e.kind === 'line-added' && e.data.articleNumber === article),
      ),
      ...references.originals.flatMap((o) =>
        latest(
          earlier,
          (e) =>
            (e.kind === 'sale' || e.kind === 'return') &&
            e.data.receipt.receiptNumber === o.receiptNumber &&
            e.data.receipt.registerId === o.registerId,
        ),
      ),
      ...references.articleTypes.flatMap((article) =>
        latest(
          earlier,
          (e) =>
            (e.kind === 'sale' || e.kind === 'return') &&
            e.data.receipt.lines.some((l) => l.articleNumber === article),
        ),
      ),
      ...(references.registerStart ? latest(earlier, (e) => e.kind === 'register-started') : []),
    ];
    return [...new Map(picked.map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);
  }

  /** What a register passes: every registration, receipt and start before the period. */
  const everything = (from: string) =>
    before(from).filter(
      (e) =>
        e.kind === 'line-added' ||
        e.kind === 'sale' ||
        e.kind === 'return' ||
        e.kind === 'register-started',
    );

  it('names the registrations, the original, the item types and the program start a period needs', () => {
    // From the removal on: l1 and l2 are changed, 2002 removed, all registered before.
    const fromRemoval = inPeriod(all, { from: at('line-removed'), to: DAY.to });
    expect(skvfsReferences(fromRemoval)).toEqual({
      lineIds: ['l1', 'l2'],
      removedArticles: ['2002'],
      originals: [],
      // 2002 is sold on no receipt; 1001 and 2001 are (the sale of the period).
      articleTypes: ['2002'],
      registerStart: true,
    });
    // From the copy on: the original sale is before the period.
    const fromCopy = inPeriod(all, { from: at('copy'), to: DAY.to });
    expect(skvfsReferences(fromCopy)).toMatchObject({
      lineIds: [],
      removedArticles: [],
      originals: [{ receiptNumber: 1, registerId: 'K1' }],
      articleTypes: [],
    });
    // The whole day resolves its own references; only the removed 2002 is sold on no receipt,
    // so its item type is looked for before the day (and is 'good' when nothing is found).
    expect(skvfsReferences(inPeriod(all, DAY))).toEqual({
      lineIds: [],
      removedArticles: [],
      originals: [],
      articleTypes: ['2002'],
      registerStart: false,
    });
  });

  it('gives the same XML with only the named entries as with everything before, for every cut of the day', () => {
    const days = inPeriod(all, { from: DAY.from, to: '2026-04-11T22:00:00.000Z' });
    let compared = 0;
    let exportedOk = 0;
    for (let i = 0; i < days.length; i += 1) {
      for (let j = i + 1; j <= days.length; j += 1) {
        const from = (days[i] as JournalEntry).at;
        const to = j < days.length ? (days[j] as JournalEntry).at : '2026-04-11T22:00:00.000Z';
        const period = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
        const entries = inPeriod(all, period);
        const input = exportInput({
          entries,
          period,
          identity: { ...identity, controlUnitSerial: UNIT },
        });
        const full = journalToSkvfsExport({ ...input, earlierEntries: everything(from) });
        const lean = journalToSkvfsExport({
          ...input,
          earlierEntries: named(from, skvfsReferences(entries)),
        });
        expect(lean, `${period.from} – ${period.to}`).toEqual(full);
        compared += 1;
        if (full.ok && full.value.problems.length === 0) exportedOk += 1;
      }
    }
    expect(compared).toBe((days.length * (days.length + 1)) / 2);
    // Every cut resolves its references (no deviation for a missing one): the journal is complete.
    expect(exportedOk).toBe(compared);
  });

  it('exports an entry of a kind it does not know as an OvrigRapport with its data, XSD-valid, listed as a deviation', () => {
    const entries = inPeriod(all, DAY);
    const strange = {
      ...entries[3],
      kind: 'hologram',
      data: { colour: 'blå' },
    } as unknown as JournalEntry;
    const result = value(
      journalToSkvfsExport(
        exportInput({
          entries: [...entries.slice(0, 3), strange],
          identity: { ...identity, controlUnitSerial: UNIT },
        }),
      ),
    );
    const file = writeXml(result.xml);
    expect(validate(file).status).toBe(0);
    expect(result.problems).toEqual([
      expect.objectContaining({ seq: strange.seq, element: 'Handelse', value: 'hologram' }),
    ]);
    const r = makeReader(file);
    expect(r.count('RegistreringLISTA/Handelse')).toBe(4);
    expect(r.text('RegistreringLISTA/Handelse[4]/OvrigRapport/NamnPaOvrigRapport')).toBe(
      'Okänd händelse',
    );
    expect(r.text('RegistreringLISTA/Handelse[4]/OvrigRapport/Sokparameter')).toBe(
      'händelse=hologram; data={"colour":"blå"}',
    );
  });

  it('exports values the schema cannot hold (old or foreign journals), XSD-valid, each a listed deviation', () => {
    // A journal from before Kassa checked these: a receipt dated 2009 (a BIOS clock reset), a
    // line at 15 % VAT, a receipt without VAT rows, an empty article name, a Z whose register
    // serial has characters the schema forbids, an amount beyond the schema's range.
    const entries = inPeriod(all, DAY);
    const firstSale = entries.findIndex((e) => e.kind === 'sale');
    const firstZ = entries.findIndex((e) => e.kind === 'z-report');
    const sale = entries[firstSale];
    const z = entries[firstZ];
    if (sale?.kind !== 'sale' || z?.kind !== 'z-report') throw new Error('no sale or Z');
    const receipt = sale.data.receipt;
    const [line, ...rest] = receipt.lines;
    if (line === undefined) throw new Error('no line');
    const oddSale = {
      ...sale,
      data: {
        receipt: {
          ...receipt,
          issuedAt: '2009-12-31T22:00:00.000Z',
          lines: [{ ...line, vatRate: 1500, text: '  ' }, ...rest],
          vat: [],
        },
      },
    } as unknown as JournalEntry;
    const oddZ = {
      ...z,
      data: {
        report: {
          ...z.data.report,
          registerSerialNumber: 'KASSA/1  ÅÄÖ',
          cashFloat: 10_000_000_000_000,
        },
      },
    } as unknown as JournalEntry;
    const changed = entries.map((e, i) => (i === firstSale ? oddSale : i === firstZ ? oddZ : e));
    const result = value(
      journalToSkvfsExport(
        exportInput({ entries: changed, identity: { ...identity, controlUnitSerial: UNIT } }),
      ),
    );
    const file = writeXml(result.xml);
    expect(validate(file).status, validate(file).output).toBe(0);
    const listed = result.problems.map((p) => [p.seq, p.element, p.written]);
    expect(listed).toEqual(
      expect.arrayContaining([
        [sale.seq, 'DatumOchKlockslagNarKvittoFramstalls', '2010-01-01T00:00:00'],
        [sale.seq, 'ArtikelnsRegistreringstidpunkt', '2010-01-01T00:00:00'],
        [sale.seq, 'Artikelnamn', 'SAKNAS'],
        [sale.seq, 'MervardesskattesatsForSaldArtikel', '15.00'],
        [sale.seq, 'MervardesskattPerSkattesats', '0.00 % 0.00'],
        [z.seq, 'TillverkningsnummerForKassaregistret', 'KASSA-1 ---'],
        [z.seq, 'VaxelkassansBeloppISvenskaKronor', '99999999999.99'],
      ]),
    );
    // Each deviation is announced in the file beside its element.
    const notes = result.xml.match(/<!-- AVVIKELSE/g) ?? [];
    expect(notes.length).toBe(result.problems.length);
    const r = makeReader(file);
    expect(
      r.text(
        'RegistreringLISTA/Handelse{Kassakvitto}[1]/Kassakvitto/DatumOchKlockslagNarKvittoFramstalls',
      ),
    ).toBe('2010-01-01T00:00:00');
  });
});
