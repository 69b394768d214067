import { describe, expect, it } from 'vitest';
import { CCSP_COMMANDS, encodeCcspCommand } from './ccsp-commands.js';

describe('encodeCcspCommand', () => {
  it.each([
    [CCSP_COMMANDS.statusRequest, '#!#00E#SIQ#2F\r'],
    [CCSP_COMMANDS.identityRequest, '#!#00D#IQ#7D\r'],
    [CCSP_COMMANDS.startReceiptV1, '#!#00D#ST#62\r'],
    [CCSP_COMMANDS.signatureRequestV1, '#!#00D#SQ#67\r'],
  ])('frames %s as the spec vector', (command, frame) => {
    expect(encodeCcspCommand(command)).toBe(frame);
  });

  it('throws for a command that cannot be framed (a caller bug)', () => {
    // The cast simulates a caller that bypassed the type.
    expect(() => encodeCcspCommand('SÖ' as 'SQ')).toThrow(RangeError);
  });
});
