/**
 * The file name of a download from its Content-Disposition header (RFC 6266): `filename*`
 * (RFC 5987, UTF-8) wins over `filename`; quotes are removed and any folder part is dropped, so
 * the answer is always a plain name. Null when the header names no file.
 */
export function fileNameFromContentDisposition(header: string | null): string | null {
  if (header === null) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2] !== undefined) {
    try {
      const name = plainName(decodeURIComponent(extended[2].trim()));
      if (name !== null) return name;
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return plainName(quoted[1].replace(/\\(.)/g, '$1'));
  const token = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return token?.[1] === undefined ? null : plainName(token[1]);
}

function plainName(name: string): string | null {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' || base === '.' || base === '..' ? null : base;
}
