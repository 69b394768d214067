/**
 * The journal of one register as the standard export of SKVFS 2021:16 (the XML schema
 * "utredningsstöd", version 2021-12-08, in docs/spec/skvfs-2021-16/): the root
 * `ExportAvDataFranJournalminneEnligtSKVFS2021-16`, one `Handelse` per journal entry, in journal
 * order. Pure: the caller passes the entries of the period, the identity, the export time and the
 * zone; nothing here reads a clock, a file or the process time zone.
 *
 * Formats, from the XSD: amounts are xs:decimal with at most two fraction digits, written as
 * kronor with a decimal point and always two decimals ("-12.50"); VAT rates likewise in percent
 * ("25.00"); date and time is xs:dateTime restricted to exactly "YYYY-MM-DDThh:mm:ss" (no zone,
 * no fraction), so it is the local time in the shop's zone, seconds truncated; text elements hold
 * 1–72 characters. Every mapping decision is in docs/protocols/skvfs-2021-16-export.md.
 */
import {
  type JournalEntry,
  type Receipt,
  type Result,
  businessDayOf,
  fail,
  isIsoInstant,
  isSimulatedReceipt,
  SIMULATED_SERIAL_PREFIX,
  ok,
} from '@kassa/core';
import {
  type Context,
  INSTANS_NAMESPACE,
  KOMPONENT_NAMESPACE,
  ROOT_ELEMENT,
  type SkvfsExport,
  type SkvfsExportFailure,
  type SkvfsExportInput,
  type ZReference,
} from './skvfs/types.js';
import { type XmlNode, el, serialize } from './skvfs/xml.js';
import { identityNumber, registerSerial, serialNumber, textLeaf, time } from './skvfs/values.js';
import { eventElement } from './skvfs/events.js';

export {
  INSTANS_NAMESPACE,
  KOMPONENT_NAMESPACE,
  ROOT_ELEMENT,
  type SkvfsExport,
  type SkvfsExportFailure,
  type SkvfsExportInput,
  type SkvfsExportProblem,
  type SkvfsIdentity,
  type ZReference,
} from './skvfs/types.js';
export { escapeXmlText } from './skvfs/xml.js';
export {
  NO_PAYMENT,
  formatSkvfsAmount,
  formatSkvfsDateTime,
  formatSkvfsIdentityNumber,
  formatSkvfsRate,
} from './skvfs/formats.js';
export { PLACEHOLDER_IDENTITY_NUMBER } from './skvfs/values.js';

/** The signed-in user of an entry: `by`; for a sign-in or sign-out without one, the cashier. */
function userOf(entry: JournalEntry): string | undefined {
  if (entry.by !== undefined && entry.by.trim() !== '') return entry.by;
  if (entry.kind === 'sign-in' || entry.kind === 'sign-out') return entry.data.cashierId;
  return undefined;
}

function handelse(ctx: Context, entry: JournalEntry): XmlNode {
  const user = userOf(entry);
  return el('Handelse', [
    user === undefined ? null : textLeaf(ctx, entry.seq, 'InloggadAnvandare', user),
    textLeaf(ctx, entry.seq, 'Kassabeteckning', ctx.input.identity.registerId),
    time(ctx, entry.seq, 'Registreringstidpunkt', entry.at),
    eventElement(ctx, entry),
  ]);
}

function receiptsOf(entries: readonly JournalEntry[]): { entry: JournalEntry; receipt: Receipt }[] {
  const list: { entry: JournalEntry; receipt: Receipt }[] = [];
  for (const entry of entries) {
    switch (entry.kind) {
      case 'sale':
      case 'return':
      case 'copy':
      case 'training':
      case 'pro-forma':
        list.push({ entry, receipt: entry.data.receipt });
    }
  }
  return list;
}

/**
 * The control units of the period: each distinct serial on its receipts, in order of first use;
 * without receipts, the identity's. One `Kassaregistersystemet` is listed per control unit.
 */
function controlUnitsOf(input: SkvfsExportInput): string[] {
  const serials: string[] = [];
  for (const { receipt } of receiptsOf(input.entries)) {
    const serial = receipt.controlUnitSerial;
    if (serial !== null && !serials.includes(serial)) serials.push(serial);
  }
  if (serials.length === 0 && input.identity.controlUnitSerial !== null) {
    serials.push(input.identity.controlUnitSerial);
  }
  return serials;
}

function checkInput(input: SkvfsExportInput): void {
  const { from, to } = input.period;
  if (!isIsoInstant(from) || !isIsoInstant(to) || Date.parse(from) >= Date.parse(to)) {
    throw new RangeError(`period must be two ISO instants, from before to: ${from} – ${to}`);
  }
  if (!isIsoInstant(input.exportedAt)) {
    throw new RangeError(`exportedAt must be an ISO instant, got ${input.exportedAt}`);
  }
  let previous = 0;
  for (const entry of input.entries) {
    const at = Date.parse(entry.at);
    if (at < Date.parse(from) || at >= Date.parse(to)) {
      throw new RangeError(
        `entry ${entry.seq} (${entry.at}) is outside the period ${from} – ${to}`,
      );
    }
    if (entry.seq <= previous)
      throw new RangeError(`entries must be in journal order (seq ${entry.seq})`);
    previous = entry.seq;
  }
}

