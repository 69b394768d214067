/**
 * What every part of the selling engine shares: the journal, the injected clock and settings,
 * and the one queue its steps run in. Every step that changes something is serialised (one at a
 * time), so two requests can never take the same number.
 */
import type {
  BusinessDay,
  ControlUnitDriver,
  JournalEntry,
  JournalEvent,
  ReceiptHeader,
} from '@kassa/core';
import type { LocalProduct, PrintOutcome, RegisterSettings } from '@kassa/contracts';
import type { EngineResult } from './engine-result.js';
import { JournalClock, type JournalTime } from './journal-clock.js';
import type { JournalStore, WorkingChange } from './journal-store.js';

/** Who is acting: the signed-in cashier. */
export interface Actor {
  readonly username: string;
  readonly role: 'admin' | 'manager' | 'cashier';
}

/** What the engine needs to know about the shop and the register for receipts and reports. */
export interface RegisterIdentity {
  readonly header: Omit<ReceiptHeader, 'delivery'>;
  /** Tillverkningsnummer of the register. */
  readonly registerSerialNumber: string;
}

/** A control unit as the engine uses it. */
export interface EngineControlUnit {
  readonly driver: ControlUnitDriver;
  /** True for the simulator: receipts say they are not signed by a certified unit. */
  readonly simulated: boolean;
}

export interface SellingEngineOptions {
  readonly store: JournalStore;
  /** Epoch milliseconds; injected so tests control time. */
  readonly clock: () => number;
  readonly timeZone: string;
  readonly identity: () => RegisterIdentity;
  readonly catalogue: () => readonly LocalProduct[];
  readonly controlUnit: () => EngineControlUnit;
  readonly settings: () => RegisterSettings;
  /** Sends bytes to the configured printer; never throws (printing never undoes a sale). */
  readonly printBytes: (bytes: Uint8Array) => Promise<PrintOutcome>;
  /**
   * A clock that only moves forward (performance.now in production): with it, a jump of the
   * wall clock while the register runs is seen and journaled. Absent: no jump detection.
   */
  readonly monotonic?: () => number;
  /** The server's clock minus this PC's, as last measured by the sync (null: not known). */
  readonly serverClockOffsetMs?: () => number | null;
  /** Which start of the PC this is (machine-boot.ts; injected so tests can "cut the power"). */
  readonly machineBoot?: () => string;
}

/** A mutex: runs tasks one at a time, in order. */
class Serial {
  private last: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.last.then(task, task);
    this.last = next.catch(() => undefined);
    return next;
  }
}

export class SellingContext {
  private readonly serial = new Serial();
  readonly clock: JournalClock;

  constructor(readonly options: SellingEngineOptions) {
    this.clock = new JournalClock(options);
  }

  get store(): JournalStore {
    return this.options.store;
  }

  /** The time entries are dated with (never before the last entry: journal-clock.ts). */
  now(): JournalTime {
    return this.clock.now();
  }

  businessDay(): BusinessDay {
    return this.now().day;
  }

  /** Runs a task in the queue, without the clock check (health checks, printouts, records). */
  queued<T>(task: () => Promise<T> | T): Promise<T> {
    return this.serial.run(task);
  }

  /** One selling step: in order with the others, and only while the clock is sane. */
  step<T>(
    task: () => Promise<EngineResult<T>> | EngineResult<T>,
    by?: string,
  ): Promise<EngineResult<T>> {
    return this.serial.run(() => {
      const clock = this.clock.check(by);
      return clock.ok ? task() : clock;
    });
  }

  /** Journals events now (no clock check), with working changes in the same transaction. */
  append(
    by: string | undefined,
    events: readonly JournalEvent[],
    working: readonly WorkingChange[] = [],
  ): JournalEntry[] {
    return this.store.append(
      events.map((event) => ({ event, by })),
      this.now().iso,
      working,
    );
  }
}
