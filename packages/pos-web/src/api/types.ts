// Shapes of the Register local API (docs/protocols/register-protocol.md, "Register local API").
// The register's local service answers these; the client trusts them as the backoffice app
// trusts its server's schemas.

export const roles = ['admin', 'manager', 'cashier'] as const;
export type Role = (typeof roles)[number];

export type BindingState = 'ok' | 'removed' | 'unknown';

export interface StatusEnvironment {
  slug: string;
  companyName: string;
  /** The environment's address. */
  url?: string;
}

export interface StatusTerminal {
  id: string;
  name: string;
  /** Kassabeteckning. */
  registerId: string;
  /** Tillverkningsnummer. */
  serialNumber: string;
}

export interface SignedInCashier {
  username: string;
  displayName: string;
  role: Role;
}

/** A reason in the register's own words, e.g. `binding-removed` or `terminal-deactivated`. */
export interface StatusProblem {
  code: string;
  sv: string;
  en: string;
}

/** `GET /local/status` (localStatusSchema in @kassa/contracts), with the selling state once signed in. */
export interface LocalStatus extends SellingStatus {
  connected: boolean;
  environment?: StatusEnvironment;
  terminal?: StatusTerminal;
  binding: BindingState;
  signedIn: SignedInCashier | null;
  /** Why the register cannot sell now (binding removed, terminal deactivated), if it cannot. */
  problem?: StatusProblem | null;
  /** When the register last reached its backoffice (ISO time), null before the first contact. */
  lastContactAt?: string | null;
  /** The register program's version. */
  programVersion?: string;
  /** The journal upload to the backoffice, when the journal is open. */
  upload?: LocalUploadStatus;
}

/** The journal's upload to the backoffice (localUploadStatusSchema in @kassa/contracts). */
export interface LocalUploadStatus {
  /** Journal entries the server has not acknowledged yet. */
  pending: number;
  /** When the oldest of them was made (ISO time); null when nothing is pending. */
  oldestPendingAt: string | null;
  acknowledgedSeq: number;
  lastUploadAt: string | null;
  /** Why uploading is stopped, in the register's words; null while it works. */
  problem: StatusProblem | null;
  /** An upload is under way now (a long backlog drains batch by batch). */
  draining: boolean;
}

/** One terminal an administrator may connect this PC to (`POST /local/terminals`). */
export interface ConnectableTerminal {
  id: string;
  name: string;
  registerId: string;
  placeOfBusinessName: string;
  active: boolean;
  binding: null | { pcName: string; boundAt: string };
}

export interface TerminalList {
  environment: { slug: string; companyName: string };
  terminals: ConnectableTerminal[];
}

export interface AdminCredentials {
  url: string;
  username: string;
  password: string;
}

/** `POST /local/connect`: admin credentials and a terminal, or a pairing code. */
export type ConnectRequest =
  (AdminCredentials & { terminalId: string }) | { url?: string; code: string };

/** The documented refusal body `{ error: { code, sv, en, details? } }`. */
export interface ApiErrorBody {
  code: string;
  sv: string;
  en: string;
  details: Record<string, unknown>;
}

// ---- Selling (packages/contracts/src/register-sales.ts; amounts in öre, rates in 1/100 %) ----

export type Consumption = 'eat-in' | 'take-away';
export type PaymentMethod = 'cash' | 'card' | 'swish';

/** A discount: a fixed amount in öre, or a rate in hundredths of a percent (1000 = 10 %). */
export type Discount = { kind: 'amount'; amount: number } | { kind: 'percent'; rate: number };

/** Cash with what was handed over (without it: exactly), card or Swish with the amount. */
export type Tender =
  { method: 'cash'; tendered?: number } | { method: 'card' | 'swish'; amount: number };

/** One product of the register's catalogue copy (`GET /local/catalogue`). */
export interface LocalProduct {
  articleNumber: string;
  name: string;
  barcodes: string[];
  priceOre: number;
  /** 'piece', or 'kilogram' for a weighed good whose price is per kilogram. */
  unit: 'piece' | 'kilogram';
  vatCategory: string;
  kind: 'good' | 'service';
  group: string | null;
}

export interface LocalCatalogue {
  syncedAt: string | null;
  products: LocalProduct[];
}

/**
 * `GET /local/catalogue` with a query: one page by name. `q`: every word in the name, article
 * number or a barcode; `group`: `*` all, an empty string the products without one; `barcode`:
 * exactly that barcode or article number.
 */
export interface LocalCatalogueQuery {
  q?: string;
  group?: string;
  barcode?: string;
  offset?: number;
  limit?: number;
}

export interface LocalCataloguePage extends LocalCatalogue {
  /** How many products the query takes in all. */
  total: number;
  offset: number;
  limit: number;
  /** The groups of the whole copy (products without one: an empty string, last). */
  groups: string[];
}

export interface SaleLineView {
  lineId: string;
  articleNumber: string;
  text: string;
  itemType: 'good' | 'service';
  group: string | null;
  unit: 'piece' | 'gram';
  /** Pieces, or grams for a weighed good. */
  quantity: number;
  /** Per piece, or per kilogram for a weighed good. */
  unitPrice: number;
  vatRate: number;
  discount: Discount | null;
  /** Line discount plus the line's share of the order discount. */
  discountAmount: number;
  amount: number;
}

