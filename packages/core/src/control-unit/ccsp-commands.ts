/**
 * The fixed CleanCash serial protocol ("CCSP") commands besides the receipt registration
 * (docs/spec/sweden-regulation.md §5.3 [S]):
 * - "SIQ" status request → "SIR"; "IQ" identity request → "IR" (unit id, protocol version,
 *   firmware);
 * - CCSP v1 only: "ST" (start a receipt), then "RH#…" (receipt header), then "SQ" (signature
 *   request). Kassa speaks v2 ("RR", see `receipt-registration.ts`); "RH" is not built here
 *   because the spec does not give its fields. "ST" and "SQ" are provided because their frames
 *   are fixed (the spec lists them as test vectors).
 */
import { encodeCcspFrame } from './ccsp-frame.js';

/** The fixed commands, by purpose. */
export const CCSP_COMMANDS = {
  statusRequest: 'SIQ',
  identityRequest: 'IQ',
  startReceiptV1: 'ST',
  signatureRequestV1: 'SQ',
} as const;

/** One of the fixed commands. */
export type CcspCommand = (typeof CCSP_COMMANDS)[keyof typeof CCSP_COMMANDS];

/** Returns the complete frame of a fixed command ("SIQ" → "#!#00E#SIQ#2F\r"). */
export function encodeCcspCommand(command: CcspCommand): string {
  const frame = encodeCcspFrame(command);
  if (!frame.ok) {
    // Unreachable: every command is a short ASCII constant.
    throw new RangeError(`cannot frame command ${command}: ${frame.code}`);
  }
  return frame.value;
}
