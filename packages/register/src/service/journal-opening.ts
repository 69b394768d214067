/**
 * Opening the journal of a connected register for selling (local-service.ts, the `opening`
 * phase of lifecycle.ts): an empty journal first continues the terminal's journal on the server,
 * the journal is checked against its anchors, then the selling runtime opens it and journals the
 * start. The outcome is the lifecycle's next step; nothing here keeps state.
 */
import path from 'node:path';
import { FILES } from '../folder/data-folder.js';
import { failure as makeFailure, type Failure } from '../failure.js';
import type { Installation } from '../connect/installation.js';
import { PROGRAM_VERSION } from '../program/program.js';
import { JournalOpenError } from '../selling/journal-store.js';
import { SellingRuntime } from '../selling/runtime.js';
import type { RegisterState } from '../folder/state.js';
import { anchorFailure, checkAnchorsOfFile } from '../sync/anchors.js';
import { restoreJournalFromServer } from '../sync/journal-restore.js';

export type JournalOpening =
  /** The server's copy could not be fetched: tried again with the next sync. */
  | { readonly kind: 'restore-failed'; readonly problem: Failure }
  /** The journal does not match its anchors, or could not be opened. */
  | { readonly kind: 'refused'; readonly problem: Failure }
  | { readonly kind: 'opened'; readonly runtime: SellingRuntime };

export interface JournalOpeningInput {
  readonly folder: string;
  readonly installation: Installation;
  /** The server's last word, read again on every call (SellingRuntimeOptions.state). */
  readonly state: () => RegisterState | null;
  readonly clock?: (() => number) | undefined;
  readonly monotonic?: (() => number) | undefined;
  readonly log: (level: 'info' | 'warn', message: string, detail?: unknown) => void;
}

/** Why SellingRuntime.open (or the journaled start) failed, as the local API's failure. */
function openFailureOf(error: unknown): Failure {
  if (error instanceof JournalOpenError && error.code === 'journal-schema-newer') {
    return {
      ...makeFailure('journal-schema-newer', {
        file: FILES.journal,
        ...error.versions,
        programVersion: PROGRAM_VERSION,
      }),
      status: 500,
    };
  }
  if (error instanceof JournalOpenError) {
    return {
      ...makeFailure('journal-damaged', { file: FILES.journal, detail: error.detail }),
      status: 500,
    };
  }
  return { ...makeFailure('register-not-ready', { reason: String(error) }), status: 500 };
}

export async function openJournal(input: JournalOpeningInput): Promise<JournalOpening> {
  const { folder, installation, log } = input;
  const file = path.join(folder, FILES.journal);
  // An empty journal first continues the terminal's journal on the server (a new PC): never
  // a second receipt series. Without the server's answer the register does not sell.
  const restored = await restoreJournalFromServer({
    file,
    identity: installation.identity,
    now: input.clock ?? Date.now,
  });
  if (!restored.ok) {
    log('warn', `journal not restored: ${restored.failure.code}`, restored.failure);
    return { kind: 'restore-failed', problem: { ...restored.failure, status: 503 } };
  }
  if (restored.value.restored > 0) {
    log('info', `journal restored from the server: ${restored.value.restored} entries`);
  }
  // A journal shorter than what the server acknowledged, or with another hash there, is cut
  // or rewritten: no selling on it (sync/anchors.ts, docs/adr/0011-journal-anchors.md).
  const mismatch = checkAnchorsOfFile(file);
  if (mismatch !== null) {
    log('warn', `journal does not match its anchor: ${mismatch.reason} at ${mismatch.seq}`);
    return { kind: 'refused', problem: { ...anchorFailure(mismatch), status: 409 } };
  }
  let runtime: SellingRuntime | null = null;
  try {
    runtime = await SellingRuntime.open({
      folder,
      installation,
      state: input.state,
      ...(input.clock ? { clock: input.clock } : {}),
      ...(input.monotonic
        ? { monotonic: input.monotonic }
        : input.clock
          ? {}
          : { monotonic: () => performance.now() }),
    });
    await runtime.recordStart();
    return { kind: 'opened', runtime };
  } catch (error) {
    await runtime?.close().catch(() => undefined); // opened, but its start was not journaled
    return { kind: 'refused', problem: openFailureOf(error) };
  }
}
