// Shapes of the backoffice API (docs/protocols/backoffice-api.md). The server validates and
// serialises every answer against its schemas, so the client trusts these shapes.

export const roles = ['admin', 'manager', 'cashier'] as const;
export type Role = (typeof roles)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface Me {
  user: SessionUser;
  environment: { slug: string; companyName: string };
  csrfToken: string;
}

export interface User extends SessionUser {
  createdAt: string;
  /** Whether the user has a register PIN (cashiers sign in at the register with it). */
  hasPin: boolean;
  /** The terminals a cashier may sign in at. */
  terminalIds: string[];
}

export interface PlaceOfBusiness {
  id: string;
  name: string;
  streetAddress: string;
  postalCode: string;
  city: string;
}

export interface Environment {
  slug: string;
  companyName: string;
  organisationNumber: string;
  placesOfBusiness: PlaceOfBusiness[];
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
}

export const licenceModules = ['products', 'reports', 'exports'] as const;
export type LicenceModule = (typeof licenceModules)[number];

export interface Licence {
  /** Terminals the licence allows to be active at once. */
  terminals: number;
  modules: LicenceModule[];
  activeTerminals: number;
}

export type RegistrationStatus = 'unregistered' | 'registered';

export interface TerminalRegistration {
  controlUnitSerial: string | null;
  status: RegistrationStatus;
  /** `YYYY-MM-DD`. */
  registeredOn: string | null;
}

export interface TerminalBinding {
  pcName: string;
  fingerprintShort: string;
  boundAt: string;
}

/** What the business enters in Skatteverket's e-service when registering the register. */
export interface SkatteverketDetails {
  companyName: string;
  organisationNumber: string;
  addressOfUse: string;
  registerId: string;
  modelDesignation: string;
  programVersion: string;
  serialNumber: string;
  controlUnitSerial: string | null;
}

/**
 * What the backoffice warns about: not registered with Skatteverket; a sync problem not yet
 * acknowledged; silent (bound and active, no contact for {@link SILENT_AFTER_HOURS}); the control
 * unit down, simulated, or another than the registered one.
 */
export type TerminalWarning =
  | 'not-registered'
  | 'sync-problem'
  | 'silent'
  | 'control-unit-down'
  | 'control-unit-simulated'
  | 'control-unit-mismatch';

/** A bound, active terminal without contact for this long gets the warning `silent`. */
export const SILENT_AFTER_HOURS = 24;

export type SyncProblemCode =
  | 'journal-gap'
  | 'journal-chain-broken'
  | 'journal-conflict'
  | 'journal-entry-unreadable'
  // The register's journal against the server's copy (docs/adr/0011-journal-anchors.md).
  | 'journal-behind-server'
  | 'journal-differs-from-server'
  | 'journal-entries-lost'
  | 'register-clock-fault';

/** A flagged sync problem, kept until an admin acknowledges it; a repeat counts up. */
export interface SyncProblem {
  code: SyncProblemCode;
  seq: number | null;
  details: Record<string, unknown>;
  /** The message with the details filled in. */
  sv: string;
  en: string;
  firstAt: string;
  lastAt: string;
  count: number;
}

export interface ControlUnitReport {
  state: 'ok' | 'down' | 'unknown';
  serialNumber: string | null;
  simulated: boolean;
  reportedAt: string;
}

/** Sync health: the server's copy of the terminal's journal and what the register reports. */
export interface TerminalSync {
  /** The last journal entry stored on the server (0: none yet). */
  acknowledgedSeq: number;
  acknowledgedHash: string | null;
  /** When an upload last stored new entries. */
  lastUploadAt: string | null;
  /** From the heartbeat: when the oldest entry not yet uploaded was made. */
  oldestUnsyncedAt: string | null;
  controlUnit: ControlUnitReport | null;
  problem: SyncProblem | null;
}

/**
 * Set when the terminal moved to another PC (a binding was removed and a different PC bound): the
 * business must move Skatteverket's ID stickers and report a changed control unit.
 */
export interface TerminalMove {
  at: string;
  fromPcName: string;
}

