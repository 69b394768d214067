import { useMemo } from 'react';
import { qrSymbol } from './qr';

/** The quiet zone the QR standard asks for around the symbol, in modules. */
const QUIET = 4;

/** A QR code as an inline SVG (black on white, whatever the colour scheme), named by `label`. */
export function QrCode({
  value,
  label,
  size = 176,
}: {
  value: string;
  label: string;
  size?: number;
}) {
  const symbol = useMemo(() => qrSymbol(value), [value]);
  const side = symbol.size + QUIET * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`${-QUIET} ${-QUIET} ${side} ${side}`}
      shapeRendering="crispEdges"
      data-qr-modules={symbol.size}
    >
      <rect x={-QUIET} y={-QUIET} width={side} height={side} fill="#fff" />
      <path d={symbol.path} fill="#000" />
    </svg>
  );
}
