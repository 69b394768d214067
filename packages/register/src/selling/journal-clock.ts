/**
 * The time selling entries are dated with, and the checks of the PC's clock before a step that
 * journals (SKVFS 2014:9: receipts carry the date and time of the sale; the journal is in time
 * order). docs/domain/receipts-journal-reports.md.
 */
import type { BusinessDay, JournalEvent } from '@kassa/core';
import { failure, type Failure } from '../failure.js';
import { formatSwedishDateTime } from '../connect/terminal-choice.js';
import { good, type EngineResult } from './engine-result.js';
import { dayFinder } from './journal-state.js';
import type { JournalStore } from './journal-store.js';

/** A wall clock behind the journal by at most this much is read as the journal's time (NTP steps). */
const CLOCK_BACK_TOLERANCE_MS = 60_000;
/** The PC's clock may differ this much from the server's (the device-signature window, doctor). */
const CLOCK_SERVER_LIMIT_MS = 5 * 60_000;
/**
 * The years a receipt may be dated in: those the SKVFS 2021:16 export can hold (its date type),
 * so that no receipt ever becomes unexportable (a BIOS clock reset, a jump of years offline).
 */
const CLOCK_YEARS = { first: 2010, last: 2099 } as const;
/** A wall-clock jump of this size while running is journaled (clock-jumped). */
const CLOCK_JUMP_MS = 5 * 60_000;

type ClockTrouble = 'behind-journal' | 'differs-from-server' | 'out-of-range';

export interface JournalClockOptions {
  readonly store: JournalStore;
  /** Epoch milliseconds; injected so tests control time. */
  readonly clock: () => number;
  readonly timeZone: string;
  /** A clock that only moves forward: with it, a jump of the wall clock is journaled. */
  readonly monotonic?: () => number;
  /** The server's clock minus this PC's, as last measured by the sync (null: not known). */
  readonly serverClockOffsetMs?: () => number | null;
}

/** An instant as entries are dated: epoch milliseconds, ISO text and its business day. */
export interface JournalTime {
  readonly epochMs: number;
  readonly iso: string;
  readonly day: BusinessDay;
}

export class JournalClock {
  /** The business day of an instant; the day's bounds are kept, so Intl runs once a day. */
  private readonly dayOf: (epochMs: number) => BusinessDay;
  /** The time of the last journal entry, cached per head. */
  private lastAtCache: { seq: number; epochMs: number } | null = null;
  /** The clock problem journaled last (null: the clock is sane). */
  private clockTrouble: { kind: ClockTrouble; failure: Failure } | null = null;
  private lastReading: { wall: number; mono: number } | null = null;

  constructor(private readonly options: JournalClockOptions) {
    this.dayOf = dayFinder(options.timeZone);
  }

  private get store(): JournalStore {
    return this.options.store;
  }

  private lastEntryAt(): number | null {
    // The last row's seq and time only: the entry's data is not read (a receipt's is kilobytes).
    const last = this.store.lastAt();
    if (last === null) return null;
    if (this.lastAtCache?.seq !== last.seq) {
      this.lastAtCache = { seq: last.seq, epochMs: Date.parse(last.at) };
    }
    return this.lastAtCache.epochMs;
  }

  /**
   * The time entries are dated with: the wall clock, but never before the last journal entry
   * (receipts are dated in journal order, so no sale can fall on a day already closed by a Z).
   * A clock further behind than CLOCK_BACK_TOLERANCE_MS stops selling (check).
   */
  now(): JournalTime {
    const wall = this.options.clock();
    const last = this.lastEntryAt();
    const year = new Date(wall).getUTCFullYear();
    // A clock outside the exportable years never dates an entry (check stops selling).
    const usable =
      year >= CLOCK_YEARS.first && year <= CLOCK_YEARS.last
        ? wall
        : (last ?? Date.UTC(CLOCK_YEARS.first, 0, 1));
    const epochMs = Math.max(usable, last ?? 0);
    return {
      epochMs,
      iso: new Date(epochMs).toISOString(),
      day: this.dayOf(epochMs),
    };
  }

