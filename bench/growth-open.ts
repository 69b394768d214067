/**
 * Opens a journal file as `kassa start` does, in a fresh process (growth.ts): prints the open
 * time and RSS, then verifies the whole chain (what runs in the background) and prints its time
 * and the RSS after it, as JSON on stdout.
 */
import { openJournalStore } from '@kassa/register';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: growth-open.ts <journal.sqlite>');
let start = performance.now();
const store = openJournalStore(file);
const openMs = performance.now() - start;
const rssOpen = process.memoryUsage().rss;
start = performance.now();
const verified = await store.verifyChain({ pause: () => Promise.resolve() });
const verifyMs = performance.now() - start;
const rssVerify = process.memoryUsage().rss;
store.close();
if (!verified.ok) throw new Error(`chain broken at ${verified.seq}: ${verified.reason}`);
process.stdout.write(
  JSON.stringify({ openMs, verifyMs, rssOpen, rssVerify, check: store.openCheck }),
);
