/**
 * `kassa restore-journal --reason "…"`: replaces this register's journal with the terminal's
 * journal as the server holds it, for a journal that is behind the server's copy or does not
 * match its anchors (docs/adr/0011-journal-anchors.md). The register must be stopped.
 *
 * Nothing is deleted: the current journal file (with its -wal/-shm) is moved to
 * `journal-replaced/<time>/` in the data folder with a note of why and by whom (a journal is kept
 * for seven years, SFL 39 kap; the file may be evidence). Then the server's copy is fetched and
 * verified as on a new PC (sync/journal-restore.ts): receipt numbers reported beyond it are
 * skipped and journaled, so no number repeats.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatFailure } from '../cli/cli-output.js';
import { FILES } from '../folder/data-folder.js';
import { describeError, failure, type Failure } from '../failure.js';
import { pcName } from '../device/hardware.js';
import { loadInstallation } from '../connect/installation.js';
import { checkAnchorsOfFile } from '../sync/anchors.js';
import { JOURNAL_ORIGIN_KEY, restoreJournalFromServer } from '../sync/journal-restore.js';
import { openJournalStore } from '../selling/journal-store.js';

/** The folder (inside the data folder) where replaced journals are kept. */
const REPLACED_FOLDER = 'journal-replaced';

interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

function fail(io: Io, f: Failure): number {
  for (const line of formatFailure(f)) io.err(line);
  return 1;
}

export async function runRestoreJournal(
  args: string[],
  io: Io,
  folder: string,
  now: () => Date = () => new Date(),
): Promise<number> {
  const { values } = parseArgs({ args, options: { reason: { type: 'string' } }, strict: true });
  const reason = values.reason?.trim() ?? '';
  if (reason === '') return fail(io, failure('journal-restore-reason-required'));
  const loaded = await loadInstallation(folder);
  if (!loaded.ok) return fail(io, loaded.failure);
  if (loaded.value === null) return fail(io, failure('not-connected'));
  const installation = loaded.value;
  const file = path.join(folder, FILES.journal);

  let keptIn: string | null = null;
  if (existsSync(file)) {
    const at = now();
    const mismatch = checkAnchorsOfFile(file);
    keptIn = path.join(folder, REPLACED_FOLDER, at.toISOString().replace(/[:.]/g, '-'));
    try {
      await mkdir(keptIn, { recursive: true, mode: 0o700 });
      for (const suffix of ['', '-wal', '-shm']) {
        const from = `${file}${suffix}`;
        if (existsSync(from)) await rename(from, path.join(keptIn, `${FILES.journal}${suffix}`));
      }
      await writeFile(
        path.join(keptIn, 'ERSATT.txt'),
        [
          'Journalen ersattes med serverns kopia (kassa restore-journal).',
          'The journal was replaced with the server’s copy (kassa restore-journal).',
          `Tid / time: ${at.toISOString()}`,
          `Dator / PC: ${pcName(io.env)}`,
          `Terminal: ${installation.register.terminal.registerId}`,
          `Anledning / reason: ${reason}`,
          `Ankare / anchor: ${mismatch === null ? 'stämde / matched' : `${mismatch.reason} @ ${mismatch.seq} (lokal / local ${mismatch.localSeq})`}`,
          '',
        ].join('\n'),
        'utf8',
      );
    } catch (error) {
      return fail(
        io,
        failure('data-folder-unwritable', { folder: keptIn, reason: describeError(error) }),
      );
    }
  }

  const restored = await restoreJournalFromServer({
    file,
    identity: installation.identity,
    now: () => now().getTime(),
  });
  if (keptIn !== null) io.out(`Den tidigare journalen sparades i ${keptIn} (inget raderades).`);
  if (!restored.ok) return fail(io, restored.failure);
  const store = openJournalStore(file, { readonly: true });
  let skipped: readonly [number, number] | null = null;
  try {
    const origin = store.working<{ skippedReceiptNumbers?: [number, number] | null }>(
      JOURNAL_ORIGIN_KEY,
    );
    skipped = origin?.skippedReceiptNumbers ?? null;
  } finally {
    store.close();
  }
  io.out(
    `Journalen hämtades från servern: ${restored.value.restored} poster. / The journal was fetched from the server: ${restored.value.restored} entries.`,
  );
  if (skipped !== null) {
    io.out(
      `Kvittonummer ${skipped[0]}–${skipped[1]} utfärdades på en journal som gått förlorad; de hoppas över (journalfört) och används aldrig igen.`,
    );
  }
  io.out('Starta kassan igen med kassa start.');
  return 0;
}
