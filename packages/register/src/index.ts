/** @kassa/register: the register program, for tests and tools that compose it. */
export { runCli, USAGE, type CliIo } from './cli/commands.js';
export {
  connect,
  checkAddress,
  type ConnectRequest,
  type ConnectResult,
} from './connect/connect.js';
export { buildLocalService, type LocalServiceOptions } from './local-service.js';
export { collectStatus, formatStatus, type StatusReport } from './doctor/status.js';
export { runDoctor } from './doctor/doctor.js';
export { formatDoctor, type DoctorLine } from './doctor/doctor-line.js';
export { syncOnce } from './sync/sync-once.js';
export { loadInstallation } from './connect/installation.js';
export {
  archiveDataFolder,
  countUnuploadedEntries,
  dataFolder,
  inspectDataFolder,
  FILES,
} from './folder/data-folder.js';
export { machineFingerprint } from './device/hardware.js';
export {
  signedRequest,
  fetchMe,
  sendHeartbeat,
  type DeviceIdentity,
} from './device/device-client.js';
export { exportJournal } from './journal-tools/export-journal.js';
// The journal's own code, for tools that build or read a journal file (the growth bench).
export { openJournalStore, type JournalStore, type PendingEvent } from './selling/journal-store.js';
export { dayReportState } from './selling/journal-reads.js';
export { controlUnitRequestOf } from './selling/control-unit-request.js';
export { tracePaySteps, type PayStep } from './selling/pay-trace.js';
// The catalogue copy and the config request, for the catalogue bench (bench/catalogue.ts).
export {
  CatalogueIndex,
  PENDING_CATALOGUE_KEY,
  applyCatalogueDelta,
  articleChanges,
  pendingOf,
  priceChanges,
  toLocalProducts,
  writeCatalogue,
} from './selling/catalogue.js';
export { fetchConfig } from './sync/sync-once.js';
export { PROGRAM_VERSION } from './program/program.js';
export type { Prompter } from './cli/prompts.js';
export {
  renderEscPos,
  renderReceiptHtml,
  renderReceiptPdf,
  type EscPosOptions,
} from '@kassa/documents';
export {
  printToNetworkPrinter,
  printToDevice,
  PrinterError,
  type NetworkPrinter,
  type PrinterErrorCode,
} from './printer/printers.js';
export * from './control-unit/index.js';
