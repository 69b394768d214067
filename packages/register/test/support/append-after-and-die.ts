/**
 * Appends one entry with its fsync left for after the commit (`durable: 'after'`), then kills
 * its own process at once, before that fsync can start (pay-commits.test.ts).
 */
import { openJournalStore } from '../../src/selling/journal-store.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: append-after-and-die.ts <journal.sqlite>');
const store = openJournalStore(file, { checkpointKey: null });
store.append(
  [{ event: { kind: 'drawer-opened', data: { reason: 'before' } }, by: 'kalle' }],
  '2026-11-25T10:00:00.000Z',
);
store.append(
  [{ event: { kind: 'drawer-opened', data: { reason: 'after' } }, by: 'kalle' }],
  '2026-11-25T10:00:01.000Z',
  [{ op: 'put', key: 'printout:sale:1', value: { at: '2026-11-25T10:00:01.000Z' } }],
  'after',
);
process.kill(process.pid, 'SIGKILL');