  /** The clock problem that stops selling now, if any (for the status). */
  problem(): Failure | null {
    return this.clockTrouble?.failure ?? null;
  }

  /**
   * Checks the PC's clock before a step that journals. Refuses while the clock is behind the
   * last entry or more than 5 minutes from the server's; journals the fault once and its end;
   * journals a jump of the wall clock while running.
   */
  check(by: string | undefined): EngineResult<void> {
    const wall = this.options.clock();
    const mono = this.options.monotonic?.();
    const lastAt = this.lastEntryAt();
    const events: JournalEvent[] = [];
    if (mono !== undefined && this.lastReading !== null) {
      const expected = this.lastReading.wall + (mono - this.lastReading.mono);
      const jumpMs = Math.round(wall - expected);
      if (Math.abs(jumpMs) >= CLOCK_JUMP_MS) {
        events.push({
          kind: 'clock-jumped',
          data: {
            from: new Date(expected).toISOString(),
            to: new Date(wall).toISOString(),
            jumpMs,
          },
        });
      }
    }
    if (mono !== undefined) this.lastReading = { wall, mono };
    const offset = this.options.serverClockOffsetMs?.() ?? null;
    let trouble: {
      kind: ClockTrouble;
      failure: Failure;
      differenceMs: number;
      reference: string;
    } | null = null;
    const year = new Date(wall).getUTCFullYear();
    if (year < CLOCK_YEARS.first || year > CLOCK_YEARS.last) {
      trouble = {
        kind: 'out-of-range',
        failure: {
          ...failure('clock-out-of-range', {
            clock: formatSwedishDateTime(new Date(wall).toISOString()),
          }),
          status: 409,
        },
        differenceMs: lastAt === null ? 0 : Math.round(wall - lastAt),
        reference:
          lastAt === null
            ? `${CLOCK_YEARS.first}–${CLOCK_YEARS.last}`
            : new Date(lastAt).toISOString(),
      };
    } else if (lastAt !== null && lastAt - wall > CLOCK_BACK_TOLERANCE_MS) {
      const details = {
        clock: formatSwedishDateTime(new Date(wall).toISOString()),
        lastEntry: formatSwedishDateTime(new Date(lastAt).toISOString()),
      };
      trouble = {
        kind: 'behind-journal',
        failure: { ...failure('clock-behind-journal', details), status: 409 },
        differenceMs: Math.round(wall - lastAt),
        reference: new Date(lastAt).toISOString(),
      };
    } else if (offset !== null && Math.abs(offset) >= CLOCK_SERVER_LIMIT_MS) {
      const minutes = Math.round(Math.abs(offset) / 60_000);
      trouble = {
        kind: 'differs-from-server',
        failure: {
          ...failure('clock-differs-from-server', {
            minutes,
            direction: offset > 0 ? 'efter' : 'före',
          }),
          status: 409,
        },
        differenceMs: Math.round(-offset),
        reference: new Date(wall + offset).toISOString(),
      };
    }
    if (trouble !== null && this.clockTrouble?.kind !== trouble.kind) {
      events.push({
        kind: 'clock-fault',
        data: {
          reason: trouble.kind,
          clock: new Date(wall).toISOString(),
          reference: trouble.reference,
          differenceMs: trouble.differenceMs,
        },
      });
    } else if (trouble === null && this.clockTrouble !== null) {
      events.push({ kind: 'clock-restored', data: { clock: new Date(wall).toISOString() } });
    }
    if (events.length > 0) {
      this.store.append(
        events.map((event) => ({ event, by })),
        this.now().iso,
      );
    }
    this.clockTrouble = trouble === null ? null : { kind: trouble.kind, failure: trouble.failure };
    return trouble === null ? good(undefined) : { ok: false, failure: trouble.failure };
  }
}
