import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLuhnCheckDigit, parseOrganisationNumber } from './organisation-number.js';

/** Appends the Luhn check digit to nine digits. */
function withCheckDigit(nineDigits: string): string {
  return nineDigits + String(computeLuhnCheckDigit(nineDigits));
}

describe('computeLuhnCheckDigit', () => {
  it('computes the Swedish check digit', () => {
    expect(computeLuhnCheckDigit('556677889')).toBe(9);
    expect(computeLuhnCheckDigit('202100544')).toBe(8);
    expect(computeLuhnCheckDigit('121212121')).toBe(2);
    expect(computeLuhnCheckDigit('000000000')).toBe(0);
  });

  it('throws on non-digits', () => {
    expect(() => computeLuhnCheckDigit('55667788a')).toThrow(RangeError);
    expect(() => computeLuhnCheckDigit('')).toThrow(RangeError);
  });
});

describe('parseOrganisationNumber', () => {
  it.each([
    ['556677-8899', '556677-8899'],
    ['5566778899', '556677-8899'],
    ['16556677-8899', '556677-8899'],
    ['165566778899', '556677-8899'],
    [' 556677-8899 ', '556677-8899'],
    ['202100-5448', '202100-5448'], // Skatteverket
    ['212000-0142', '212000-0142'], // Stockholms stad
    ['556016-0680', '556016-0680'], // Telefonaktiebolaget LM Ericsson
    ['556012-5790', '556012-5790'], // AB Volvo
    ['556036-0793', '556036-0793'], // Saab AB
  ])('accepts organisation number %j as %s', (text, value) => {
    expect(parseOrganisationNumber(text)).toEqual({ ok: true, value, kind: 'organisation' });
  });

  it.each([
    ['121212-1212', '121212-1212'], // Skatteverket's test person "Tolvan"
    ['1212121212', '121212-1212'],
    ['19121212-1212', '121212-1212'],
    ['191212121212', '121212-1212'],
    ['18121212-1212', '121212-1212'], // century 18 is valid storage form (SKV 707)
    ['121212+1212', '121212-1212'], // born 1912, aged 100+
    ['811218-9876', '811218-9876'],
    ['701063-2391', '701063-2391'], // samordningsnummer, born 1970-10-03 (SKV 707)
    ['000229-0005', '000229-0005'], // 29 February 2000
    ['20000229-0005', '000229-0005'],
  ])('accepts personnummer %j as %s', (text, value) => {
    expect(parseOrganisationNumber(text)).toEqual({ ok: true, value, kind: 'personal' });
  });

  it.each([
    '',
    'abc',
    '556677-889',
    '556677-88990',
    '556677 8899',
    '556677--8899',
    '556677_8899',
    '55667788999', // 11 digits
    '556677+8899', // '+' only marks a person aged 100+
    '16556677+8899',
    '19556677-8899', // organisation number with a personal century
    '17556677-8899',
    '16121212-1212', // personnummer with the organisation century
    '21121212-1212',
    '19121212+1212',
    '５５６６７７-８８９９', // full-width digits
  ])('rejects %j as orgnr-format', (text) => {
    expect(parseOrganisationNumber(text)).toEqual({ ok: false, code: 'orgnr-format', input: text });
  });

  it.each(['556677-8898', '5566778890', '121212-1213', '16556677-8898'])(
    'rejects %j as orgnr-checksum',
    (text) => {
      expect(parseOrganisationNumber(text)).toEqual({
        ok: false,
        code: 'orgnr-checksum',
        input: text,
      });
    },
  );

  it.each([
    withCheckDigit('990230123'), // 30 February
    withCheckDigit('991301123'), // month 13
    withCheckDigit('990001123'), // month 00
    withCheckDigit('990100123'), // day 00
    withCheckDigit('990132123'), // 32 January
    withCheckDigit('990192123'), // samordningsnummer day 92 = 32 January
    withCheckDigit('010229123'), // 29 February in 1901 and 2001
    `${withCheckDigit('000229000').slice(0, 6)}+${withCheckDigit('000229000').slice(6)}`, // 1800/1900
    `19${withCheckDigit('000229000')}`, // 29 February 1900
  ])('rejects %j as orgnr-date', (text) => {
    expect(parseOrganisationNumber(text)).toEqual({ ok: false, code: 'orgnr-date', input: text });
  });

  const organisationNumbers = fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 2, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }),
    )
    .map(([a, b, c, rest]) => withCheckDigit(`${a}${b}${c}${rest.join('')}`));

  const personalNumbers = fc
    .tuple(
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') }),
      fc.integer({ min: 0, max: 999 }),
      fc.boolean(),
    )
    .filter(([date]) => !Number.isNaN(date.getTime()))
    .map(([date, birthNumber, coordination]) => {
      const [year = '', month = '', day = ''] = date.toISOString().slice(0, 10).split('-');
      const dayPart = coordination ? String(Number(day) + 60) : day;
      return withCheckDigit(
        `${year.slice(2)}${month}${dayPart}${String(birthNumber).padStart(3, '0')}`,
      );
    });

  const validNumbers = fc.tuple(
    fc.oneof(organisationNumbers, personalNumbers),
    fc.constantFrom('dash', 'plain'),
  );
  const format = (digits: string, style: string): string =>
    style === 'dash' ? `${digits.slice(0, 6)}-${digits.slice(6)}` : digits;

  it('accepts every generated valid number and normalises it', () => {
    fc.assert(
      fc.property(validNumbers, ([digits, style]) => {
        const result = parseOrganisationNumber(format(digits, style));
        expect(result.ok && result.value).toBe(`${digits.slice(0, 6)}-${digits.slice(6)}`);
        expect(result.ok && result.kind).toBe(Number(digits[2]) >= 2 ? 'organisation' : 'personal');
      }),
    );
  });

  it('rejects every single-digit change as a checksum error', () => {
    fc.assert(
      fc.property(
        validNumbers,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        ([digits, style], position, shift) => {
          const changed = (Number(digits[position]) + shift) % 10;
          const mutated = digits.slice(0, position) + String(changed) + digits.slice(position + 1);
          const text = format(mutated, style);
          expect(parseOrganisationNumber(text)).toEqual({
            ok: false,
            code: 'orgnr-checksum',
            input: text,
          });
        },
      ),
    );
  });
});