export interface Terminal {
  id: string;
  name: string;
  placeOfBusinessId: string;
  placeOfBusinessName: string;
  /** Kassabeteckning: unique in the environment. */
  registerId: string;
  /** Tillverkningsnummer. */
  serialNumber: string;
  modelDesignation: string;
  programVersion: string;
  active: boolean;
  createdAt: string;
  /** null: not bound to any hardware yet. */
  binding: TerminalBinding | null;
  lastContactAt: string | null;
  unsyncedEntries: number | null;
  registration: TerminalRegistration;
  warnings: TerminalWarning[];
  sync: TerminalSync;
  movedToNewPc: TerminalMove | null;
  skatteverket: SkatteverketDetails;
}

/** A usable pairing code exists (the code itself is only shown once, at the download). */
export interface PairingCodeStatus {
  expiresAt: string;
}

/** The installer zip and the pairing code that came with it (POST /api/terminals/:id/installer). */
export interface InstallerDownload {
  file: Blob;
  fileName: string;
  /** `ABCD-EFGH-JKLM`: single use, replaces every older code of the terminal. */
  pairingCode: string;
  expiresAt: string;
  platform: InstallerPlatform;
  /** Windows: false when the build is unsigned (SmartScreen warns; the code is typed in). */
  signed: boolean;
}

/** Windows: kassa-setup-<registerId>.exe with the provisioning inside; Linux: the zip. */
export type InstallerPlatform = 'windows' | 'linux';

export interface NewTerminal {
  name: string;
  placeOfBusinessId: string;
  registerId: string;
}

export interface TerminalChanges {
  name?: string;
  placeOfBusinessId?: string;
  active?: boolean;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** The acting user's username, or `system` / `operator`. */
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  address: string | null;
}

/** The body of every 4xx answer. */
export interface ApiErrorBody {
  code: string;
  sv: string;
  en: string;
  details?: Record<string, unknown>;
}

export const vatCategories = ['standard', 'food', 'restaurant', 'reduced', 'exempt'] as const;
export type VatCategory = (typeof vatCategories)[number];
export const productKinds = ['good', 'service'] as const;
export type ProductKind = (typeof productKinds)[number];
/** `kilogram`: a weighed article, its prices are per kilogram. */
export const productUnits = ['piece', 'kilogram'] as const;
export type ProductUnit = (typeof productUnits)[number];

export interface ProductPrice {
  /** `YYYY-MM-DD`. */
  effectiveFrom: string;
  priceOre: number;
}

export interface Product {
  id: string;
  articleNumber: string;
  name: string;
  barcodes: string[];
  vatCategory: VatCategory;
  kind: ProductKind;
  unit: ProductUnit;
  group: string | null;
  active: boolean;
  /** The price in force today (öre, incl. VAT; per kilogram when weighed), or null before one. */
  priceOre: number | null;
  prices: ProductPrice[];
}

export interface ProductList {
  /** Today's business day (Europe/Stockholm), `YYYY-MM-DD`. */
  businessDay: string;
  products: Product[];
}

/** One page of GET /api/products?q=&offset=&limit=, and how many products the search takes. */
export interface ProductPage extends ProductList {
  total: number;
  offset: number;
  limit: number;
}

export interface NewProduct {
  articleNumber: string;
  name: string;
  barcodes: string[];
  priceOre: number;
  vatCategory: VatCategory;
  kind: ProductKind;
  unit: ProductUnit;
  group: string | null;
  active: boolean;
}

export interface ProductChanges {
  name?: string;
  barcodes?: string[];
  vatCategory?: VatCategory;
  kind?: ProductKind;
  unit?: ProductUnit;
  group?: string | null;
  active?: boolean;
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  code: string;
  sv: string;
  en: string;
}

// ---- Sales reports and the Z archive (module `reports`) ----

export const salesGroupings = [
  'day',
  'hour',
  'place',
  'terminal',
  'payment',
  'vat',
  'product',
  'cashier',
] as const;
export type SalesGrouping = (typeof salesGroupings)[number];

