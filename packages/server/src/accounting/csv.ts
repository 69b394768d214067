/**
 * CSV as Swedish Excel opens it without an import dialogue: UTF-8 with a byte order mark,
 * `;` between fields (the comma is the decimal separator), CR LF line ends, a header row.
 * Fields are quoted (RFC 4180: `"` doubled) when they hold `;`, `"`, CR, LF or leading or
 * trailing spaces. Amounts are kronor with a decimal comma and two decimals, no thousands
 * separator ("1234,50", "-35,00"), formatted from öre without floating point.
 *
 * A text field that starts with `=`, `+`, `-`, `@`, TAB or CR would be read by a spreadsheet as
 * a formula (CSV injection, OWASP): such a text is prefixed with `'`. Numbers never are.
 */
import { ore, sieAmount } from '@kassa/core';

/** A cell: text from users or registers (guarded), or an already formatted number. */
export type CsvCell = { text: string } | { number: string } | null;

const BOM = '\uFEFF';

/** Text a spreadsheet must not evaluate. */
export function text(value: string): CsvCell {
  return { text: value };
}

/** Öre as kronor with a decimal comma: 123450 → "1234,50". */
export function kronor(amount: number): CsvCell {
  return { number: sieAmount(ore(amount)).replace('.', ',') };
}

/** An integer count. */
export function count(value: number): CsvCell {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return { number: String(value) };
}

/** A fixed-point number from an integer and its decimals: (1597, 3) → "1,597". */
export function decimal(value: number, decimals: number): CsvCell {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  const magnitude = String(Math.abs(value)).padStart(decimals + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - decimals);
  const fraction = magnitude.slice(magnitude.length - decimals);
  return { number: `${value < 0 ? '-' : ''}${whole},${fraction}` };
}

const FORMULA_START = /^[=+\-@\t\r]/;

function quoteIfNeeded(field: string): string {
  return /[;"\r\n]/.test(field) || field !== field.trim()
    ? `"${field.replaceAll('"', '""')}"`
    : field;
}

function render(cell: CsvCell): string {
  if (cell === null) return '';
  if ('number' in cell) return cell.number;
  return quoteIfNeeded(FORMULA_START.test(cell.text) ? `'${cell.text}` : cell.text);
}

/** The bytes of a CSV file: BOM, the header row, one line per row, each ended by CR LF. */
export function csvFile(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Buffer {
  const lines = [
    header.map((h) => quoteIfNeeded(h)).join(';'),
    ...rows.map((row) => row.map(render).join(';')),
  ];
  return Buffer.from(BOM + lines.map((line) => `${line}\r\n`).join(''), 'utf8');
}
