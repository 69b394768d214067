/**
 * Appends random days to a journal until killed (journal-state.test.ts kills it with SIGKILL in
 * the middle of a transaction): prints "day N" after each day.
 */
import { addDays } from '@kassa/core';
import { openJournalStore } from '../../src/selling/journal-store.js';
import { appendRandomDays, seeded } from './random-journal.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: append-forever.ts <journal.sqlite>');
const store = openJournalStore(file);
const random = seeded(77);
for (let day = 0; ; day += 1) {
  appendRandomDays(store, random, {
    firstDay: addDays('2026-05-01', day),
    days: 1,
    salesPerDay: 40,
  });
  process.stdout.write(`day ${day}\n`);
}
