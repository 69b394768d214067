/**
 * A small ESC/POS decoder for tests: bytes back to lines of text with their styling, so a test
 * can check what a receipt printer would print. No usable ESC/POS parser exists on npm.
 *
 * Understood: LF (line end), CR (ignored), ESC @ (initialize), ESC t (codepage, text decoded
 * with iconv-lite), ESC E / ESC G (bold), ESC - (underline), ESC ! (print mode), ESC a (align),
 * ESC d (feed lines), GS ! (character size), GS B (invert), GS ( k (QR code: stored payload and
 * print), GS V (cut), GS k (barcode), and the parameters of other common commands (ESC M, ESC 2/3,
 * ESC J, ESC p, ESC R, ESC *, GS v 0, GS h/w/H/f, FS ., FS &, DLE EOT …) so they are skipped
 * cleanly. Anything else is recorded in `unknown` and skipped, never thrown.
 */
import iconv from 'iconv-lite';

export type EscPosAlign = 'left' | 'center' | 'right';

/** A run of text printed in one style. Width and height are the GS ! factors (1–8). */
export interface EscPosSpan {
  readonly text: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly invert: boolean;
  readonly width: number;
  readonly height: number;
  /** The ESC t codepage number the text was decoded with. */
  readonly codepage: number;
}

/** One printed line (ended by LF). */
export interface EscPosLine {
  readonly text: string;
  readonly spans: readonly EscPosSpan[];
  readonly align: EscPosAlign;
}

/** A QR code stored with GS ( k fn 80; `printed` once fn 81 followed it. */
export interface EscPosQrCode {
  readonly data: string;
  readonly printed: boolean;
  /** Index in `lines` of the line being built when it was printed. */
  readonly lineIndex: number;
}

export interface EscPosCut {
  readonly kind: 'full' | 'partial';
  readonly offset: number;
  readonly lineIndex: number;
}

/** A command the decoder did not understand, at its byte offset. */
export interface EscPosUnknown {
  readonly offset: number;
  readonly bytes: readonly number[];
}

export interface DecodedEscPos {
  readonly lines: readonly EscPosLine[];
  readonly qrCodes: readonly EscPosQrCode[];
  readonly barcodes: readonly string[];
  readonly cuts: readonly EscPosCut[];
  /** Codepages selected with ESC t, in order. */
  readonly codepages: readonly number[];
  readonly initializations: number;
  readonly unknown: readonly EscPosUnknown[];
}

/** ESC t numbers (Epson table) to iconv-lite encodings. */
const CODEPAGES: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
};

