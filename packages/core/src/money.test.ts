import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PARSED_ORE,
  type Ore,
  add,
  allocate,
  formatKronor,
  formatWholeKronor,
  multiplyByGrams,
  multiplyByQuantity,
  negate,
  ore,
  parseKronor,
  parseTypedKronor,
  subtract,
  sum,
} from './money.js';

const NBSP = '\u00a0';
const anyOre = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }).map(ore);

function parsed(text: string): Ore {
  const result = parseKronor(text);
  if (!result.ok) {
    throw new Error(`expected ${JSON.stringify(text)} to parse, got ${result.code}`);
  }
  return result.value;
}

describe('ore', () => {
  it('accepts safe integers and normalises −0', () => {
    expect(ore(12_50)).toBe(1250);
    expect(ore(-1)).toBe(-1);
    expect(Object.is(ore(-0), 0)).toBe(true);
  });

  it('throws on fractions, NaN, infinities and unsafe integers', () => {
    expect(() => ore(1.5)).toThrow(RangeError);
    expect(() => ore(Number.NaN)).toThrow(RangeError);
    expect(() => ore(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => ore(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, negates and sums', () => {
    expect(add(ore(100), ore(250))).toBe(350);
    expect(subtract(ore(100), ore(250))).toBe(-150);
    expect(negate(ore(150))).toBe(-150);
    expect(Object.is(negate(ore(0)), 0)).toBe(true);
    expect(sum([ore(1), ore(2), ore(-4)])).toBe(-1);
    expect(sum([])).toBe(0);
  });

  it('throws when a result leaves the safe-integer range', () => {
    expect(() => add(ore(Number.MAX_SAFE_INTEGER), ore(1))).toThrow(RangeError);
  });

  it('keeps add and subtract inverse to each other', () => {
    fc.assert(
      fc.property(anyOre, anyOre, (a, b) => {
        expect(subtract(add(a, b), b)).toBe(a);
        expect(add(a, negate(b))).toBe(subtract(a, b));
      }),
    );
  });
});

describe('multiplyByQuantity', () => {
  it('multiplies by positive, zero and negative (return) quantities', () => {
    expect(multiplyByQuantity(ore(2995), 3)).toBe(8985);
    expect(multiplyByQuantity(ore(2995), -2)).toBe(-5990);
    expect(Object.is(multiplyByQuantity(ore(2995), 0), 0)).toBe(true);
  });

  it('throws on a fractional quantity or an overflowing product', () => {
    expect(() => multiplyByQuantity(ore(100), 1.5)).toThrow(RangeError);
    expect(() => multiplyByQuantity(ore(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
  });
});

describe('multiplyByGrams', () => {
  it('prices weighed goods and rounds half away from zero', () => {
    expect(multiplyByGrams(ore(14900), 350)).toBe(5215); // 149,00 kr/kg × 350 g
    expect(multiplyByGrams(ore(9990), 125)).toBe(1249); // 1248,75 öre → 1249
    expect(multiplyByGrams(ore(100), 5)).toBe(1); // 0,5 öre → 1
    expect(multiplyByGrams(ore(100), 4)).toBe(0); // 0,4 öre → 0
    expect(multiplyByGrams(ore(100), -5)).toBe(-1); // return: −0,5 öre → −1
    expect(multiplyByGrams(ore(-100), 5)).toBe(-1);
  });

  it('throws on fractional grams', () => {
    expect(() => multiplyByGrams(ore(100), 2.5)).toThrow(RangeError);
  });

  it('is within half an öre of the exact price and symmetric for returns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (price, grams) => {
          const amount = multiplyByGrams(ore(price), grams);
          expect(Math.abs(amount * 1000 - price * grams)).toBeLessThanOrEqual(500);
          expect(multiplyByGrams(ore(price), -grams)).toBe(negate(amount));
        },
      ),
    );
  });
});

describe('parseKronor', () => {
  it.each([
    ['1 234,50', 123450],
    [`1${NBSP}234,50`, 123450],
    ['1\u202f234,50', 123450],
    ['1234,50', 123450],
    ['1234.50', 123450],
    ['12', 1200],
    ['12,5', 1250],
    ['0,05', 5],
    ['-3,00', -300],
    ['\u22123,00', -300],
    ['- 3,00 kr', -300],
    ['1 234,50 kr', 123450],
    [`1${NBSP}234,50${NBSP}kr`, 123450],
    ['99kr', 9900],
    ['  7,25  ', 725],
    ['12 345 678,90', 1234567890],
  ])('parses %j as %i öre', (text, expected) => {
    expect(parseKronor(text)).toEqual({ ok: true, value: expected });
  });

  it('parses minus zero as zero', () => {
    expect(Object.is(parsed('-0,00'), 0)).toBe(true);
  });

  it.each([
    ['', 'amount-empty'],
    ['   ', 'amount-empty'],
    ['abc', 'amount-invalid'],
    ['12,', 'amount-invalid'],
    [',50', 'amount-invalid'],
    ['1,2,3', 'amount-invalid'],
    ['1 23,00', 'amount-invalid'],
    ['12 34', 'amount-invalid'],
    ['1,234.50', 'amount-invalid'],
    ['12 kr 50', 'amount-invalid'],
    ['--3', 'amount-invalid'],
    ['3-', 'amount-invalid'],
    ['1e5', 'amount-invalid'],
    ['12,345', 'amount-too-many-decimals'],
    ['0.001', 'amount-too-many-decimals'],
    ['100000000000,01', 'amount-out-of-range'],
    ['-100000000000,01', 'amount-out-of-range'],
    ['99999999999999999999999', 'amount-out-of-range'],
  ])('rejects %j with %s', (text, code) => {
    expect(parseKronor(text)).toEqual({ ok: false, code, input: text });
  });

  it('accepts the limit itself', () => {
    expect(parsed('100 000 000 000,00')).toBe(MAX_PARSED_ORE);
    expect(parsed('-100000000000')).toBe(-MAX_PARSED_ORE);
  });
});

describe('formatKronor', () => {
  it('formats in the Swedish style with no-break spaces', () => {
    expect(formatKronor(ore(123450))).toBe(`1${NBSP}234,50${NBSP}kr`);
    expect(formatKronor(ore(5))).toBe(`0,05${NBSP}kr`);
    expect(formatKronor(ore(0))).toBe(`0,00${NBSP}kr`);
    expect(formatKronor(ore(-300))).toBe(`-3,00${NBSP}kr`);
    expect(formatKronor(ore(-123456789))).toBe(`-1${NBSP}234${NBSP}567,89${NBSP}kr`);
    expect(formatKronor(ore(100000))).toBe(`1${NBSP}000,00${NBSP}kr`);
    expect(formatKronor(ore(99999))).toBe(`999,99${NBSP}kr`);
  });

  it('omits the unit on request', () => {
    expect(formatKronor(ore(123450), { unit: false })).toBe(`1${NBSP}234,50`);
    expect(formatKronor(ore(123450), { unit: true })).toBe(`1${NBSP}234,50${NBSP}kr`);
  });

  it('is exact at the edge of the safe-integer range', () => {
    expect(formatKronor(ore(Number.MAX_SAFE_INTEGER), { unit: false })).toBe(
      `90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91`,
    );
    expect(formatKronor(ore(9_007_199_254_740_899), { unit: false })).toBe(
      `90${NBSP}071${NBSP}992${NBSP}547${NBSP}408,99`,
    );
  });

  it('throws on a non-integer amount smuggled past the type', () => {
    // Deliberate cast: simulates a bug elsewhere that produced a fractional öre value.
    expect(() => formatKronor(0.5 as Ore)).toThrow(RangeError);
  });

  it('round-trips through parseKronor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -MAX_PARSED_ORE, max: MAX_PARSED_ORE }),
        fc.boolean(),
        (value, unit) => {
          expect(parsed(formatKronor(ore(value), { unit }))).toBe(value);
        },
      ),
    );
  });
});

