/**
 * The upload mark: how far the server has acknowledged this register's journal. It lives in the
 * journal file's working state (key `upload`), so it travels with the journal it describes and
 * is read by `kassa status` and by archiving from the same file. The journal table itself is
 * never touched. A refusal that stopped uploading is kept beside the mark, so `kassa status` (a
 * separate process) shows it too.
 */
import { existsSync } from 'node:fs';
import { describeError, failed, succeeded, type Outcome } from '../failure.js';
import { openJournalStore, type JournalStore } from '../selling/journal-store.js';

/** The working-state key of the mark. */
export const UPLOAD_KEY = 'upload';

export interface UploadProblem {
  readonly code: string;
  readonly sv: string;
  readonly en: string;
}

export interface UploadMark {
  /** The server's acknowledged high-water mark: every entry up to it is on the server. */
  readonly acknowledgedSeq: number;
  readonly acknowledgedHash: string | null;
  /** When the server last acknowledged an upload. */
  readonly lastUploadAt: string | null;
  /** Why uploading stopped, until an upload succeeds again. */
  readonly problem: (UploadProblem & { readonly at: string }) | null;
}

export const EMPTY_MARK: UploadMark = {
  acknowledgedSeq: 0,
  acknowledgedHash: null,
  lastUploadAt: null,
  problem: null,
};

/** The mark stored in the journal, or null when there is none (never uploaded, or lost). */
export function readMark(store: JournalStore): UploadMark | null {
  const stored = store.working<Partial<UploadMark>>(UPLOAD_KEY);
  if (stored === undefined || typeof stored !== 'object' || stored === null) return null;
  const seq = stored.acknowledgedSeq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) return null;
  return {
    acknowledgedSeq: seq,
    acknowledgedHash: typeof stored.acknowledgedHash === 'string' ? stored.acknowledgedHash : null,
    lastUploadAt: typeof stored.lastUploadAt === 'string' ? stored.lastUploadAt : null,
    problem: stored.problem ?? null,
  };
}

export function writeMark(store: JournalStore, mark: UploadMark): void {
  store.changeWorking([{ op: 'put', key: UPLOAD_KEY, value: mark }]);
}

/** What is waiting to be uploaded, read from the journal and its mark. */
export interface UploadBacklog {
  pending: number;
  oldestPendingAt: string | null;
  acknowledgedSeq: number;
  lastUploadAt: string | null;
  problem: UploadProblem | null;
}

export function backlogOf(store: JournalStore): UploadBacklog {
  const mark = readMark(store) ?? EMPTY_MARK;
  const head = store.head()?.seq ?? 0;
  // seq is gapless from 1, so the count is a difference (no scan of the backlog).
  const pending = Math.max(0, head - mark.acknowledgedSeq);
  const oldest =
    pending > 0 ? store.entries({ afterSeq: mark.acknowledgedSeq, limit: 1 })[0] : undefined;
  const problem =
    mark.problem === null
      ? null
      : {
          code: mark.problem.code,
          sv: mark.problem.sv,
          en: mark.problem.en,
        };
  return {
    pending,
    oldestPendingAt: oldest?.at ?? null,
    acknowledgedSeq: mark.acknowledgedSeq,
    lastUploadAt: mark.lastUploadAt,
    problem,
  };
}

/**
 * The backlog of the journal file, opened read-only (the register may be running: SQLite WAL
 * lets both read): null when there is no journal; a failure when it cannot be read or its chain
 * is broken.
 */
export function readUploadBacklog(file: string): Outcome<UploadBacklog | null> {
  if (!existsSync(file)) return succeeded(null);
  let store: JournalStore;
  try {
    store = openJournalStore(file, { readonly: true });
  } catch (error) {
    return failed('upload-journal-unreadable', { file, reason: describeError(error) });
  }
  try {
    return succeeded(backlogOf(store));
  } catch (error) {
    return failed('upload-journal-unreadable', { file, reason: describeError(error) });
  } finally {
    store.close();
  }
}
