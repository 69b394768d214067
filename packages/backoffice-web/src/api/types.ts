// Shapes of the backoffice API (docs/protocols/backoffice-api.md). The server validates and
// serialises every answer against its schemas, so the client trusts these shapes.

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
