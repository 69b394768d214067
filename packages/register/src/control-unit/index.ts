/** The control unit's transports (TCP, serial device) and the simulator. */
export {
  type ControlUnitAddress,
  type ControlUnitAddressFailure,
  parseControlUnitAddress,
} from './control-unit-address.js';
export {
  type CcspLink,
  type CcspLinkEvents,
  type CcspLinkOpener,
  type LinkUnreachable,
} from './ccsp-link.js';
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REPLY_TIMEOUT_MS,
  type CcspControlUnitDriver,
  type CcspDriverOptions,
  createCcspDriver,
} from './ccsp-driver.js';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  type TcpControlUnitOptions,
  createTcpControlUnitDriver,
  tcpLinkOpener,
} from './tcp-transport.js';
export {
  type SerialControlUnitOptions,
  createSerialControlUnitDriver,
  serialLinkOpener,
} from './serial-transport.js';
export {
  CONTROL_CODE_LENGTH,
  INITIAL_SIMULATOR_STATE,
  SIMULATOR_NOTICE,
  SIMULATOR_NOTICE_ASCII,
  SIMULATOR_SERIAL_PREFIX,
  type SimulatorConfig,
  type SimulatorMode,
  type SimulatorState,
  type SimulatorStep,
  answerSimulatorRequest,
  isSimulatedControlUnit,
  simulatorControlCode,
  simulatorSerialNumber,
} from './simulator-protocol.js';
export {
  ControlUnitSimulator,
  type ControlUnitSimulatorOptions,
  type SimulatorExchange,
  type StartSimulatorOptions,
  startControlUnitSimulator,
} from './simulator.js';
export { type ControlUnitDriverFor, openControlUnitDriver } from './open-driver.js';
