/**
 * `kassa export-journal --from YYYY-MM-DD --to YYYY-MM-DD [--out file.xml]`: the journal of this
 * register for whole business days (Europe/Stockholm, both days included) as the standard export
 * of SKVFS 2021:16, written to a file (default `journal-<kassabeteckning>-<from>-<to>.xml` in the
 * working folder). Reads the journal read-only; the register may keep running meanwhile.
 * Mapping and decisions: docs/protocols/skvfs-2021-16-export.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type JournalEntry,
  SHOP_TIME_ZONE,
  businessDayBounds,
  isValidBusinessDay,
} from '@kassa/core';
import { MODEL_DESIGNATION } from '@kassa/contracts';
import {
  type SkvfsExportProblem,
  type SkvfsIdentity,
  type ZReference,
  journalToSkvfsExport,
} from '@kassa/documents';
import { formatFailure } from '../cli/cli-output.js';
import { FILES, readRegisterFile, writeFileAtomic } from '../folder/data-folder.js';
import { type Failure, type Outcome, describeError, failed, succeeded } from '../failure.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { JournalOpenError, openJournalStore } from '../selling/journal-store.js';
import { earlierReferences, latestReceiptFacts } from './export-reads.js';
import { readState } from '../folder/state.js';

const EXPORT_PROGRAM_NAME = 'Kassa';

export interface ExportJournalRequest {
  /** The data folder. */
  readonly folder: string;
  /** Business days 'YYYY-MM-DD', both included. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  /** The output file (relative to `cwd`); default journal-<registerId>-<from>-<to>.xml. */
  readonly out?: string | undefined;
  readonly cwd: string;
  /** Who runs the export (the computer account); null when unknown. */
  readonly exportedBy: string | null;
  /** The clock, in epoch milliseconds. */
  readonly now: () => number;
}

export interface ExportJournalResult {
  readonly file: string;
  readonly registerId: string;
  readonly entries: number;
  readonly from: string;
  readonly to: string;
  /**
   * Values the file holds other than journaled (a control code or control unit serial the schema
   * cannot hold, as an older register journaled it): exported all the same, listed here.
   */
  readonly problems: readonly SkvfsExportProblem[];
}

/** The text of an address as on the receipts: "street, postcode city". */
function placeAddress(place: { streetAddress: string; postalCode: string; city: string }): string {
  return [place.streetAddress, `${place.postalCode} ${place.city}`.trim()]
    .filter((p) => p.trim() !== '')
    .join(', ');
}

