// A keyboard-wedge barcode scanner types the code's characters very fast and ends with Enter. A
// person typing on the keyboard is much slower, so only a burst of quick keys counts as a scan.

export interface ScannerOptions {
  /** The longest pause between two keys of one scan (scanners: a few ms; people: 100 ms or more). */
  maxGapMs: number;
  /** The shortest code accepted (EAN-8 has 8 digits; shop-internal codes may be shorter). */
  minLength: number;
}

const defaultScannerOptions: ScannerOptions = { maxGapMs: 50, minLength: 4 };

export type ScanStep =
  /** The key was taken into the buffer (a scan may be under way). */
  | { kind: 'buffering' }
  /** Enter ended a fast burst: this is a scanned code. */
  | { kind: 'scan'; code: string }
  /** Not part of a scan (a slow key, Enter after slow or too few keys, another key). */
  | { kind: 'ignored' };

const codeCharacter = /^[0-9A-Za-z]$/;

/**
 * Collects keys with their times (`KeyboardEvent.timeStamp`, injected: no clock here) and says
 * when they were a scan. A pause longer than `maxGapMs` starts over with the key after it.
 */
export class ScanBuffer {
  #chars = '';
  #lastAt = Number.NEGATIVE_INFINITY;
  readonly #options: ScannerOptions;

  constructor(options: ScannerOptions = defaultScannerOptions) {
    this.#options = options;
  }

  key(key: string, at: number): ScanStep {
    const fast = at - this.#lastAt <= this.#options.maxGapMs;
    if (codeCharacter.test(key)) {
      this.#chars = fast ? this.#chars + key : key;
      this.#lastAt = at;
      return { kind: 'buffering' };
    }
    const code = this.#chars;
    this.reset();
    if (key === 'Enter' && fast && code.length >= this.#options.minLength) {
      return { kind: 'scan', code };
    }
    return { kind: 'ignored' };
  }

  reset(): void {
    this.#chars = '';
    this.#lastAt = Number.NEGATIVE_INFINITY;
  }
}

/** Whether a key event is meant for the element that has the focus (a field that takes text). */
export function keyBelongsToField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range'].includes(target.type);
}
