/**
 * Expected outcomes as values. A function that can fail for a reason the caller must handle
 * (bad user input, a business rule) returns a `Result`; programming errors are thrown instead.
 * Failures carry a kebab-case `code`; Swedish and English messages are attached at the edge
 * (contracts/UI), never here.
 */

/** The success branch: `value` plus optional extra fields `D`. */
export type Ok<T, D extends object = Record<never, never>> = {
  readonly ok: true;
  readonly value: T;
} & Readonly<D>;

/** The failure branch: a kebab-case `code` plus optional details `D`. */
export type Failure<C extends string = string, D extends object = Record<never, never>> = {
  readonly ok: false;
  readonly code: C;
} & Readonly<D>;

/** Either a success carrying `T` or one of the failures `F`. */
export type Result<T, F extends Failure = Failure> = Ok<T> | F;

/** Wraps a value in a success. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Builds a failure with the given code and optional details. */
export function fail<C extends string, D extends object = Record<never, never>>(
  code: C,
  details?: D,
): Failure<C, D> {
  // The spread of `D` cannot be proven to produce `Readonly<D>` by the compiler; it is by construction.
  return { ...details, ok: false, code } as Failure<C, D>;
}
