/**
 * Canonical JSON: the one serialisation the journal's hashes are computed over (journal-chain.ts),
 * so that the register and the server hash an entry to the same text.
 */

/**
 * Serialises a JSON-like value with object keys in code-point order and no whitespace.
 * Only strings, booleans, null, safe integers, arrays and plain objects are allowed; a float,
 * NaN, a bigint or a function throws, since it would not hash the same everywhere. Object
 * properties whose value is `undefined` are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  // Written as one loop per level with string appends: the server recomputes 500 of these per
  // upload batch (about 1.2 kB each), so this is on the ingest's hot path.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonical JSON allows only safe integers, got ${value}`);
      }
      return String(value); // a safe integer prints as JSON does (-0 as 0)
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out += ',';
          out += canonicalJson(value[i]);
        }
        return `${out}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) break;
      const record = value as Record<string, unknown>; // a plain object, checked just above
      // The default sort compares UTF-16 code units, as `a < b` does.
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
      }
      return `${out}}`;
    }
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
