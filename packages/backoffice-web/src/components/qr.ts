// QR codes drawn as one SVG path, client-side: the `qrcode` package computes the symbol (the
// modules), and the path covers every dark module, one horizontal run at a time.
import { create } from 'qrcode';

export interface QrSymbol {
  /** Modules per side (21 for version 1). */
  size: number;
  /** An SVG path in module units: one `M x y h n v 1 h -n z` rectangle per run of dark modules. */
  path: string;
}

/** The path of a square module matrix (row by row, non-zero = dark). */
export function modulePath(size: number, data: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      const run = x - start;
      parts.push(`M${start} ${y}h${run}v1h-${run}z`);
    }
  }
  return parts.join('');
}

/** The QR symbol of a text, error correction M (15 % of the symbol may be damaged). */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, path: modulePath(modules.size, modules.data) };
}