/** Exports the journal of the business days `from`–`to` to a file. */
export async function exportJournal(
  request: ExportJournalRequest,
): Promise<Outcome<ExportJournalResult>> {
  const { from, to } = request;
  if (from === undefined || to === undefined) return failed('export-period-required');
  for (const day of [from, to]) {
    if (!isValidBusinessDay(day)) return failed('export-date-invalid', { value: day });
  }
  if (from > to) return failed('export-period-reversed', { from, to });

  const register = await readRegisterFile(request.folder);
  if (!register.ok) return register;
  if (register.value === null) return failed('not-connected');
  const journalFile = path.join(request.folder, FILES.journal);
  if (!existsSync(journalFile)) return failed('export-journal-missing', { file: journalFile });
  const state = await readState(request.folder, register.value.bindingId);

  const period = {
    from: new Date(businessDayBounds(from, SHOP_TIME_ZONE).startMs).toISOString(),
    to: new Date(businessDayBounds(to, SHOP_TIME_ZONE).endMs).toISOString(),
  };
  let store;
  try {
    store = openJournalStore(journalFile, { readonly: true });
  } catch (error) {
    if (error instanceof JournalOpenError) {
      if (error.code === 'journal-schema-newer') {
        return failed('journal-schema-newer', {
          file: journalFile,
          ...error.versions,
          programVersion: PROGRAM_VERSION,
        });
      }
      return error.code === 'journal-damaged'
        ? failed('journal-damaged', { file: journalFile, detail: error.detail })
        : failed('export-journal-unreadable', { file: journalFile, reason: error.detail });
    }
    throw error;
  }
  let entries: JournalEntry[];
  let earlierEntries: JournalEntry[];
  let laterZEntries: JournalEntry[];
  let latest: ReturnType<typeof latestReceiptFacts>;
  try {
    const inPeriod = (e: JournalEntry): boolean =>
      Date.parse(e.at) >= Date.parse(period.from) && Date.parse(e.at) < Date.parse(period.to);
    // The period by the `at` index; what it refers to before it, and the Z-reports after it,
    // by the other indexes: never the whole journal (export-reads.ts).
    entries = store.entries(period).filter(inPeriod);
    earlierEntries =
      entries.length === 0 ? [] : earlierReferences(store, entries, entries[0]?.seq ?? 0);
    laterZEntries = store.entriesOfKind('z-report', { from: period.to });
    latest = latestReceiptFacts(store);
  } finally {
    store.close();
  }
  if (entries.length === 0) return failed('export-period-empty', { from, to });

  const receipt = latest.receipt;
  const registerId = state.terminal?.registerId ?? register.value.terminal.registerId;
  const organisationNumber =
    state.environment?.organisationNumber ?? receipt?.organisationNumber ?? '';
  const placeOfSaleAddress =
    state.terminal !== null
      ? placeAddress(state.terminal.placeOfBusiness)
      : (receipt?.placeOfSaleAddress ?? '');
  if (organisationNumber.trim() === '' || placeOfSaleAddress.trim() === '') {
    return failed('export-identity-unknown');
  }
  const identity: SkvfsIdentity = {
    companyName: state.environment?.companyName ?? register.value.environment.companyName,
    organisationNumber,
    placeOfSaleAddress,
    registerId,
    registerSerialNumber: state.terminal?.serialNumber ?? register.value.terminal.serialNumber,
    controlUnitSerial: latest.controlUnitSerial,
    programName: EXPORT_PROGRAM_NAME,
    programVersion: PROGRAM_VERSION,
    modelDesignation: MODEL_DESIGNATION,
  };
  const laterZReports: ZReference[] = laterZEntries.flatMap((e) =>
    e.kind === 'z-report'
      ? [{ seq: e.seq, zNumber: e.data.report.zNumber, businessDay: e.data.report.businessDay }]
      : [],
  );
  const result = journalToSkvfsExport({
    entries,
    identity,
    period,
    exportedAt: new Date(request.now()).toISOString(),
    exportedBy: request.exportedBy,
    timeZone: SHOP_TIME_ZONE,
    earlierEntries,
    laterZReports,
  });
  if (!result.ok) return failed('export-period-empty', { from, to });

  const file = path.resolve(request.cwd, request.out ?? `journal-${registerId}-${from}-${to}.xml`);
  try {
    await writeFileAtomic(file, result.value.xml);
  } catch (error) {
    return failed('export-write-failed', { file, reason: describeError(error) });
  }
  return succeeded({
    file,
    registerId,
    entries: entries.length,
    from,
    to,
    problems: result.value.problems,
  });
}

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
} as const;

/** The command: parses the flags, exports, prints the outcome; resolves with the exit code. */
export async function runExportJournal(
  args: string[],
  io: {
    out(line: string): void;
    err(line: string): void;
    env: NodeJS.ProcessEnv;
    cwd: string;
  },
  folder: string,
  now: () => number = Date.now,
): Promise<number> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true });
  const outcome = await exportJournal({
    folder,
    from: values.from,
    to: values.to,
    out: values.out,
    cwd: io.cwd,
    exportedBy: io.env.USERNAME ?? io.env.USER ?? null,
    now,
  });
  if (!outcome.ok) {
    printFailure(io, outcome.failure);
    return 1;
  }
  const r = outcome.value;
  io.out(
    `Journalen för kassa ${r.registerId}, ${r.from} – ${r.to} (${r.entries} händelser), är exporterad enligt SKVFS 2021:16 till:`,
  );
  io.out(`  ${r.file}`);
  io.out(`(The journal of register ${r.registerId} was exported to ${r.file}.)`);
  if (r.problems.length > 0) {
    io.out(
      `Avvikelser: ${r.problems.length} värden i journalen ryms inte i exportformatet och är skrivna som schemat tillåter (se kommentarerna AVVIKELSE i filen):`,
    );
    for (const p of r.problems) {
      const where = p.seq === null ? 'exportens huvud' : `händelse ${p.seq}`;
      io.out(`  ${where}: ${p.element} = "${p.value}" (${p.reason}), skrivet som "${p.written}"`);
    }
    io.out(
      `(Deviations: ${r.problems.length} journaled values do not fit the export format; written as the schema allows, each marked in the file.)`,
    );
  }
  return 0;
}

function printFailure(io: { err(line: string): void }, f: Failure): void {
  for (const line of formatFailure(f)) io.err(line);
}
