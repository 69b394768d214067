/**
 * The control unit (kontrollenhet): CleanCash serial protocol framing, messages, replies, NAK
 * codes and the driver contract. Pure; transports live in @kassa/register.
 * See docs/protocols/control-unit.md.
 */
export {
  CCSP_FRAME_START,
  CCSP_FRAME_OVERHEAD,
  CCSP_MAX_FRAME_LENGTH,
  CCSP_MAX_MESSAGE_LENGTH,
  type CcspEncodeFailure,
  computeCcspLrc,
  encodeCcspFrame,
  ccspFrameToBytes,
} from './ccsp-frame.js';
export {
  type CcspDecodeFailure,
  type CcspDecodeEvent,
  type CcspDecoderState,
  type CcspDecodeStep,
  type CcspDecoder,
  INITIAL_CCSP_DECODER_STATE,
  decodeCcspChunk,
  finishCcspDecoding,
  createCcspDecoder,
} from './ccsp-decoder.js';
export { CCSP_COMMANDS, type CcspCommand, encodeCcspCommand } from './ccsp-commands.js';
export {
  CONTROL_UNIT_AMOUNT_WIDTH,
  CONTROL_UNIT_VAT_RATE_WIDTH,
  CONTROL_UNIT_VAT_SLOT_WIDTH,
  formatControlUnitAmount,
  formatControlUnitVatRate,
  formatControlUnitDateTime,
  isValidControlUnitDateTime,
  padControlUnitField,
} from './control-unit-fields.js';
export {
  CONTROL_UNIT_RECEIPT_TYPES,
  type ControlUnitReceiptType,
  type ControlUnitVatAmount,
  type ReceiptRegistration,
  type ControlUnitVatSlot,
  type ReceiptRegistrationFields,
  type FieldDetails,
  type ReceiptRegistrationFailure,
  type RegisterReceiptMessageOptions,
  MAX_CONTROL_UNIT_RECEIPT_NUMBER,
  MAX_CCSP_SEQUENCE_NUMBER,
  validateReceiptRegistration,
  encodeRegisterReceiptMessage,
  encodeRegisterReceiptRequest,
} from './receipt-registration.js';
export {
  type NakReason,
  type NakSource,
  type NakAudience,
  type NakCodeInfo,
  NAK_CODES,
  normaliseNakCode,
  describeNakCode,
} from './nak-codes.js';
export {
  type ControlUnitMainStatus,
  type ControlUnitStorageStatus,
  type RegisteredReceipt,
  type ControlUnitIdentity,
  type ControlUnitStatus,
  type ControlUnitAck,
  type ControlUnitNak,
  type ControlUnitReplyFailure,
  type ReplyField,
  UNIT_SERIAL_NUMBER_LENGTH,
  isValidControlCode,
  isValidUnitSerialNumber,
  parseRegisterReceiptReply,
  parseIdentityReply,
  parseStatusReply,
  parseAckReply,
  describeMainStatus,
  describeStorageStatus,
} from './control-unit-replies.js';
export {
  type ControlUnitTransportFailure,
  type ControlUnitRequestFailure,
  type ControlUnitDriver,
} from './control-unit-driver.js';
