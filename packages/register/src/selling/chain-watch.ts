/**
 * The whole chain of a journal opened from its checkpoint, verified in the background after
 * `kassa start` opened it (docs/adr/0012-journal-checkpoint-and-state.md): slice by slice between
 * requests, so a sale never waits for it. A broken entry found there stops selling the way a
 * broken chain at open does (journal-damaged).
 */
import type { JournalStore } from './journal-store.js';

/** Verifies `store`'s whole chain unless it was verified whole at open; calls `onDamage`. */
export async function watchJournalChain(
  store: JournalStore,
  onDamage: (detail: string) => void,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  if (store.openCheck.verified === 'whole') return;
  let reported = 0;
  const result = await store.verifyChain({
    onProgress(done, total) {
      // About every tenth of the way, in the service's log.
      if (done === total || done - reported >= total / 10) {
        reported = done;
        log(`journal chain verified: ${done} of ${total} entries`);
      }
    },
  });
  if (!result.ok && result.reason !== 'closed') onDamage(`entry ${result.seq}: ${result.reason}`);
}
