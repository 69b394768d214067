// Where a pay request's time goes (bench/README.md, "Where the pay request's time goes"): the
// engine, the runtime and the routes mark the steps of a payment; nothing listens unless a bench
// sets a listener, so in the field each mark is one comparison.

export type PayStep =
  | 'pay-called'
  | 'step-start'
  | 'built'
  | 'request-built'
  | 'request-committed'
  | 'cu-answered'
  | 'signed'
  | 'receipt-committed'
  | 'print-start'
  | 'escpos-rendered'
  | 'on-disk'
  | 'begun'
  | 'printed'
  | 'printout-committed'
  | 'html-rendered';

let listener: ((step: PayStep) => void) | null = null;

/** Sets (or, with null, removes) the one listener of the pay steps. */
export function tracePaySteps(next: ((step: PayStep) => void) | null): void {
  listener = next;
}

export function payStep(step: PayStep): void {
  if (listener !== null) listener(step);
}
