import { setPinBodySchema } from '@kassa/contracts';

/** A register PIN: 4–8 digits (the API's rule, checked before sending). */
export function isValidPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

/** The body the server parses, with its 4–8 digits checked before sending. */
export const pinFormSchema = setPinBodySchema.extend({
  pin: setPinBodySchema.shape.pin.refine(isValidPin),
});
