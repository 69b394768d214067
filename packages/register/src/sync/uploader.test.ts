import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendEntry, type JournalEntry } from '@kassa/core';
import { MAX_UPLOAD_BATCH } from '@kassa/contracts';
import { toUploadedEntry } from './journal-client.js';
import { DEFAULT_UPLOAD_TIMING, fitBatch } from './uploader.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function journal(count: number, reasonLength: number): JournalEntry[] {
  const out: JournalEntry[] = [];
  let last: JournalEntry | null = null;
  for (let i = 0; i < count; i++) {
    last = appendEntry(
      last,
      { kind: 'drawer-opened', data: { reason: 'å'.repeat(reasonLength) } },
      '2026-11-25T09:00:00.000Z',
      sha256,
    );
    out.push(last);
  }
  return out;
}

describe('fitBatch', () => {
  it('keeps the entries whose JSON fits in the byte limit (UTF-8), in order', () => {
    const entries = journal(10, 1000);
    const one = Buffer.byteLength(JSON.stringify(toUploadedEntry(entries[0]!)), 'utf8') + 1;
    expect(one).toBeGreaterThan(2000); // å is two bytes in UTF-8
    expect(fitBatch(entries, one * 3).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(fitBatch(entries, one * 3 - 1).map((e) => e.seq)).toEqual([1, 2]);
    expect(fitBatch(entries, 1_000_000)).toHaveLength(10);
  });

  it('always sends at least one entry, even one larger than the limit', () => {
    expect(fitBatch(journal(3, 5000), 100).map((e) => e.seq)).toEqual([1]);
    expect(fitBatch([], 100)).toEqual([]);
  });

  it('defaults to the protocol batch of 500 under the server body limit of 8 MiB', () => {
    expect(DEFAULT_UPLOAD_TIMING.batchSize).toBe(MAX_UPLOAD_BATCH);
    expect(DEFAULT_UPLOAD_TIMING.maxBatchBytes).toBeLessThan(8 * 1024 * 1024);
    expect(DEFAULT_UPLOAD_TIMING.backoff.capMs).toBe(5 * 60_000);
  });
});
