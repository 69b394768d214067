/**
 * The cash drawer and the cash in it: the float at the start of the day, cash put in or taken
 * out, and the drawer opened without a sale (lådöppning, 2 kap 14 §). Each is journaled first;
 * the drawer opens only after its entry is committed. The day reports count the cash from these
 * entries (docs/domain/receipts-journal-reports.md).
 */
import { type JournalEntry, type JournalEvent, ore } from '@kassa/core';
import { DRAWER_KICK } from '../printer/printers.js';
import { bad, good, type EngineResult } from './engine-result.js';
import type { Actor, SellingContext } from './selling-context.js';

export class Cash {
  constructor(private readonly ctx: SellingContext) {}

  private journalOnly(actor: Actor, event: JournalEvent): Promise<EngineResult<JournalEntry>> {
    return this.ctx.step(() => {
      const [entry] = this.ctx.store.append([{ event, by: actor.username }], this.ctx.now().iso);
      return entry === undefined ? bad('internal-error', 500) : good(entry);
    });
  }

  /** Journals a lådöppning, then kicks the drawer (through the receipt printer). */
  async openDrawer(actor: Actor, reason: string): Promise<EngineResult<{ drawerOpened: boolean }>> {
    const journaled = await this.journalOnly(actor, { kind: 'drawer-opened', data: { reason } });
    if (!journaled.ok) return journaled;
    const kicked = await this.ctx.options.printBytes(DRAWER_KICK);
    return good({ drawerOpened: kicked.status === 'printed' });
  }

  cashFloat(actor: Actor, amount: number): Promise<EngineResult<JournalEntry>> {
    return this.journalOnly(actor, { kind: 'cash-float', data: { amount: ore(amount) } });
  }

  cashMove(
    actor: Actor,
    direction: 'in' | 'out',
    amount: number,
    reason: string,
  ): Promise<EngineResult<JournalEntry>> {
    return this.journalOnly(
      actor,
      direction === 'in'
        ? { kind: 'cash-in', data: { amount: ore(amount), reason } }
        : { kind: 'cash-out', data: { amount: ore(amount), reason } },
    );
  }
}