function buildContext(input: SkvfsExportInput): Context {
  const bySeq = new Map<number, JournalEntry>();
  for (const entry of input.earlierEntries ?? []) bySeq.set(entry.seq, entry);
  for (const entry of input.entries) bySeq.set(entry.seq, entry);
  const all = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const zReports: ZReference[] = [];
  for (const entry of input.entries) {
    if (entry.kind === 'z-report') {
      zReports.push({
        seq: entry.seq,
        zNumber: entry.data.report.zNumber,
        businessDay: entry.data.report.businessDay,
      });
    }
  }
  zReports.push(...(input.laterZReports ?? []));
  zReports.sort((a, b) => a.seq - b.seq);
  const itemTypes = new Map<string, 'good' | 'service'>();
  for (const { receipt } of receiptsOf(all)) {
    for (const line of receipt.lines) itemTypes.set(line.articleNumber, line.itemType);
  }
  return {
    input,
    zone: input.timeZone,
    exportDay: businessDayOf(Date.parse(input.exportedAt), input.timeZone),
    all,
    zReports,
    itemTypes,
    problems: [],
  };
}

/**
 * The SKVFS 2021:16 XML of the period's journal entries, as UTF-8 text with an XML declaration.
 * Refuses only an empty period; see journalToSkvfsExport for values the schema cannot hold.
 */
export function journalToSkvfsXml(input: SkvfsExportInput): Result<string, SkvfsExportFailure> {
  const result = journalToSkvfsExport(input);
  return result.ok ? ok(result.value.xml) : result;
}

/**
 * The export with the values it wrote other than journaled: whatever the journal holds exports
 * (SKVFS 2021:16 wants the journal's content, and a journal that cannot be exported would hide
 * it). A value the schema cannot hold — a control code or a unit serial of another length, an
 * empty text, a time outside 2010–2099, an unknown VAT rate or kind of entry, an amount out of
 * range, a reference to an entry the journal does not hold — is written in a form the schema
 * holds, announced by a comment beside it, and listed in `problems` for the caller to show
 * (docs/protocols/skvfs-2021-16-export.md "Avvikelser"). The file is always XSD-valid.
 */
export function journalToSkvfsExport(
  input: SkvfsExportInput,
): Result<SkvfsExport, SkvfsExportFailure> {
  checkInput(input);
  if (input.entries.length === 0) return fail('export-empty');
  const ctx = buildContext(input);
  const { identity } = input;
  // Without any control unit known the one system is still listed, its serial a deviation.
  const known: (string | null)[] = controlUnitsOf(input);
  const units = known.length === 0 ? [null] : known;
  const toMs = Date.parse(input.period.to) - 1; // the last instant inside the period
  const simulated = receiptsOf(input.entries).filter(({ receipt }) =>
    isSimulatedReceipt(receipt),
  ).length;
  const children: XmlNode[] = [
    // Receipts a simulated control unit signed are exported as journaled; the file says so.
    ...(simulated === 0
      ? []
      : [
          {
            comment: `OBS: ${simulated} kvitton i exporten är signerade av en simulerad kontrollenhet (tillverkningsnummer ${SIMULATED_SERIAL_PREFIX}…) – inte giltiga för redovisning. / ${simulated} receipts were signed by a simulated control unit: not valid for accounting.`,
          },
        ]),
    ...(input.exportedBy === null || input.exportedBy.trim() === ''
      ? []
      : [
          textLeaf(
            ctx,
            null,
            'InloggadAnvandareVidExportAvDataFranJournalminnet',
            input.exportedBy,
          ),
        ]),
    textLeaf(
      ctx,
      null,
      'BeteckningPaDetKassaregisterSomExportAvDataFranJournalminnetSkerIfran',
      identity.registerId,
    ),
    time(ctx, null, 'TidpunktForNarExportAvDataFranJournalminnetSker', input.exportedAt),
    el('ValdPeriodForExportAvDataFranJournalminne', [
      time(ctx, null, 'ValdStarttidpunktForExportAvDataFranJournalminnet', input.period.from),
      time(
        ctx,
        null,
        'ValdSluttidpunktForExportAvDataFranJournalminnet',
        new Date(toMs).toISOString(),
      ),
    ]),
    el('BeteckningPaValdaKassaregisterForExportAvDataFranJournalminnenLISTA', [
      textLeaf(
        ctx,
        null,
        'BeteckningPaValtKassaregisterForExportAvDataFranJournalminnet',
        identity.registerId,
      ),
    ]),
    el('InformationOmForetaget', [
      identityNumber(ctx, null, identity.organisationNumber),
      textLeaf(ctx, null, 'ForetagetsNamn', identity.companyName),
      textLeaf(ctx, null, 'DenAdressDarForsaljningSker', identity.placeOfSaleAddress),
    ]),
    el(
      'KassaregistersystemLISTA',
      units.map((unit) =>
        el('Kassaregistersystemet', [
          registerSerial(ctx, null, identity.registerSerialNumber),
          textLeaf(ctx, null, 'ModellbeteckningForKassaregistret', identity.modelDesignation),
          textLeaf(ctx, null, 'ModellEllerProgramForKassaregistret', identity.programName),
          textLeaf(ctx, null, 'VersionsnummerForKassaregistret', identity.programVersion),
          textLeaf(ctx, null, 'Kassabeteckning', identity.registerId),
          serialNumber(ctx, null, unit),
        ]),
      ),
    ),
    el(
      'RegistreringLISTA',
      input.entries.map((entry) => handelse(ctx, entry)),
    ),
  ];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<utrein:${ROOT_ELEMENT} xmlns:utrein="${INSTANS_NAMESPACE}" xmlns:utreko="${KOMPONENT_NAMESPACE}">`,
  ];
  for (const child of children) serialize(child, 1, out);
  out.push(`</utrein:${ROOT_ELEMENT}>`, '');
  return ok({ xml: out.join('\n'), problems: ctx.problems });
}