export interface VatRow {
  rate: number;
  gross: number;
  vat: number;
  net: number;
}

/** The sale under construction (`GET /local/sale` and every step that changes it). */
export interface SaleView {
  consumption: Consumption;
  training: boolean;
  lines: SaleLineView[];
  orderDiscount: Discount | null;
  discountTotal: number;
  total: number;
  /** What to pay in cash only (öresavrundning on the total). */
  cashTotal: number;
  vat: VatRow[];
  /** The largest discount the signed-in cashier may give, in hundredths of a percent. */
  maxDiscountRate: number;
  parkedCount: number;
}

export type AddLineBody = ({ barcode: string } | { articleNumber: string }) & {
  quantity?: number;
  grams?: number;
};

export interface ChangeLineBody {
  quantity?: number;
  discount?: Discount | null;
}

export interface ParkedSale {
  parkingId: string;
  parkedAt: string;
  by: string;
  lineCount: number;
  total: number;
  /** The note (if any) and the first few article texts, to recognise the order. */
  summary: string;
}

export type ReceiptKind = 'sale' | 'return' | 'copy' | 'training' | 'pro-forma';

export interface ReceiptLine {
  lineNo: number;
  articleNumber: string;
  text: string;
  itemType: 'good' | 'service';
  unit: 'piece' | 'gram';
  quantity: number;
  unitPrice: number;
  vatRate: number;
  discount: number;
  amount: number;
}

export interface ReceiptView {
  kind: ReceiptKind;
  receiptNumber: number;
  issuedAt: string;
  businessDay: string;
  companyName: string;
  organisationNumber: string;
  placeOfSaleAddress: string;
  registerId: string;
  lines: ReceiptLine[];
  discountTotal: number;
  total: number;
  vat: VatRow[];
  payments: { method: PaymentMethod; amount: number }[];
  rounding: number;
  totalToPay: number;
  cashTendered: number;
  change: number;
  controlUnitSerial: string | null;
  controlCode: string | null;
  original: { receiptNumber: number; issuedAt: string } | null;
}

/** What printing did; `sv`/`en` say why when it failed. */
export interface PrintOutcome {
  status: 'printed' | 'no-printer' | 'failed';
  sv?: string;
  en?: string;
}

/** The answer of pay, pro forma, copy and return. */
export interface ReceiptResult {
  receipt: ReceiptView;
  html: string;
  print: PrintOutcome;
  drawerOpened: boolean;
  /** A simulator signed the receipt: it is not a legal receipt. */
  simulated: boolean;
}

export interface ReceiptListItem {
  kind: ReceiptKind;
  receiptNumber: number;
  issuedAt: string;
  total: number;
  copied: boolean;
  /** A paper receipt that never came out of the printer: it can be printed as the original once. */
  unprinted: boolean;
  /** For a sale: what is still returnable, per line number. */
  returnable: { lineNo: number; quantity: number }[];
}

/** `GET /local/receipts/:number`: the receipt, its HTML, and (for a sale) what is returnable. */
export interface ReceiptDetail {
  receipt: ReceiptView;
  html: string;
  copied?: boolean;
  unprinted?: boolean;
  returnable?: { lineNo: number; quantity: number }[];
}

export interface ReceiptList {
  receipts: ReceiptListItem[];
}

export interface ReturnBody {
  originalReceiptNumber: number;
  items: { lineNo: number; quantity: number }[];
  refunds: Tender[];
}

export interface PaymentFigure {
  method: PaymentMethod;
  sales: number;
  returns: number;
  net: number;
}

/** The figures of an X or Z report the screen shows (the rest is in its HTML). */
export interface DayReport {
  type: 'X' | 'Z';
  zNumber?: number;
  businessDay: string;
  producedAt: string;
  salesTotal: number;
  netTotal: number;
  receiptCount: number;
  cashFloat: number;
  expectedCash: number;
  /** The counted cash and its difference from the expected, when counted. */
  countedCash?: number | null;
  cashDifference?: number | null;
  payments: PaymentFigure[];
  returns: { count: number; amount: number };
  vatPerRate: VatRow[];
}

export interface ReportResult {
  report: DayReport;
  html: string;
  print: PrintOutcome;
}

export interface SwishQr {
  payee: string;
  amount: number;
  message: string;
  text: string;
  svg: string;
}

export interface RegisterSettings {
  controlUnit: string;
  printer: string;
  swishPayee: string | null;
  cashierMaxDiscountRate: number;
}

export interface ControlUnitState {
  /** ok: answered last time; down: the last request failed (payment is blocked). */
  state: 'ok' | 'down' | 'unknown';
  serialNumber: string | null;
  simulated: boolean;
  problem: { code: string; sv: string; en: string } | null;
}

/** What `GET /local/status` adds for a signed-in register (selling). */
export interface SellingStatus {
  controlUnit?: ControlUnitState;
  training?: boolean;
  /** The business day, YYYY-MM-DD (Europe/Stockholm). */
  businessDay?: string;
  /** Earlier business days with sales and no Z yet. */
  zPending?: string[];
  settings?: RegisterSettings;
}
