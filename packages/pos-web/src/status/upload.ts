// The journal upload as the status bar shows it: how many entries wait, how old the oldest is
// (its time today, its date before today; Swedish time), a colour by age, and the progress of a
// long backlog draining between two polls. Pure: "now" is passed in.

import type { LocalStatus, LocalUploadStatus } from '@kassa/contracts';

const hourMs = 60 * 60_000;
const dayMs = 24 * hourMs;

/** How often the status is asked for normally, and while a backlog drains (visible progress). */
export const normalPollMs = 5_000;
export const drainingPollMs = 2_000;

/** info: a fresh backlog (normal between uploads); warning: older than an hour; bad: a day. */
export type BacklogTone = 'info' | 'warning' | 'bad';

/** When the oldest waiting entry was made: its time when that is today, otherwise its date. */
export type BacklogAge = { kind: 'time'; text: string } | { kind: 'date'; text: string };

export type UploadView =
  | { state: 'done' }
  | { state: 'pending'; count: number; age: BacklogAge | null; tone: BacklogTone }
  /** Uploading stopped (the register's `problem`); `count` entries wait. */
  | { state: 'stopped'; count: number; age: BacklogAge | null };

const stockholmDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const stockholmTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
});

/** `14:03` when the entry is from today (Europe/Stockholm), else `2026-11-20`; null if unreadable. */
export function backlogAge(oldestIso: string | null, now: number): BacklogAge | null {
  if (oldestIso === null) return null;
  const at = Date.parse(oldestIso);
  if (Number.isNaN(at)) return null;
  const day = stockholmDay.format(at);
  return day === stockholmDay.format(now)
    ? { kind: 'time', text: stockholmTime.format(at) }
    : { kind: 'date', text: day };
}

/** Amber when the oldest waiting entry is older than an hour, red when older than a day. */
export function backlogTone(oldestIso: string | null, now: number): BacklogTone {
  const at = oldestIso === null ? NaN : Date.parse(oldestIso);
  if (Number.isNaN(at)) return 'warning';
  const age = now - at;
  if (age > dayMs) return 'bad';
  if (age > hourMs) return 'warning';
  return 'info';
}

/** The status bar's upload line. */
export function describeUpload(upload: LocalUploadStatus, now: number): UploadView {
  const age = backlogAge(upload.oldestPendingAt, now);
  if (upload.problem !== null) return { state: 'stopped', count: upload.pending, age };
  if (upload.pending === 0) return { state: 'done' };
  return {
    state: 'pending',
    count: upload.pending,
    age,
    tone: backlogTone(upload.oldestPendingAt, now),
  };
}

/** `1234` → `1 234` (a space between thousands, as amounts are written). */
export function formatCount(count: number): string {
  return Math.trunc(count)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** A draining backlog: how many waited when it started (or at most since), how many are left. */
export interface DrainProgress {
  from: number;
  left: number;
}

/**
 * The progress of a drain from one poll to the next: starts when the register says it is
 * uploading, counts down as `pending` falls, grows if new entries join, ends when it stops.
 */
export function trackDrain(
  previous: DrainProgress | null,
  upload: LocalUploadStatus | undefined,
): DrainProgress | null {
  if (upload === undefined || !upload.draining || upload.pending === 0) return null;
  const left = upload.pending;
  if (previous === null) return { from: left, left };
  const grown = Math.max(0, left - previous.left);
  return { from: Math.max(previous.from + grown, left), left };
}

/** Uploaded so far in this drain, 0–100. */
export function drainPercent(progress: DrainProgress): number {
  if (progress.from <= 0) return 100;
  return Math.round(((progress.from - progress.left) / progress.from) * 100);
}

/** Wait before the next status poll: shorter while a backlog drains. */
export function pollDelay(status: LocalStatus | null): number {
  return status?.upload?.draining === true ? drainingPollMs : normalPollMs;
}
