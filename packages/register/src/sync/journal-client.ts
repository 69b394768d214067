/**
 * The journal upload requests of register-protocol.md, signed with the device key:
 * POST /api/register/journal (a batch of entries in seq order; the answer is the server's
 * acknowledged high-water mark) and GET /api/register/journal/head.
 */
import type { JournalEntry } from '@kassa/core';
import { journalHeadSchema, type JournalHeadAnswer, type UploadedEntry } from '@kassa/contracts';
import {
  signedRequest,
  type DeviceIdentity,
  type SignedRequestOptions,
} from '../device/device-client.js';
import type { Outcome } from '../failure.js';
import { interpret } from '../net/server-api.js';

/** An entry exactly as the journal holds it, in the upload's shape. */
export function toUploadedEntry(entry: JournalEntry): UploadedEntry {
  return {
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    ...(entry.by === undefined ? {} : { by: entry.by }),
    data: entry.data,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export async function uploadJournal(
  identity: DeviceIdentity,
  entries: readonly JournalEntry[],
  options: SignedRequestOptions & { localHeadSeq?: number } = {},
): Promise<Outcome<JournalHeadAnswer>> {
  const body = {
    entries: entries.map(toUploadedEntry),
    ...(options.localHeadSeq === undefined ? {} : { localHeadSeq: options.localHeadSeq }),
  };
  const sent = await signedRequest(identity, 'POST', '/api/register/journal', body, options);
  if (!sent.ok) return sent;
  return interpret(sent.value, journalHeadSchema);
}

export async function fetchJournalHead(
  identity: DeviceIdentity,
  options: SignedRequestOptions & { restore?: boolean } = {},
): Promise<Outcome<JournalHeadAnswer>> {
  const sent = await signedRequest(
    identity,
    'GET',
    // restore=1: about to restore from the server's copy (the server flags lost entries).
    options.restore === true
      ? '/api/register/journal/head?restore=1'
      : '/api/register/journal/head',
    undefined,
    options,
  );
  if (!sent.ok) return sent;
  return interpret(sent.value, journalHeadSchema);
}
