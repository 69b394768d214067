import { HttpClient, type FetchLike } from '@kassa/web-kit';
import type {
  AddLineBody,
  ChangeLineBody,
  Consumption,
  DiscountInput as Discount,
  LocalCatalogue,
  LocalCataloguePage,
  LocalCatalogueQuery,
  LocalConnectBody,
  LocalReportResult,
  LocalSignedIn,
  LocalStatus,
  LocalTerminalsBody,
  LocalUploadStatus,
  ParkedSale,
  ReceiptDetail,
  ReceiptList,
  ReceiptResult,
  RegisterSettings,
  RegisterTerminalList,
  ReturnBody,
  SaleView,
  SwishQr,
  TenderInput as Tender,
} from '@kassa/contracts';

const line = (lineId: string) => `/local/sale/lines/${encodeURIComponent(lineId)}`;
const receipt = (receiptNumber: number) => `/local/receipts/${receiptNumber}`;

/** Links the screen opens in a new tab (PDFs of receipts and reports). */
export const pdfLinks = {
  receipt: (receiptNumber: number) => `${receipt(receiptNumber)}/pdf`,
  x: () => '/local/reports/x/pdf',
  z: (zNumber: number) => `/local/reports/z/${zNumber}/pdf`,
};

/** GET /local/provisioning. */
export type FoundProvisioning =
  | { found: false }
  | { found: true; url: string; registerId: string; pairingCode: string; expiresAt: string };

/** The Register local API, one method per route. */
/** The HTTP client of the register's local API: no session, and never a cached answer. */
export function localHttpClient(fetchImpl?: FetchLike): HttpClient {
  return new HttpClient(fetchImpl, { cache: 'no-store' });
}

export class LocalApi {
  constructor(private readonly http: HttpClient = localHttpClient()) {}

  status(): Promise<LocalStatus> {
    return this.http.get<LocalStatus>('/local/status');
  }

  /**
   * The provisioning file the installer left (address and pairing code of the terminal it was
   * downloaded for), while this PC is not connected yet.
   */
  provisioning(): Promise<FoundProvisioning> {
    return this.http.get<FoundProvisioning>('/local/provisioning');
  }

  terminals(credentials: LocalTerminalsBody): Promise<RegisterTerminalList> {
    return this.http.post<RegisterTerminalList>('/local/terminals', credentials);
  }

  async connect(request: LocalConnectBody): Promise<LocalStatus> {
    return (await this.http.post<{ status: LocalStatus }>('/local/connect', request)).status;
  }

  async signIn(username: string, pin: string): Promise<LocalSignedIn> {
    const answer = await this.http.post<{ signedIn: LocalSignedIn }>('/local/sign-in', {
      username,
      pin,
    });
    return answer.signedIn;
  }

  async signOut(): Promise<void> {
    await this.http.post<undefined>('/local/sign-out');
  }

  // ---- Selling ----

  catalogue(): Promise<LocalCatalogue> {
    return this.http.get<LocalCatalogue>('/local/catalogue');
  }

  /** One page of the register's copy (the register searches; the copy is never sent whole). */
  cataloguePage(query: LocalCatalogueQuery): Promise<LocalCataloguePage> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    return this.http.get<LocalCataloguePage>(`/local/catalogue?${params.toString()}`);
  }

  sale(): Promise<SaleView> {
    return this.http.get<SaleView>('/local/sale');
  }

  addLine(body: AddLineBody): Promise<SaleView> {
    return this.http.post<SaleView>('/local/sale/lines', body);
  }

  changeLine(lineId: string, body: ChangeLineBody): Promise<SaleView> {
    return this.http.patch<SaleView>(line(lineId), body);
  }

  removeLine(lineId: string): Promise<SaleView> {
    return this.http.delete<SaleView>(line(lineId));
  }

  orderDiscount(discount: Discount | null): Promise<SaleView> {
    return this.http.put<SaleView>('/local/sale/discount', { discount });
  }

  consumption(consumption: Consumption): Promise<SaleView> {
    return this.http.put<SaleView>('/local/sale/consumption', { consumption });
  }

  clearSale(): Promise<SaleView> {
    return this.http.delete<SaleView>('/local/sale');
  }

  pay(tenders: Tender[], delivery: 'paper' | 'electronic' = 'paper'): Promise<ReceiptResult> {
    return this.http.post<ReceiptResult>('/local/sale/pay', { tenders, delivery });
  }

  proForma(): Promise<ReceiptResult> {
    return this.http.post<ReceiptResult>('/local/sale/pro-forma');
  }

  park(note: string): Promise<SaleView> {
    const trimmed = note.trim();
    return this.http.post<SaleView>('/local/sale/park', trimmed === '' ? {} : { note: trimmed });
  }

  async parked(): Promise<ParkedSale[]> {
    return (await this.http.get<{ parked: ParkedSale[] }>('/local/parked')).parked;
  }

  resume(parkingId: string): Promise<SaleView> {
    return this.http.post<SaleView>(`/local/parked/${encodeURIComponent(parkingId)}/resume`);
  }

  training(training: boolean): Promise<SaleView> {
    return this.http.put<SaleView>('/local/training', { training });
  }

  receipts(limit = 20): Promise<ReceiptList> {
    return this.http.get<ReceiptList>(`/local/receipts?limit=${limit}`);
  }

  receipt(receiptNumber: number): Promise<ReceiptDetail> {
    return this.http.get<ReceiptDetail>(receipt(receiptNumber));
  }

  /** The original of a receipt the printer missed, once (`/local/receipts/:number/print`). */
  printOriginal(receiptNumber: number): Promise<ReceiptResult> {
    return this.http.post<ReceiptResult>(`${receipt(receiptNumber)}/print`);
  }

  copy(receiptNumber: number): Promise<ReceiptResult> {
    return this.http.post<ReceiptResult>(`${receipt(receiptNumber)}/copy`);
  }

  returnItems(body: ReturnBody): Promise<ReceiptResult> {
    return this.http.post<ReceiptResult>('/local/returns', body);
  }

  async openDrawer(reason: string): Promise<void> {
    await this.http.post<unknown>('/local/drawer/open', { reason });
  }

  async cashFloat(amount: number): Promise<void> {
    await this.http.post<undefined>('/local/cash/float', { amount });
  }

  async cashMove(direction: 'in' | 'out', amount: number, reason: string): Promise<void> {
    await this.http.post<undefined>(`/local/cash/${direction}`, { amount, reason });
  }

  xReport(): Promise<LocalReportResult> {
    return this.http.post<LocalReportResult>('/local/reports/x');
  }

  zReport(countedCash?: number): Promise<LocalReportResult> {
    return this.http.post<LocalReportResult>(
      '/local/reports/z',
      countedCash === undefined ? {} : { countedCash },
    );
  }

  swish(amount: number): Promise<SwishQr> {
    return this.http.get<SwishQr>(`/local/swish?amount=${amount}`);
  }

  settings(): Promise<RegisterSettings> {
    return this.http.get<RegisterSettings>('/local/settings');
  }

  /** Changes the given settings (manager or admin); the register journals each change. */
  saveSettings(changes: Partial<RegisterSettings>): Promise<RegisterSettings> {
    return this.http.put<RegisterSettings>('/local/settings', changes);
  }

  /** Clears a problem that stopped the journal upload and tries again (in the background). */
  async retryUpload(): Promise<LocalUploadStatus> {
    return (await this.http.post<{ upload: LocalUploadStatus }>('/local/upload/retry')).upload;
  }
}
