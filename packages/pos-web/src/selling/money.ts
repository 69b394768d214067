// Amounts as Swedish shops write them: "1 234,50 kr". Money is integer öre everywhere; these are
// the only places where öre become text and text becomes öre.

/** `123450` → `1 234,50` (a plain space between thousands, a comma before the öre). */
export function formatAmount(ore: number): string {
  const negative = ore < 0;
  const magnitude = Math.abs(Math.trunc(ore));
  const kronor = Math.floor(magnitude / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const orePart = (magnitude % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${kronor},${orePart}`;
}

/** `123450` → `1 234,50 kr`. */
export function formatKr(ore: number): string {
  return `${formatAmount(ore)} kr`;
}

/** Whole kronor without öre, for note buttons: `50000` → `500 kr`. */
export function formatWholeKr(ore: number): string {
  return ore % 100 === 0 ? `${formatAmount(ore).slice(0, -3)} kr` : formatKr(ore);
}

const amountPattern = /^(\d{1,9})(?:[,.](\d{1,2}))?$/;

/**
 * What a cashier types as an amount in kronor (`12`, `12,5`, `12,50`, `12.50`, `1 234,50`) in
 * öre; null for anything else (negative, more than two decimals, letters, empty).
 */
export function parseKronor(text: string): number | null {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(/kr$/i, '');
  const match = amountPattern.exec(compact);
  if (match === null) return null;
  const kronor = Number(match[1]);
  const ore = Number((match[2] ?? '0').padEnd(2, '0'));
  return kronor * 100 + ore;
}

/** A rate in hundredths of a percent: `2500` → `25 %`, `1250` → `12,5 %`. */
export function formatRate(rate: number): string {
  const whole = Math.trunc(rate / 100);
  const fraction = Math.abs(rate % 100);
  if (fraction === 0) return `${whole} %`;
  const decimals = fraction.toString().padStart(2, '0').replace(/0$/, '');
  return `${whole},${decimals} %`;
}

/** Grams as kilograms with three decimals: `350` → `0,350 kg`. */
export function formatKg(grams: number): string {
  const kg = Math.floor(grams / 1000);
  const rest = (grams % 1000).toString().padStart(3, '0');
  return `${kg},${rest} kg`;
}