describe('allocate', () => {
  it('splits evenly where it can and gives leftovers by largest remainder', () => {
    expect(allocate(ore(100), [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(ore(1000), [1, 1, 1, 1])).toEqual([250, 250, 250, 250]);
    expect(allocate(ore(100), [1, 2])).toEqual([33, 67]);
    expect(allocate(ore(10), [0.3, 0.3, 0.4])).toEqual([3, 3, 4]);
    expect(allocate(ore(5), [3, 3, 3, 1])).toEqual([2, 2, 1, 0]);
  });

  it('breaks remainder ties by lower index', () => {
    expect(allocate(ore(2), [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocate(ore(1), [1, 1])).toEqual([1, 0]);
  });

  it('mirrors the positive split for negative totals', () => {
    expect(allocate(ore(-100), [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(ore(-7), [2, 0, 5])).toEqual([-2, 0, -5]);
  });

  it('gives zero weights nothing', () => {
    expect(allocate(ore(101), [0, 1, 0, 1])).toEqual([0, 51, 0, 50]);
  });

  it('handles a zero total and a single weight', () => {
    expect(allocate(ore(0), [1, 2])).toEqual([0, 0]);
    expect(allocate(ore(-999), [7])).toEqual([-999]);
  });

  it('throws on empty, all-zero, negative or non-finite weights', () => {
    expect(() => allocate(ore(100), [])).toThrow(RangeError);
    expect(() => allocate(ore(100), [0, 0])).toThrow(RangeError);
    expect(() => allocate(ore(100), [1, -1])).toThrow(RangeError);
    expect(() => allocate(ore(100), [1, Number.NaN])).toThrow(RangeError);
    expect(() => allocate(ore(100), [Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });

  const weightLists = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1000, noNaN: true, noDefaultInfinity: true }),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .filter((weights) => weights.some((w) => w > 0));

  it('always sums to the total, including negative totals and uneven splits', () => {
    fc.assert(
      fc.property(anyOre, weightLists, (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts)).toBe(total);
        parts.forEach((part) => expect(Number.isSafeInteger(part)).toBe(true));
      }),
    );
  });

  it('keeps each part within one öre of its exact share and zero weights at zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const weightSum = weights.reduce((a, w) => a + w, 0);
          const parts = allocate(ore(total), weights);
          parts.forEach((part, i) => {
            const weight = weights[i] ?? 0;
            // |part − total·w/W| < 1, compared in integers: |part·W − total·w| < W.
            expect(Math.abs(part * weightSum - total * weight)).toBeLessThan(weightSum);
            if (weight === 0) {
              expect(part).toBe(0);
            }
          });
          expect(allocate(ore(-total), weights)).toEqual(parts.map((p) => negate(p)));
        },
      ),
    );
  });
});

describe('parseTypedKronor', () => {
  it.each([
    ['12', 1200],
    ['12,5', 1250],
    ['12.05', 1205],
    ['1 234,50', 123450],
    [`1${NBSP}234,50${NBSP}kr`, 123450],
    [' 100 kr ', 10000],
    ['1 2345', 1234500],
    ['0', 0],
  ])('reads %j as %i öre', (text, expected) => {
    expect(parseTypedKronor(text)).toBe(expected);
  });

  it.each(['', ',50', '12,505', '-5', '-0', '\u22125', 'tio', '1e3', '12,'])(
    'refuses %j',
    (text) => {
      expect(parseTypedKronor(text)).toBeNull();
    },
  );

  it('refuses more than the field allows', () => {
    expect(parseTypedKronor('999 999,99', 99_999_999)).toBe(99_999_999);
    expect(parseTypedKronor('1 000 000', 99_999_999)).toBeNull();
  });

  it('reads back every amount formatKronor writes, with or without the unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_PARSED_ORE }).map(ore), (amount) => {
        expect(parseTypedKronor(formatKronor(amount))).toBe(amount);
        expect(parseTypedKronor(formatKronor(amount, { unit: false }))).toBe(amount);
      }),
    );
  });
});

describe('formatWholeKronor', () => {
  it('rounds half away from zero and leaves out the öre', () => {
    expect(formatWholeKronor(ore(123450))).toBe(`1${NBSP}235${NBSP}kr`);
    expect(formatWholeKronor(ore(50000))).toBe(`500${NBSP}kr`);
    expect(formatWholeKronor(ore(-149))).toBe(`-1${NBSP}kr`);
    expect(formatWholeKronor(ore(-150))).toBe(`-2${NBSP}kr`);
    expect(formatWholeKronor(ore(-49))).toBe(`0${NBSP}kr`);
    expect(formatWholeKronor(ore(0), { unit: false })).toBe('0');
  });
});
