import { describe, expect, it } from 'vitest';
import type { LocalStatus, LocalUploadStatus } from '@kassa/contracts';
import {
  backlogAge,
  backlogTone,
  describeUpload,
  drainPercent,
  drainingPollMs,
  formatCount,
  normalPollMs,
  pollDelay,
  trackDrain,
} from './upload';

const upload = (change: Partial<LocalUploadStatus> = {}): LocalUploadStatus => ({
  pending: 0,
  oldestPendingAt: null,
  acknowledgedSeq: 10,
  lastUploadAt: '2026-11-25T12:00:00.000Z',
  problem: null,
  draining: false,
  ...change,
});

// 2026-11-25 15:30 in Stockholm (UTC+1 in winter).
const now = Date.parse('2026-11-25T14:30:00.000Z');

describe('backlogAge', () => {
  it('gives the time of an entry from today and the date of an older one, in Swedish time', () => {
    expect(backlogAge('2026-11-25T13:03:00.000Z', now)).toEqual({ kind: 'time', text: '14:03' });
    expect(backlogAge('2026-11-20T09:00:00.000Z', now)).toEqual({
      kind: 'date',
      text: '2026-11-20',
    });
  });

  it('counts the day in Stockholm, not in UTC', () => {
    // 23:30 UTC on the 24th is 00:30 on the 25th in Stockholm: today.
    expect(backlogAge('2026-11-24T23:30:00.000Z', now)).toEqual({ kind: 'time', text: '00:30' });
    // Just after midnight in Stockholm, 22:59 UTC the day before is still yesterday there.
    const justAfterMidnight = Date.parse('2026-11-24T23:05:00.000Z');
    expect(backlogAge('2026-11-24T22:59:00.000Z', justAfterMidnight)).toEqual({
      kind: 'date',
      text: '2026-11-24',
    });
  });

  it('uses summer time in summer', () => {
    const summer = Date.parse('2026-07-01T10:00:00.000Z');
    expect(backlogAge('2026-07-01T06:15:00.000Z', summer)).toEqual({ kind: 'time', text: '08:15' });
  });

  it('has no age without a readable time', () => {
    expect(backlogAge(null, now)).toBeNull();
    expect(backlogAge('not a time', now)).toBeNull();
  });
});

describe('backlogTone', () => {
  it('is calm up to an hour, amber after an hour, red after a day', () => {
    expect(backlogTone(new Date(now - 5 * 60_000).toISOString(), now)).toBe('info');
    expect(backlogTone(new Date(now - 60 * 60_000).toISOString(), now)).toBe('info');
    expect(backlogTone(new Date(now - 61 * 60_000).toISOString(), now)).toBe('warning');
    expect(backlogTone(new Date(now - 24 * 3_600_000).toISOString(), now)).toBe('warning');
    expect(backlogTone(new Date(now - 24 * 3_600_000 - 1).toISOString(), now)).toBe('bad');
  });

  it('warns when the oldest time is missing or unreadable', () => {
    expect(backlogTone(null, now)).toBe('warning');
    expect(backlogTone('yesterday', now)).toBe('warning');
  });
});

describe('describeUpload', () => {
  it('says all is uploaded when nothing waits', () => {
    expect(describeUpload(upload(), now)).toEqual({ state: 'done' });
  });

  it('counts what waits, with the age and tone of the oldest', () => {
    expect(
      describeUpload(upload({ pending: 1234, oldestPendingAt: '2026-11-25T13:03:00.000Z' }), now),
    ).toEqual({
      state: 'pending',
      count: 1234,
      age: { kind: 'time', text: '14:03' },
      tone: 'warning',
    });
  });

  it('shows a stopped upload even when nothing waits', () => {
    const problem = { code: 'upload-server-ahead', sv: 'Stoppad', en: 'Stopped' };
    expect(describeUpload(upload({ problem }), now)).toEqual({
      state: 'stopped',
      count: 0,
      age: null,
    });
    expect(
      describeUpload(
        upload({ problem, pending: 3, oldestPendingAt: '2026-11-20T09:00:00.000Z' }),
        now,
      ),
    ).toEqual({ state: 'stopped', count: 3, age: { kind: 'date', text: '2026-11-20' } });
  });
});

describe('formatCount', () => {
  it('writes thousands with a space', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234)).toBe('1 234');
    expect(formatCount(1_234_567)).toBe('1 234 567');
  });
});

describe('trackDrain', () => {
  it('starts when the register uploads and counts down between polls', () => {
    const first = trackDrain(null, upload({ pending: 5000, draining: true }));
    expect(first).toEqual({ from: 5000, left: 5000 });
    const second = trackDrain(first, upload({ pending: 3500, draining: true }));
    expect(second).toEqual({ from: 5000, left: 3500 });
    expect(second && drainPercent(second)).toBe(30);
  });

  it('grows when new entries join faster than they leave', () => {
    const before = { from: 1000, left: 400 };
    expect(trackDrain(before, upload({ pending: 450, draining: true }))).toEqual({
      from: 1050,
      left: 450,
    });
  });

  it('ends when the register stops uploading or nothing is left', () => {
    const before = { from: 1000, left: 400 };
    expect(trackDrain(before, upload({ pending: 400, draining: false }))).toBeNull();
    expect(trackDrain(before, upload({ pending: 0, draining: true }))).toBeNull();
    expect(trackDrain(before, undefined)).toBeNull();
  });

  it('is complete at 100 %', () => {
    expect(drainPercent({ from: 10, left: 0 })).toBe(100);
    expect(drainPercent({ from: 0, left: 0 })).toBe(100);
    expect(drainPercent({ from: 3, left: 3 })).toBe(0);
  });
});

describe('pollDelay', () => {
  const status = (u?: LocalUploadStatus): LocalStatus => ({
    connected: true,
    binding: 'ok',
    signedIn: null,
    ...(u === undefined ? {} : { upload: u }),
  });

  it('polls faster while a backlog drains', () => {
    expect(pollDelay(status(upload({ pending: 900, draining: true })))).toBe(drainingPollMs);
    expect(pollDelay(status(upload({ pending: 900 })))).toBe(normalPollMs);
    expect(pollDelay(status())).toBe(normalPollMs);
    expect(pollDelay(null)).toBe(normalPollMs);
    expect(drainingPollMs).toBeLessThan(normalPollMs);
  });
});
