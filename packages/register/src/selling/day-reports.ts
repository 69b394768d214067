/**
 * The day reports (SKVFS 2014:9 6 kap): the X-dagrapport of today, and the Z-dagrapport that
 * closes a business day, oldest first; both journaled. Built from one day's entries by index,
 * not the journal (journal-reads.ts).
 */
import {
  type BusinessDay,
  type XReport,
  type ZReport,
  finishXReport,
  finishZReport,
  ore,
} from '@kassa/core';
import { bad, fromCore, good, type EngineResult } from './engine-result.js';
import { dayReportState } from './journal-reads.js';
import type { Actor, SellingContext } from './selling-context.js';

export class DayReports {
  constructor(private readonly ctx: SellingContext) {}

  private get store() {
    return this.ctx.store;
  }

  /** Business days before today with sales and no Z (a Z is due for each, in order). */
  zPending(): BusinessDay[] {
    const today = this.ctx.businessDay();
    // Kept in the journal file with each entry (journal-state.ts): the status never scans.
    return this.store.openDays().filter((d) => d < today);
  }

  private identity() {
    const identity = this.ctx.options.identity();
    return {
      companyName: identity.header.companyName,
      organisationNumber: identity.header.organisationNumber,
      registerId: identity.header.registerId,
      registerSerialNumber: identity.registerSerialNumber,
    };
  }

  /** An X-dagrapport of today (journaled: report printouts are running use). */
  xReport(actor: Actor): Promise<EngineResult<XReport>> {
    return this.ctx.step(() => {
      const now = this.ctx.now();
      const report = finishXReport(dayReportState(this.store, now.day, this.ctx.options.timeZone), {
        identity: this.identity(),
        producedAt: now.iso,
      });
      this.store.append(
        [{ event: { kind: 'x-report', data: { report } }, by: actor.username }],
        now.iso,
      );
      return good(report);
    });
  }

  /**
   * The Z-dagrapport: closes the oldest business day that has sales and no Z (days are closed in
   * order), or today when none is pending. Manager or admin only.
   */
  zReport(actor: Actor, countedCash: number | undefined): Promise<EngineResult<ZReport>> {
    return this.ctx.step(() => {
      if (actor.role === 'cashier') return bad('manager-required', 403);
      const now = this.ctx.now();
      const pending = this.store.openDays().filter((d) => d < now.day);
      const day = pending[0] ?? now.day;
      const built = finishZReport(dayReportState(this.store, day, this.ctx.options.timeZone), {
        identity: this.identity(),
        producedAt: now.iso,
        ...(countedCash === undefined ? {} : { countedCash: ore(countedCash) }),
      });
      if (!built.ok) return fromCore(built);
      this.store.append(
        [{ event: { kind: 'z-report', data: { report: built.value } }, by: actor.username }],
        now.iso,
      );
      return good(built.value);
    });
  }

  /** A journaled Z-report by number. */
  zByNumber(zNumber: number): ZReport | undefined {
    const entry = this.store.receipt('z', zNumber);
    return entry?.kind === 'z-report' ? entry.data.report : undefined;
  }
}