/** Business days `from`–`to` (both included, `YYYY-MM-DD`), optionally one place or terminal. */
export interface SalesFilter {
  from: string;
  to: string;
  placeId?: string;
  terminalId?: string;
}

/** The period's totals over sale and return receipts (öre incl. VAT; returns count negative). */
export interface SalesTotals {
  receipts: number;
  returns: number;
  /** Sales minus returns, incl. VAT, before cash rounding. */
  gross: number;
  vat: number;
  net: number;
  /** The returns' amount, positive. */
  returnsGross: number;
  discounts: number;
  rounding: number;
}

export interface SalesRow {
  key: string;
  label: string;
  count: number;
  returnCount: number;
  gross: number;
  vat: number | null;
  net: number | null;
  /** `product` only: pieces, or grams when `unit` is 'gram'. */
  quantity?: number;
  unit?: 'piece' | 'gram';
}

export interface SalesReport {
  from: string;
  to: string;
  groupBy: SalesGrouping;
  totals: SalesTotals;
  rows: SalesRow[];
  /** Receipts of the period a simulated control unit signed (absent: none). */
  simulatedReceipts?: number;
}

export interface ZReportSummary {
  terminalId: string;
  terminalName: string;
  registerId: string;
  zNumber: number;
  businessDay: string;
  producedAt: string;
  salesTotal: number;
  returnsTotal: number;
  netTotal: number;
  receiptCount: number;
  /** Receipts of the Z a simulated control unit signed (absent: none). */
  simulatedReceipts?: number;
}

export interface ZReportListQuery {
  terminalId?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface CountAmount {
  count: number;
  amount: number;
}

/** A Z-dagrapport exactly as the register journaled it (@kassa/core `ZReport`). */
export interface ZReportFigures {
  type: 'Z';
  zNumber: number;
  producedAt: string;
  businessDay: string;
  companyName: string;
  organisationNumber: string;
  registerId: string;
  registerSerialNumber?: string;
  salesTotal: number;
  salesByGroup: { group: string; amount: number }[];
  vatPerRate: { rate: number; gross: number; vat: number; net: number }[];
  cashFloat: number;
  goodsSold: number;
  servicesSold: number;
  receiptCount: number;
  /** Receipts a simulated control unit signed (absent: none). */
  simulatedReceipts?: number;
  drawerOpenings: number;
  copies: CountAmount;
  training: CountAmount;
  payments: { method: string; sales: number; returns: number; net: number }[];
  returns: CountAmount;
  discounts: number;
  otherReductions: CountAmount;
  unfinishedSales: CountAmount;
  proForma: CountAmount;
  priceChanges: number;
  rounding: number;
  cashIn: number;
  cashOut: number;
  netTotal: number;
  expectedCash: number;
  countedCash: number | null;
  cashDifference: number | null;
  grandTotals: { sales: number; returns: number; net: number };
}

export interface ZReportAnswer {
  terminalId: string;
  terminalName: string;
  registerId: string;
  zNumber: number;
  businessDay: string;
  producedAt: string;
  /** The journal entry that carries it. */
  seq: number;
  /** Journaled by the register; read defensively (an older register may lack a field). */
  report: Partial<ZReportFigures>;
}

// ---- Accounting (SIE account plan, module `exports`) ----

export interface SieAccount {
  number: string;
  name: string;
}

/** What an account is used for in the SIE export, in the order the form shows them. */
export const sieAccountRoles = [
  'cash',
  'card',
  'swish',
  'sales-25',
  'sales-12',
  'sales-6',
  'sales-0',
  'output-vat-25',
  'output-vat-12',
  'output-vat-6',
  'rounding',
] as const;
export type SieAccountRole = (typeof sieAccountRoles)[number];

/** The account of every role (several roles may share one account). */
export type SieAccounts = Record<SieAccountRole, SieAccount>;

/** `GET|PUT /api/settings/accounting`: the plan in force and Kassa's defaults (BAS). */
export interface AccountingSettings {
  accounts: SieAccounts;
  defaults: SieAccounts;
  /** When an admin last saved the plan; null while the defaults apply. */
  updatedAt: string | null;
}
