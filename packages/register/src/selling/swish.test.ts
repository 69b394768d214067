import { describe, expect, it } from 'vitest';
import { swishQrText } from './swish.js';

describe('the prefilled Swish QR text', () => {
  it('is C<payee>;<amount>;<message>;0 with the amount in kronor', () => {
    expect(swishQrText('1231234567', 12550, 'Kassa K1')).toBe('C1231234567;125.50;Kassa K1;0');
    expect(swishQrText('1231234567', 10000, 'Kassa K1')).toBe('C1231234567;100;Kassa K1;0');
    expect(swishQrText('1231234567', 5, 'x')).toBe('C1231234567;0.05;x;0');
  });

  it('keeps the message to 50 characters without field separators', () => {
    const text = swishQrText('1231234567', 100, `Bord 4; ${'a'.repeat(80)}\nrad`);
    const message = text.split(';')[2] ?? '';
    expect(text.split(';')).toHaveLength(4);
    expect(message).toHaveLength(50);
    expect(message.startsWith('Bord 4  ')).toBe(true);
  });

  it('refuses a payee that is not 10 digits and an amount that is not positive', () => {
    expect(() => swishQrText('123 123 45 67', 100, 'x')).toThrow(RangeError);
    expect(() => swishQrText('1231234567', 0, 'x')).toThrow(RangeError);
    expect(() => swishQrText('1231234567', 1.5, 'x')).toThrow(RangeError);
  });
});
