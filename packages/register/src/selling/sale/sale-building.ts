/**
 * The sale under construction: its lines, discounts, consumption and training mode, kept as
 * working state beside the journal (docs/domain/receipts-journal-reports.md). Every change is
 * journaled (line-added, line-changed, line-removed: nothing disappears silently) in the same
 * transaction as the working state.
 */
import { randomUUID } from 'node:crypto';
import {
  type Discount,
  type JournalEntry,
  type JournalEvent,
  type LineInput,
  type PricedSale,
  type Sale,
  type VatCategory,
  addLine,
  createSale,
  ore,
  priceSale,
  roundCashAmount,
  setLineDiscount,
  setOrderDiscount,
} from '@kassa/core';
import type { AddLineBody, DiscountInput, SaleView } from '@kassa/contracts';
import { bad, fromCore, good, type EngineResult } from '../engine-result.js';
import type { PendingEvent, WorkingChange } from '../journal-store.js';
import type { NumberReservation } from '../number-reservation.js';
import { productLookupOf } from './product-lookup.js';
import type { Actor, SellingContext } from '../selling-context.js';

interface WorkingLine {
  readonly input: LineInput;
  readonly discount: Discount | null;
}

export interface WorkingSale {
  readonly consumption: 'eat-in' | 'take-away';
  readonly lines: readonly WorkingLine[];
  readonly orderDiscount: Discount | null;
}

/** The working-state key of the sale under construction. */
export const SALE_KEY = 'sale';
const TRAINING_KEY = 'training';
/** The working-state keys of parked sales start with this. */
export const PARKED_PREFIX = 'parked:';
const EMPTY_SALE: WorkingSale = { consumption: 'take-away', lines: [], orderDiscount: null };
const FULL_PERMISSION = 10_000;

export class SaleBuilding {
  constructor(
    private readonly ctx: SellingContext,
    private readonly reservation: NumberReservation,
  ) {}

  private get store() {
    return this.ctx.store;
  }

  training(): boolean {
    return this.store.working<boolean>(TRAINING_KEY) === true;
  }

  private maxDiscountRate(actor: Actor): number {
    return actor.role === 'cashier'
      ? this.ctx.options.settings().cashierMaxDiscountRate
      : FULL_PERMISSION;
  }

  working(): WorkingSale {
    return this.store.working<WorkingSale>(SALE_KEY) ?? EMPTY_SALE;
  }

  /** Rebuilds the core sale from the working lines for today's business day. */
  private build(working: WorkingSale): EngineResult<Sale> {
    let sale = createSale(this.ctx.businessDay(), working.consumption);
    for (const line of working.lines) {
      const added = addLine(sale, line.input);
      if (!added.ok) return fromCore(added);
      sale = added.value;
      if (line.discount !== null) {
        const discounted = setLineDiscount(sale, line.input.lineId, line.discount, {
          maxDiscountRate: FULL_PERMISSION,
        });
        if (!discounted.ok) return fromCore(discounted);
        sale = discounted.value;
      }
    }
    if (working.orderDiscount !== null) {
      const discounted = setOrderDiscount(sale, working.orderDiscount, {
        maxDiscountRate: FULL_PERMISSION,
      });
      if (!discounted.ok) return fromCore(discounted);
      sale = discounted.value;
    }
    return good(sale);
  }

  price(working: WorkingSale): EngineResult<PricedSale> {
    const built = this.build(working);
    if (!built.ok) return built;
    const priced = priceSale(built.value);
    return priced.ok ? good(priced.value) : fromCore(priced);
  }

  /**
   * The sale under construction, priced, as the POS shows it, with the figures of its payment:
   * the total (to pay by card or Swish) and the cash part with its öresavrundning (Lag
   * 1970:1029: only cash is rounded, to whole kronor).
   */
  view(actor: Actor): SaleView {
    const working = this.working();
    const priced = this.price(working);
    const lines = priced.ok ? priced.value.lines : [];
    const total = priced.ok ? priced.value.total : ore(0);
    const cash = roundCashAmount(total);
    return {
      consumption: working.consumption,
      training: this.training(),
      lines: lines.map((p) => {
        const stored = working.lines.find((l) => l.input.lineId === p.line.lineId);
        return {
          lineId: p.line.lineId,
          articleNumber: p.line.articleNumber,
          text: p.line.text,
          itemType: p.line.itemType,
          group: p.line.group ?? null,
          unit: p.line.unit,
          quantity: p.line.quantity,
          unitPrice: p.line.unitPrice,
          vatRate: p.line.vatRate,
          discount: stored?.discount ?? null,
          discountAmount: p.lineDiscount + p.orderDiscountShare,
          amount: p.amount,
        };
      }),
      orderDiscount: working.orderDiscount,
      discountTotal: priced.ok ? priced.value.discountTotal : 0,
      total,
      cashTotal: cash.rounded,
      cashRounding: cash.rounding,
      vat: priced.ok ? priced.value.vat.map((v) => ({ ...v })) : [],
      maxDiscountRate: this.maxDiscountRate(actor),
      parkedCount: this.store.workingWithPrefix(PARKED_PREFIX).length,
    };
  }