/** The iconv-lite encoding for an ESC t number, or undefined when not supported here. */
export function escPosCodepageEncoding(codepage: number): string | undefined {
  return CODEPAGES[codepage];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const CR = 0x0d;

interface Style {
  bold: boolean;
  underline: boolean;
  invert: boolean;
  width: number;
  height: number;
  codepage: number;
  align: EscPosAlign;
}

const initialStyle = (): Style => ({
  bold: false,
  underline: false,
  invert: false,
  width: 1,
  height: 1,
  codepage: 0,
  align: 'left',
});

/** ESC commands with a fixed number of parameter bytes. */
const ESC_FIXED: Readonly<Record<number, number>> = {
  0x20: 1, // ESC SP n: right-side spacing
  0x21: 1, // ESC ! n: print mode (handled)
  0x24: 2, // ESC $ nL nH: absolute position
  0x25: 1, // ESC % n: user-defined characters
  0x2d: 1, // ESC - n: underline (handled)
  0x32: 0, // ESC 2: default line spacing
  0x33: 1, // ESC 3 n: line spacing
  0x3c: 0, // ESC <: return home
  0x3d: 1, // ESC = n: peripheral device
  0x3f: 1, // ESC ? n: cancel user-defined character
  0x40: 0, // ESC @ (handled)
  0x44: -1, // ESC D: tab positions, NUL-terminated
  0x45: 1, // ESC E n: bold (handled)
  0x47: 1, // ESC G n: double-strike (handled as bold)
  0x4a: 1, // ESC J n: feed n dots
  0x4b: 1, // ESC K n: reverse feed
  0x4c: 0, // ESC L: page mode
  0x4d: 1, // ESC M n: font
  0x52: 1, // ESC R n: international character set
  0x53: 0, // ESC S: standard mode
  0x54: 1, // ESC T n: print direction (page mode)
  0x55: 1, // ESC U n: unidirectional
  0x56: 1, // ESC V n: rotation
  0x5c: 2, // ESC \ nL nH: relative position
  0x61: 1, // ESC a n: alignment (handled)
  0x63: 2, // ESC c 3 n / ESC c 4 n / ESC c 5 n: paper sensors, panel keys
  0x64: 1, // ESC d n: feed lines (handled)
  0x65: 1, // ESC e n: reverse feed lines
  0x69: 0, // ESC i: partial cut (old)
  0x6d: 0, // ESC m: partial cut (old)
  0x70: 3, // ESC p m t1 t2: drawer kick
  0x72: 1, // ESC r n: colour
  0x74: 1, // ESC t n: codepage (handled)
  0x75: 1, // ESC u n: peripheral status
  0x76: 0, // ESC v: paper status
  0x7b: 1, // ESC { n: upside down
};

/** GS commands with a fixed number of parameter bytes (others are handled one by one). */
const GS_FIXED: Readonly<Record<number, number>> = {
  0x21: 1, // GS ! n: size (handled)
  0x24: 2, // GS $ nL nH
  0x2f: 1, // GS / m: print downloaded image
  0x3a: 0, // GS :: macro
  0x42: 1, // GS B n: invert (handled)
  0x48: 1, // GS H n: barcode text position
  0x49: 1, // GS I n: printer id
  0x4c: 2, // GS L nL nH: left margin
  0x50: 2, // GS P x y: motion units
  0x54: 1, // GS T n
  0x57: 2, // GS W nL nH: print area width
  0x5c: 2, // GS \ nL nH
  0x5e: 3, // GS ^ r t m
  0x61: 1, // GS a n: automatic status back
  0x62: 1, // GS b n: smoothing
  0x66: 1, // GS f n: barcode font
  0x67: 2, // GS g 0 m … (approximation)
  0x68: 1, // GS h n: barcode height
  0x72: 1, // GS r n: status
  0x77: 1, // GS w n: barcode width
};

/** Decodes ESC/POS `bytes` into lines, QR codes, cuts and the commands it did not know. */
export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const lines: EscPosLine[] = [];
  const qrCodes: EscPosQrCode[] = [];
  const barcodes: string[] = [];
  const cuts: EscPosCut[] = [];
  const codepages: number[] = [];
  const unknown: EscPosUnknown[] = [];
  let initializations = 0;
  let style = initialStyle();
  let spans: EscPosSpan[] = [];
  let pending: number[] = [];
  let storedQr: string | null = null;
  let lineAlign: EscPosAlign | null = null;

  const at = (index: number): number => bytes[index] ?? 0;
  const flushText = (): void => {
    if (pending.length === 0) {
      return;
    }
    const encoding = CODEPAGES[style.codepage] ?? 'cp437';
    const text = iconv.decode(Buffer.from(pending), encoding);
    pending = [];
    const { bold, underline, invert, width, height, codepage } = style;
    const last = spans.at(-1);
    if (
      last &&
      last.bold === bold &&
      last.underline === underline &&
      last.invert === invert &&
      last.width === width &&
      last.height === height &&
      last.codepage === codepage
    ) {
      spans[spans.length - 1] = { ...last, text: last.text + text };
    } else {
      spans.push({ text, bold, underline, invert, width, height, codepage });
    }
    lineAlign ??= style.align;
  };
  const endLine = (): void => {
    flushText();
    lines.push({
      text: spans.map((s) => s.text).join(''),
      spans,
      align: lineAlign ?? style.align,
    });
    spans = [];
    lineAlign = null;
  };
  const change = (apply: () => void): void => {
    flushText();
    apply();
  };

  let i = 0;
  while (i < bytes.length) {
    const byte = at(i);
    if (byte === LF) {
      endLine();
      i += 1;
    } else if (byte === CR) {
      i += 1;
    } else if (byte === ESC) {
      const command = at(i + 1);
      if (command === 0x2a) {
        // ESC * m nL nH data: bit image, 1 byte per column (m 0, 1) or 3 (m 32, 33).
        const columns = at(i + 3) + at(i + 4) * 256;
        endLineIfText();
        i += 5 + columns * (at(i + 2) <= 1 ? 1 : 3);
        continue;
      }
      const fixed = ESC_FIXED[command];
      if (i + 1 >= bytes.length || fixed === undefined) {
        unknown.push({ offset: i, bytes: Array.from(bytes.subarray(i, i + 2)) });
        i += 2;
        continue;
      }
      const n = at(i + 2);
      switch (command) {
        case 0x40:
          change(() => {
            style = { ...initialStyle(), codepage: 0 };
          });
          initializations += 1;
          break;
        case 0x74:
          change(() => {
            style.codepage = n;
          });
          codepages.push(n);
          if (CODEPAGES[n] === undefined) {
            unknown.push({ offset: i, bytes: [ESC, command, n] });
          }
          break;
        case 0x45:
        case 0x47:
          change(() => {
            style.bold = (n & 1) === 1;
          });
          break;
        case 0x2d:
          change(() => {
            style.underline = (n & 3) !== 0 && n !== 0x30;
          });
          break;
        case 0x21:
          change(() => {
            style.bold = (n & 0x08) !== 0;
            style.height = (n & 0x10) !== 0 ? 2 : 1;
            style.width = (n & 0x20) !== 0 ? 2 : 1;
            style.underline = (n & 0x80) !== 0;
          });
          break;
        case 0x61:
          change(() => {
            style.align = n % 0x30 === 1 ? 'center' : n % 0x30 === 2 ? 'right' : 'left';
          });
          break;
        case 0x64:
          endLine();
          for (let k = 1; k < n; k += 1) {
            endLine();
          }
          break;
        default:
          break;
      }
      if (fixed === -1) {
        let end = i + 2;
        while (end < bytes.length && at(end) !== 0) {
          end += 1;
        }
        i = end + 1;
      } else {
        i += 2 + fixed;
      }
    } else if (byte === GS) {
      i = decodeGs(i);
    } else if (byte === FS) {
      const command = at(i + 1);
      if (command === 0x2e || command === 0x26) {
        i += 2; // FS . / FS &: Kanji off / on
      } else if (command === 0x43 || command === 0x21 || command === 0x2d || command === 0x57) {
        i += 3; // FS C n, FS ! n, FS - n, FS W n
      } else {
        unknown.push({ offset: i, bytes: Array.from(bytes.subarray(i, i + 2)) });
        i += 2;
      }
    } else if (byte === DLE) {
      const command = at(i + 1);
      const length = command === 0x04 || command === 0x05 ? 3 : command === 0x14 ? 5 : 2;
      if (command !== 0x04 && command !== 0x05 && command !== 0x14) {
        unknown.push({ offset: i, bytes: Array.from(bytes.subarray(i, i + 2)) });
      }
      i += length;
    } else if (byte < 0x20 && byte !== 0x09) {
      unknown.push({ offset: i, bytes: [byte] });
      i += 1;
    } else {
      pending.push(byte);
      i += 1;
    }
  }
  flushText();
  if (spans.length > 0) {
    endLine();
  }
  return { lines, qrCodes, barcodes, cuts, codepages, initializations, unknown };

  // GS commands; returns the offset after the command.
  function decodeGs(start: number): number {
    const command = at(start + 1);
    const n = at(start + 2);
    switch (command) {
      case 0x21:
        change(() => {
          style.width = ((n >> 4) & 0x07) + 1;
          style.height = (n & 0x07) + 1;
        });
        return start + 3;
      case 0x42:
        change(() => {
          style.invert = (n & 1) === 1;
        });
        return start + 3;
      case 0x56: {
        // GS V m (m = 0, 1, 48, 49) or GS V m n (m = 65, 66, 97, 98, 103, 104).
        const partial = n === 1 || n === 0x31 || n === 0x42 || n === 0x62 || n === 0x68;
        cuts.push({ kind: partial ? 'partial' : 'full', offset: start, lineIndex: lines.length });
        return start + (n >= 0x41 ? 4 : 3);
      }
      case 0x28: {
        // GS ( fn pL pH data…
        const fn = n;
        const length = at(start + 3) + at(start + 4) * 256;
        const data = bytes.subarray(start + 5, start + 5 + length);
        if (fn === 0x6b && length >= 3 && data[0] === 0x31) {
          const qrFunction = data[1];
          if (qrFunction === 0x50) {
            storedQr = Buffer.from(data.subarray(3)).toString('utf8');
          } else if (qrFunction === 0x51) {
            flushText();
            qrCodes.push({ data: storedQr ?? '', printed: true, lineIndex: lines.length });
            storedQr = null;
          }
        }
        return start + 5 + length;
      }
      case 0x6b: {
        // GS k m …: barcode, NUL-terminated (m ≤ 6) or with a length byte (m ≥ 65).
        if (n <= 6) {
          let end = start + 3;
          while (end < bytes.length && at(end) !== 0) {
            end += 1;
          }
          barcodes.push(Buffer.from(bytes.subarray(start + 3, end)).toString('latin1'));
          return end + 1;
        }
        const length = at(start + 3);
        barcodes.push(
          Buffer.from(bytes.subarray(start + 4, start + 4 + length)).toString('latin1'),
        );
        return start + 4 + length;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH data: raster image.
        const widthBytes = at(start + 4) + at(start + 5) * 256;
        const heightDots = at(start + 6) + at(start + 7) * 256;
        endLineIfText();
        return start + 8 + widthBytes * heightDots;
      }
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 data: extended graphics.
        const length =
          at(start + 3) +
          at(start + 4) * 0x100 +
          at(start + 5) * 0x10000 +
          at(start + 6) * 0x1000000;
        return start + 7 + length;
      }
      default: {
        const fixed = GS_FIXED[command];
        if (fixed === undefined) {
          unknown.push({ offset: start, bytes: Array.from(bytes.subarray(start, start + 2)) });
          return start + 2;
        }
        return start + 2 + fixed;
      }
    }
  }

  function endLineIfText(): void {
    flushText();
    if (spans.length > 0) {
      endLine();
    }
  }
}

/** All printed text, one line per printed line. */
export function escPosText(decoded: DecodedEscPos): string {
  return decoded.lines.map((line) => line.text).join('\n');
}

/** The spans whose text contains `needle`, over all lines. */
export function spansContaining(decoded: DecodedEscPos, needle: string): EscPosSpan[] {
  return decoded.lines.flatMap((line) => line.spans.filter((span) => span.text.includes(needle)));
}
