// The PIN pad: 4–8 digits (the backoffice's `invalid-pin` rule), entered on the screen's keypad
// or on a physical keyboard.

const pinMinLength = 4;
export const pinMaxLength = 8;

export type PinKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'backspace';

export const pinDigits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

/** The PIN after one key press; digits beyond the longest PIN are ignored. */
export function pressPinKey(pin: string, key: PinKey): string {
  if (key === 'backspace') return pin.slice(0, -1);
  return pin.length >= pinMaxLength ? pin : pin + key;
}

/** Keeps only digits, up to the longest PIN (for typing or pasting into the PIN field). */
export function sanitisePin(input: string): string {
  return input.replace(/\D/g, '').slice(0, pinMaxLength);
}

/** Whether a PIN is long enough to send. */
export function isCompletePin(pin: string): boolean {
  return pin.length >= pinMinLength && pin.length <= pinMaxLength && /^\d+$/.test(pin);
}

/** The pad key a physical key stands for (`KeyboardEvent.key`), or null. */
export function pinKeyFromKeyboard(key: string): PinKey | null {
  if (key === 'Backspace') return 'backspace';
  return /^[0-9]$/.test(key) ? (key as PinKey) : null;
}
