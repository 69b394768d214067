// Shapes of the backoffice API (docs/protocols/backoffice-api.md). The server validates and
// serialises every answer against its schemas, so the client trusts these shapes.

export type RegistrationStatus = 'unregistered' | 'registered';

export interface TerminalRegistration {
  controlUnitSerial: string | null;
  status: RegistrationStatus;
  /** `YYYY-MM-DD`. */
  registeredOn: string | null;
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

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
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
