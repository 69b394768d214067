/**
 * The Swish QR code a customer scans to pay at the till: the "prefilled" text format
 * `C<payee>;<amount>;<message>;<mask>`. The amount is kronor with a decimal point ("125.50");
 * the mask says which fields the payer may edit (a bit each: 1 payee, 2 amount, 4 message) and
 * is 0 here: nothing can be changed. The message holds at most 50 characters and no ";".
 * The cashier confirms the payment in the POS when the customer's app shows it as paid.
 */

/** Builds the prefilled Swish QR text for `amount` öre. */
export function swishQrText(payee: string, amount: number, message: string): string {
  if (!/^\d{10}$/.test(payee)) throw new RangeError('a Swish number has 10 digits');
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError('amount must be > 0 öre');
  const kronor = Math.floor(amount / 100);
  const ore = amount % 100;
  const amountText = ore === 0 ? String(kronor) : `${kronor}.${String(ore).padStart(2, '0')}`;
  const cleanMessage = message.replace(/[;\r\n]/g, ' ').slice(0, 50);
  return `C${payee};${amountText};${cleanMessage};0`;
}
