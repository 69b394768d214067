/**
 * What an SKVFS 2021:16 export takes and gives (skvfs-xml.ts), and the context the element
 * builders share while one export is written.
 */
import type { BusinessDay, JournalEntry, Failure } from '@kassa/core';

export const INSTANS_NAMESPACE =
  'http://xmls.skatteverket.se/se/skatteverket/td/instans/utredningsstod/1.0';
export const KOMPONENT_NAMESPACE =
  'http://xmls.skatteverket.se/se/skatteverket/td/komponent/utredningsstod/1.0';
export const ROOT_ELEMENT = 'ExportAvDataFranJournalminneEnligtSKVFS2021-16';

/** Who and what the export is about. */
export interface SkvfsIdentity {
  readonly companyName: string;
  /** 'NNNNNN-NNNN' (organisationsnummer or personnummer without century). */
  readonly organisationNumber: string;
  readonly placeOfSaleAddress: string;
  /** Kassabeteckning. */
  readonly registerId: string;
  /** The register's tillverkningsnummer (the terminal's serial number). */
  readonly registerSerialNumber: string;
  /** The control unit's tillverkningsnummer when no receipt of the period names one. */
  readonly controlUnitSerial: string | null;
  readonly programName: string;
  readonly programVersion: string;
  readonly modelDesignation: string;
}

/** A Z-dagrapport journaled after the period: which number closed which business day. */
export interface ZReference {
  readonly seq: number;
  readonly zNumber: number;
  readonly businessDay: BusinessDay;
}

export interface SkvfsExportInput {
  /** The entries of the period, in journal order (seq ascending). */
  readonly entries: readonly JournalEntry[];
  readonly identity: SkvfsIdentity;
  /** ISO instants; `from` inclusive, `to` exclusive (as the journal store reads them). */
  readonly period: { readonly from: string; readonly to: string };
  /** ISO instant, from the caller's clock. */
  readonly exportedAt: string;
  /** Who runs the export (InloggadAnvandareVidExportAvDataFranJournalminnet); null: unknown. */
  readonly exportedBy: string | null;
  /** The shop's zone: 'Europe/Stockholm'. */
  readonly timeZone: string;
  /**
   * Entries before the period that entries of the period refer to, never exported themselves:
   * the `line-added` of a line changed or removed in the period, the original of a copy, the
   * last `register-started` (the program version of a Z).
   */
  readonly earlierEntries?: readonly JournalEntry[];
  /** Z-dagrapporter journaled after the period (the Z number of a receipt of the period). */
  readonly laterZReports?: readonly ZReference[];
}

/**
 * Why no export could be made: only an empty period (the schema needs at least one `Handelse`).
 * Whatever a journal holds exports; what the schema cannot hold is a deviation (SkvfsExportProblem).
 */
export type SkvfsExportFailure = Failure<'export-empty'>;

/**
 * A value in the journal that the schema cannot hold as it is, exported anyway: SKVFS 2021:16
 * wants the journal's content exported, and a journal an export cannot be made of would hide it
 * (docs/protocols/skvfs-2021-16-export.md, "Avvikelser"). `written` is what the file holds in its
 * place; an XML comment beside the element says the same in the file itself.
 */
export interface SkvfsExportProblem {
  /** The journal entry (null: the export's head). */
  readonly seq: number | null;
  readonly element: string;
  /** The value as journaled. */
  readonly value: string;
  /** What is wrong with it (Swedish / English). */
  readonly reason: string;
  /** What the file holds instead. */
  readonly written: string;
}

/** The XML of an export and the values it could not write as journaled. */
export interface SkvfsExport {
  readonly xml: string;
  readonly problems: readonly SkvfsExportProblem[];
}

export interface Context {
  readonly input: SkvfsExportInput;
  readonly zone: string;
  readonly exportDay: BusinessDay;
  /** earlierEntries + entries, by seq ascending. */
  readonly all: readonly JournalEntry[];
  readonly zReports: readonly ZReference[];
  /** Item type per article number, as sold on receipts in the export. */
  readonly itemTypes: ReadonlyMap<string, 'good' | 'service'>;
  /** The values written other than journaled, in the order the file holds them. */
  readonly problems: SkvfsExportProblem[];
}
