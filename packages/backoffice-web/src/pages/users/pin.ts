/** A register PIN: 4–8 digits (the API's rule, checked before sending). */
export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}
