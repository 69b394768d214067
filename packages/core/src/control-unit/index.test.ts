import { describe, expect, it } from 'vitest';
import * as controlUnit from './index.js';

describe('control-unit public API', () => {
  it('exports the protocol functions and tables, and nothing internal', () => {
    expect(Object.keys(controlUnit).sort()).toEqual(
      [
        'CCSP_FRAME_START',
        'CCSP_FRAME_OVERHEAD',
        'CCSP_MAX_FRAME_LENGTH',
        'CCSP_MAX_MESSAGE_LENGTH',
        'computeCcspLrc',
        'encodeCcspFrame',
        'ccspFrameToBytes',
        'INITIAL_CCSP_DECODER_STATE',
        'decodeCcspChunk',
        'finishCcspDecoding',
        'createCcspDecoder',
        'CCSP_COMMANDS',
        'encodeCcspCommand',
        'CONTROL_UNIT_AMOUNT_WIDTH',
        'CONTROL_UNIT_VAT_RATE_WIDTH',
        'CONTROL_UNIT_VAT_SLOT_WIDTH',
        'formatControlUnitAmount',
        'formatControlUnitVatRate',
        'formatControlUnitDateTime',
        'isValidControlUnitDateTime',
        'isValidControlCode',
        'isValidUnitSerialNumber',
        'UNIT_SERIAL_NUMBER_LENGTH',
        'padControlUnitField',
        'CONTROL_UNIT_RECEIPT_TYPES',
        'MAX_CONTROL_UNIT_RECEIPT_NUMBER',
        'MAX_CCSP_SEQUENCE_NUMBER',
        'validateReceiptRegistration',
        'encodeRegisterReceiptMessage',
        'encodeRegisterReceiptRequest',
        'NAK_CODES',
        'normaliseNakCode',
        'describeNakCode',
        'parseRegisterReceiptReply',
        'parseIdentityReply',
        'parseStatusReply',
        'parseAckReply',
        'describeMainStatus',
        'describeStorageStatus',
      ].sort(),
    );
    expect(controlUnit).not.toHaveProperty('findNonAscii');
  });

  it('has the constants the frame format implies', () => {
    expect(controlUnit.CCSP_FRAME_START).toBe('#!#');
    expect(controlUnit.CCSP_FRAME_OVERHEAD).toBe(11);
    expect(controlUnit.CCSP_MAX_FRAME_LENGTH).toBe(4095);
    expect(controlUnit.CONTROL_UNIT_RECEIPT_TYPES).toEqual(['normal', 'kopia', 'ovning', 'profo']);
  });
});
