/**
 * Parked sales (parkera): the sale under construction set aside with its lines, and resumed
 * later on this register. Parking and resuming are journaled (sale-parked, sale-resumed).
 */
import { randomUUID } from 'node:crypto';
import type { Ore } from '@kassa/core';
import type { ParkedSale, SaleView } from '@kassa/contracts';
import { bad, good, type EngineResult } from '../engine-result.js';
import type { Actor, SellingContext } from '../selling-context.js';
import { PARKED_PREFIX, type SaleBuilding, type WorkingSale } from './sale-building.js';

interface StoredParkedSale {
  readonly parkingId: string;
  readonly parkedAt: string;
  readonly by: string;
  readonly note: string | null;
  readonly sale: WorkingSale;
  readonly total: Ore;
}

export class Parking {
  constructor(
    private readonly ctx: SellingContext,
    private readonly sale: SaleBuilding,
  ) {}

  park(actor: Actor, note: string | undefined): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const working = this.sale.working();
      const priced = this.sale.price(working);
      if (!priced.ok) return priced;
      if (working.lines.length === 0) return bad('sale-empty', 409);
      const parkingId = randomUUID();
      const parked: StoredParkedSale = {
        parkingId,
        parkedAt: this.ctx.now().iso,
        by: actor.username,
        note: note ?? null,
        sale: working,
        total: priced.value.total,
      };
      this.sale.save(
        actor,
        [
          {
            kind: 'sale-parked',
            data: { parkingId, lineCount: working.lines.length, total: priced.value.total },
          },
        ],
        null,
        [{ op: 'put', key: `${PARKED_PREFIX}${parkingId}`, value: parked }],
      );
      return good(this.sale.view(actor));
    });
  }

  parked(): ParkedSale[] {
    return this.ctx.store.workingWithPrefix<StoredParkedSale>(PARKED_PREFIX).map(({ value }) => ({
      parkingId: value.parkingId,
      parkedAt: value.parkedAt,
      by: value.by,
      lineCount: value.sale.lines.length,
      total: value.total,
      summary: [
        ...(value.note === null ? [] : [value.note]),
        ...value.sale.lines.slice(0, 3).map((l) => l.input.text),
      ].join(', '),
    }));
  }

  resume(actor: Actor, parkingId: string): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      if (this.sale.working().lines.length > 0) return bad('sale-not-empty', 409);
      const key = `${PARKED_PREFIX}${parkingId}`;
      const parked = this.ctx.store.working<StoredParkedSale>(key);
      if (parked === undefined) return bad('parked-sale-not-found', 404);
      this.sale.save(actor, [{ kind: 'sale-resumed', data: { parkingId } }], parked.sale, [
        { op: 'delete', key },
      ]);
      return good(this.sale.view(actor));
    });
  }
}
