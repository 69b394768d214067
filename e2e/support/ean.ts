/**
 * A valid EAN-13 from its first twelve digits: the check digit weighs the digits 1, 3, 1, 3 …
 * from the left and makes the sum a multiple of ten (GS1 General Specifications 7.9.1).
 */
export function ean13(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new Error(`an EAN-13 starts with 12 digits: ${first12}`);
  const sum = [...first12].reduce(
    (acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3),
    0,
  );
  return `${first12}${(10 - (sum % 10)) % 10}`;
}
