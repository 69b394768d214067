import { describe, expect, it } from 'vitest';
import { isCompletePin, pinKeyFromKeyboard, pressPinKey, sanitisePin } from './pin';

describe('pressPinKey', () => {
  it('appends digits and deletes the last one', () => {
    expect(pressPinKey('', '1')).toBe('1');
    expect(pressPinKey('12', '0')).toBe('120');
    expect(pressPinKey('120', 'backspace')).toBe('12');
    expect(pressPinKey('', 'backspace')).toBe('');
  });

  it('stops at eight digits', () => {
    expect(pressPinKey('12345678', '9')).toBe('12345678');
  });
});

describe('sanitisePin', () => {
  it('keeps at most eight digits', () => {
    expect(sanitisePin('12a3 4')).toBe('1234');
    expect(sanitisePin('1234567890')).toBe('12345678');
  });
});

describe('isCompletePin', () => {
  it('accepts 4–8 digits', () => {
    expect(isCompletePin('123')).toBe(false);
    expect(isCompletePin('1234')).toBe(true);
    expect(isCompletePin('12345678')).toBe(true);
    expect(isCompletePin('123456789')).toBe(false);
    expect(isCompletePin('12a4')).toBe(false);
  });
});

describe('pinKeyFromKeyboard', () => {
  it('maps digits and Backspace, nothing else', () => {
    expect(pinKeyFromKeyboard('7')).toBe('7');
    expect(pinKeyFromKeyboard('Backspace')).toBe('backspace');
    expect(pinKeyFromKeyboard('Enter')).toBeNull();
    expect(pinKeyFromKeyboard('a')).toBeNull();
    expect(pinKeyFromKeyboard('F1')).toBeNull();
  });
});
