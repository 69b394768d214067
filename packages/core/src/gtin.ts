/**
 * GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) check digits, as scanned at the till. GS1 General
 * Specifications 7.9: weights 3 and 1 alternating from the rightmost data digit; the check digit
 * brings the sum to a multiple of 10.
 */

/** Whether `code` is 8, 12, 13 or 14 digits with a correct GS1 check digit. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() ?? 0;
  let sum = 0;
  digits.reverse().forEach((digit, i) => {
    sum += digit * (i % 2 === 0 ? 3 : 1);
  });
  return (10 - (sum % 10)) % 10 === check;
}