  /**
   * Journals `events` with the sale's new working state (deleted when empty) and `extra`, and
   * the number its receipt will take reserved while it has lines (number-reservation.ts).
   */
  save(
    actor: Actor,
    events: readonly JournalEvent[],
    working: WorkingSale | null,
    extra: readonly WorkingChange[] = [],
  ): JournalEntry[] {
    this.reservation.settle(actor.username);
    const hasLines = working !== null && working.lines.length > 0;
    const reserve = this.reservation.changeFor(this.training() ? 'training' : 'receipt', hasLines);
    const changes: WorkingChange[] = [
      hasLines ? { op: 'put', key: SALE_KEY, value: working } : { op: 'delete', key: SALE_KEY },
      ...(reserve === null ? [] : [reserve]),
      ...extra,
    ];
    const pending: PendingEvent[] = events.map((event) => ({ event, by: actor.username }));
    if (pending.length === 0) {
      this.store.changeWorking(changes);
      return [];
    }
    return this.store.append(pending, this.ctx.now().iso, changes);
  }

  addLine(actor: Actor, body: AddLineBody): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const lookup = productLookupOf(this.ctx.options.catalogue());
      const product =
        'barcode' in body
          ? lookup.byCode.get(body.barcode)
          : lookup.byArticleNumber.get(body.articleNumber);
      if (product === undefined) {
        return bad('article-not-found', 404, {
          code: 'barcode' in body ? body.barcode : body.articleNumber,
        });
      }
      const weighed = product.unit === 'kilogram';
      if (weighed && body.grams === undefined) {
        return bad('weight-required', 400, { name: product.name });
      }
      if (!weighed && body.grams !== undefined) {
        return bad('weight-not-allowed', 400, { name: product.name });
      }
      const working = this.working();
      const lineId = randomUUID();
      const input: LineInput = {
        lineId,
        articleNumber: product.articleNumber,
        text: product.name,
        itemType: product.kind,
        vatCategory: product.vatCategory as VatCategory,
        ...(product.group === null ? {} : { group: product.group }),
        pricing: weighed
          ? { unit: 'gram', pricePerKilogram: ore(product.priceOre), grams: body.grams ?? 0 }
          : { unit: 'piece', unitPrice: ore(product.priceOre), quantity: body.quantity ?? 1 },
      };
      const next: WorkingSale = {
        ...working,
        lines: [...working.lines, { input, discount: null }],
      };
      const built = this.build(next);
      if (!built.ok) return built;
      const line = built.value.lines.at(-1);
      if (line === undefined) return bad('line-not-found', 404);
      this.save(
        actor,
        [
          {
            kind: 'line-added',
            data: {
              lineId,
              articleNumber: line.articleNumber,
              text: line.text,
              unit: line.unit,
              quantity: line.quantity,
              unitPrice: line.unitPrice,
              vatRate: line.vatRate,
            },
          },
        ],
        next,
      );
      return good(this.view(actor));
    });
  }

  changeLine(
    actor: Actor,
    lineId: string,
    change: { quantity?: number | undefined; discount?: DiscountInput | null | undefined },
  ): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const working = this.working();
      const current = working.lines.find((l) => l.input.lineId === lineId);
      if (current === undefined) return bad('line-not-found', 404, { lineId });
      const before = this.price(working);
      let input = current.input;
      if (change.quantity !== undefined) {
        input = {
          ...input,
          pricing:
            input.pricing.unit === 'piece'
              ? { ...input.pricing, quantity: change.quantity }
              : { ...input.pricing, grams: change.quantity },
        };
      }
      const discount =
        change.discount === undefined ? current.discount : (change.discount as Discount | null);
      const next: WorkingSale = {
        ...working,
        lines: working.lines.map((l) => (l.input.lineId === lineId ? { input, discount } : l)),
      };
      // Check the discount against the cashier's permission on the line's new gross.
      const sale = this.build({
        ...next,
        lines: next.lines.map((l) => ({ ...l, discount: null })),
      });
      if (!sale.ok) return sale;
      if (discount !== null) {
        const checked = setLineDiscount(sale.value, lineId, discount, {
          maxDiscountRate: this.maxDiscountRate(actor),
        });
        if (!checked.ok) return fromCore(checked);
      }
      const after = this.price(next);
      if (!after.ok) return after;
      const beforeLine = before.ok
        ? before.value.lines.find((p) => p.line.lineId === lineId)
        : undefined;
      const afterLine = after.value.lines.find((p) => p.line.lineId === lineId);
      this.save(
        actor,
        [
          {
            kind: 'line-changed',
            data: {
              lineId,
              articleNumber: input.articleNumber,
              text: input.text,
              from: {
                quantity: beforeLine?.line.quantity ?? 0,
                discount: beforeLine?.lineDiscount ?? ore(0),
              },
              to: {
                quantity: afterLine?.line.quantity ?? 0,
                discount: afterLine?.lineDiscount ?? ore(0),
              },
            },
          },
        ],
        next,
      );
      return good(this.view(actor));
    });
  }

  removeLine(actor: Actor, lineId: string): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const working = this.working();
      const priced = this.price(working);
      const line = priced.ok ? priced.value.lines.find((p) => p.line.lineId === lineId) : undefined;
      if (line === undefined) return bad('line-not-found', 404, { lineId });
      const next: WorkingSale = {
        ...working,
        lines: working.lines.filter((l) => l.input.lineId !== lineId),
        orderDiscount: working.lines.length === 1 ? null : working.orderDiscount,
      };
      this.save(actor, [removedEvent(line)], next);
      return good(this.view(actor));
    });
  }

  /** Empties the sale: every line is journaled as removed (nothing disappears silently). */
  clearSale(actor: Actor): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const priced = this.price(this.working());
      const events = priced.ok ? priced.value.lines.map(removedEvent) : [];
      this.save(actor, events, null);
      return good(this.view(actor));
    });
  }

  setOrderDiscount(actor: Actor, discount: DiscountInput | null): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const working = this.working();
      if (discount !== null) {
        const built = this.build({ ...working, orderDiscount: null });
        if (!built.ok) return built;
        const checked = setOrderDiscount(built.value, discount as Discount, {
          maxDiscountRate: this.maxDiscountRate(actor),
        });
        if (!checked.ok) return fromCore(checked);
      }
      const next: WorkingSale = { ...working, orderDiscount: discount as Discount | null };
      const priced = this.price(next);
      if (!priced.ok) return priced;
      this.save(actor, [], next);
      return good(this.view(actor));
    });
  }

  setConsumption(
    actor: Actor,
    consumption: 'eat-in' | 'take-away',
  ): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      const working = this.working();
      const next: WorkingSale = { ...working, consumption };
      if (working.lines.length === 0) {
        // Kept even while empty: the choice is made before the first line.
        this.store.changeWorking([{ op: 'put', key: SALE_KEY, value: next }]);
      } else {
        this.save(actor, [], next);
      }
      return good(this.view(actor));
    });
  }

  setTraining(actor: Actor, training: boolean): Promise<EngineResult<SaleView>> {
    return this.ctx.step(() => {
      if (actor.role === 'cashier') return bad('manager-required', 403);
      if (this.working().lines.length > 0) return bad('training-switch-during-sale', 409);
      if (this.training() !== training) {
        this.store.append(
          [{ event: { kind: 'training-switched', data: { training } }, by: actor.username }],
          this.ctx.now().iso,
          [{ op: 'put', key: TRAINING_KEY, value: training }],
        );
      }
      return good(this.view(actor));
    });
  }
}

function removedEvent(p: PricedSale['lines'][number]): JournalEvent {
  return {
    kind: 'line-removed',
    data: {
      articleNumber: p.line.articleNumber,
      text: p.line.text,
      unit: p.line.unit,
      quantity: p.line.quantity,
      amount: p.amount,
    },
  };
}
