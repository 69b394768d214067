// The answers of the Register local API that have no schema in @kassa/contracts yet
// (docs/protocols/register-protocol.md, "Register local API"); every other shape comes from there.
import type { PaymentMethod, PrintOutcome, ReceiptView, VatRow } from '@kassa/contracts';

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

/** `GET /local/receipts/:number`: the receipt, its HTML, and (for a sale) what is returnable. */
export interface ReceiptDetail {
  receipt: ReceiptView;
  html: string;
  copied?: boolean;
  unprinted?: boolean;
  returnable?: { lineNo: number; quantity: number }[];
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
