import type { SaleView } from '@kassa/contracts';

/**
 * Which line an answer of the register made or changed, to select it: a new line, else one whose
 * quantity changed; null when neither (a discount, a removal, the same sale).
 */
export function changedLineId(previous: SaleView | null, next: SaleView): string | null {
  const before = new Map(previous?.lines.map((line) => [line.lineId, line]) ?? []);
  const added = next.lines.find((line) => !before.has(line.lineId));
  if (added !== undefined) return added.lineId;
  const changed = next.lines.find((line) => before.get(line.lineId)?.quantity !== line.quantity);
  return changed?.lineId ?? null;
}
