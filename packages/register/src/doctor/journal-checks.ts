/**
 * `kassa doctor`'s checks of the journal file: its anchors (what the server acknowledged) and its
 * hash chain.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FILES } from '../folder/data-folder.js';
import type { DeviceIdentity } from '../device/device-client.js';
import { failure } from '../failure.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { JournalOpenError, type JournalStore, openJournalStore } from '../selling/journal-store.js';
import {
  anchorFailure,
  checkAnchorsOfFile,
  journalHashAt,
  journalReportOfFile,
} from '../sync/anchors.js';
import { fetchJournalHead } from '../sync/journal-client.js';
import type { DoctorLine, DoctorOptions } from './doctor-line.js';

const RESTORE_FIX =
  'Stäng kassan och kör kassa restore-journal --reason "…" (journalfilen sparas undan och serverns kopia hämtas); kontakta supporten.';

/**
 * The journal against its anchors (sync/anchors.ts, docs/adr/0011-journal-anchors.md): the head
 * the server acknowledged last as stored in the journal file, and, when the server answers, the
 * server's head itself (the stored anchor can be rewritten together with the journal).
 */
export async function checkJournalAnchors(
  folder: string,
  identity: DeviceIdentity | null,
): Promise<DoctorLine> {
  const check = 'Journalens ankare';
  const file = path.join(folder, FILES.journal);
  const local = checkAnchorsOfFile(file);
  if (local !== null) {
    const f = anchorFailure(local);
    return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
  }
  if (identity === null) {
    return {
      check,
      ok: true,
      text: 'stämmer med det servern senast kvitterade (servern ej frågad)',
    };
  }
  const head = await fetchJournalHead(identity, { timeoutMs: 10_000 });
  if (!head.ok) return { check, ok: null, text: `servern ej frågad: ${head.failure.sv}` };
  const report = journalReportOfFile(file);
  const serverSeq = head.value.acknowledgedSeq;
  const localSeq = report?.headSeq ?? 0;
  if (serverSeq > localSeq) {
    const f = failure('upload-server-ahead', { serverSeq, localSeq });
    return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
  }
  if (serverSeq > 0) {
    const hash = journalHashAt(file, serverSeq);
    if (hash !== head.value.acknowledgedHash) {
      const f = failure('upload-server-differs', { seq: serverSeq });
      return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
    }
  }
  return {
    check,
    ok: true,
    text: `stämmer med serverns kopia (post ${serverSeq} av ${localSeq})`,
  };
}

/**
 * The journal's hash chain (docs/adr/0012-journal-checkpoint-and-state.md): as opening checks it
 * (the keyed checkpoint and the entries after it, or the whole chain of a small journal), and with
 * `full` every entry from the first, reporting progress. Null when there is no journal yet.
 */
export async function checkJournalChain(
  folder: string,
  options: DoctorOptions = {},
): Promise<DoctorLine | null> {
  const check = 'Journalens kedja';
  const file = path.join(folder, FILES.journal);
  if (!existsSync(file)) return null;
  const broken = (detail: string): DoctorLine => {
    const f = failure('journal-damaged', { file: FILES.journal, detail });
    return { check, ok: false, code: f.code, text: f.sv, en: f.en, fix: RESTORE_FIX };
  };
  let store: JournalStore;
  try {
    store = openJournalStore(file, { readonly: true });
  } catch (error) {
    if (error instanceof JournalOpenError && error.code === 'journal-damaged') {
      return broken(error.detail);
    }
    if (error instanceof JournalOpenError && error.code === 'journal-schema-newer') {
      const f = failure('journal-schema-newer', {
        file: FILES.journal,
        ...error.versions,
        programVersion: PROGRAM_VERSION,
      });
      return { check, ok: false, code: f.code, text: f.sv, en: f.en };
    }
    return { check, ok: null, text: `kunde inte läsas: ${(error as Error).message}` };
  }
  try {
    const opened = store.openCheck;
    const head = store.head()?.seq ?? 0;
    if (options.full !== true) {
      return {
        check,
        ok: true,
        text:
          opened.verified === 'whole'
            ? `hel (${head} poster kontrollerade)`
            : `stämmer från kontrollpunkten (${opened.entriesVerified} poster kontrollerade av ${head}; hela kedjan: kassa doctor --full)`,
      };
    }
    let shown = 0;
    const result = await store.verifyChain({
      sliceSize: 5_000,
      onProgress(done, total) {
        if (done === total || done - shown >= Math.max(total / 20, 50_000)) {
          shown = done;
          options.progress?.(`Journalens kedja: ${done} av ${total} poster kontrollerade`);
        }
      },
    });
    if (!result.ok) return broken(`entry ${result.seq}: ${result.reason}`);
    return { check, ok: true, text: `hel (alla ${result.entries} poster kontrollerade)` };
  } finally {
    store.close();
  }
}
