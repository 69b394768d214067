import { fileNameFromContentDisposition } from './content-disposition';
import { ApiError } from '@kassa/web-kit';
import { HttpClient } from '@kassa/web-kit';
import type {
  AccountingSettings,
  AuditEntry,
  CreateProductBody,
  CreateTerminalBody,
  CreateUserBody,
  Environment,
  ImportSummary,
  InstallerPairing,
  InstallerPlatform,
  Licence,
  Me,
  PairingCodeStatus,
  Product,
  ProductList,
  SalesGrouping,
  SalesOverview,
  SalesReport,
  SalesReportFilter,
  SieAccounts,
  Terminal,
  UpdateProductBody,
  UpdateTerminalBody,
  UpdateUserBody,
  User,
  ZReportAnswer,
  ZReportFigures,
  ZReportListQuery,
  ZReportSummary,
} from '@kassa/contracts';
import type { TerminalRegistration } from '@kassa/contracts';

const at = (id: string) => encodeURIComponent(id);

/** `?a=1&b=2` of the parameters that are set (undefined and empty ones are left out). */
function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** Exports leave out what a simulated control unit signed unless asked (docs/domain/sie-export.md). */
function simulated(include: boolean): { includeSimulated?: string } {
  return include ? { includeSimulated: 'true' } : {};
}

/** A downloaded file and the name the server gave it. */
export interface DownloadedFile {
  file: Blob;
  fileName: string;
}

/** The installer and the single-use pairing code its download's headers carry. */
export type InstallerDownload = DownloadedFile & InstallerPairing & { platform: InstallerPlatform };

/**
 * One archived Z-report: the report as the register journaled it, read defensively (an older
 * register may lack a field).
 */
export type ArchivedZReport = Omit<ZReportAnswer, 'report'> & { report: Partial<ZReportFigures> };

/** The export files (module `exports`, the journal export for the reports' readers too). */
export const exportPaths = {
  salesCsv: (filter: SalesReportFilter, groupBy: SalesGrouping, includeSimulated = false) =>
    `/api/exports/sales.csv${queryString({ ...filter, groupBy, ...simulated(includeSimulated) })}`,
  zCsv: (query: { from: string; to: string; terminalId?: string }, includeSimulated = false) =>
    `/api/exports/z.csv${queryString({ ...query, ...simulated(includeSimulated) })}`,
  journalXml: (query: { terminalId: string; from: string; to: string }) =>
    `/api/exports/journal.xml${queryString(query)}`,
  journalProblems: (query: { terminalId: string; from: string; to: string }) =>
    `/api/exports/journal-problems.json${queryString(query)}`,
  sie: (
    query: { from: string; to: string; placeId?: string; terminalId?: string },
    includeSimulated = false,
  ) => `/api/exports/sie${queryString({ ...query, ...simulated(includeSimulated) })}`,
  zPdf: (terminalId: string, zNumber: number) => `/api/reports/z/${at(terminalId)}/${zNumber}/pdf`,
};

/** The backoffice routes, one method each. */
export class BackofficeApi {
  readonly http: HttpClient;

  constructor(http: HttpClient = new HttpClient()) {
    this.http = http;
  }

  login(username: string, password: string): Promise<Me> {
    return this.http.post<Me>('/api/auth/login', { username, password });
  }

  me(): Promise<Me> {
    return this.http.get<Me>('/api/auth/me');
  }

  logout(): Promise<void> {
    return this.http.post<void>('/api/auth/logout');
  }

  environment(): Promise<Environment> {
    return this.http.get<Environment>('/api/environment');
  }

  licence(): Promise<Licence> {
    return this.http.get<Licence>('/api/licence');
  }

  async listUsers(): Promise<User[]> {
    const { users } = await this.http.get<{ users: User[] }>('/api/users');
    return users;
  }

  async createUser(user: CreateUserBody): Promise<User> {
    const created = await this.http.post<{ user: User }>('/api/users', user);
    return created.user;
  }

  async updateUser(id: string, changes: UpdateUserBody): Promise<User> {
    const updated = await this.http.patch<{ user: User }>(`/api/users/${at(id)}`, changes);
    return updated.user;
  }

  setPassword(id: string, password: string): Promise<void> {
    return this.http.post<void>(`/api/users/${at(id)}/password`, { password });
  }

  /** A cashier's register PIN, 4–8 digits. */
  setPin(id: string, pin: string): Promise<void> {
    return this.http.put<void>(`/api/users/${at(id)}/pin`, { pin });
  }

  /** The terminals a cashier may sign in at (replaces the whole set). */
  async setUserTerminals(id: string, terminalIds: string[]): Promise<User> {
    const updated = await this.http.put<{ user: User }>(`/api/users/${at(id)}/terminals`, {
      terminalIds,
    });
    return updated.user;
  }

  async listTerminals(): Promise<Terminal[]> {
    const { terminals } = await this.http.get<{ terminals: Terminal[] }>('/api/terminals');
    return terminals;
  }

  async createTerminal(terminal: CreateTerminalBody): Promise<Terminal> {
    const created = await this.http.post<{ terminal: Terminal }>('/api/terminals', terminal);
    return created.terminal;
  }

  async updateTerminal(id: string, changes: UpdateTerminalBody): Promise<Terminal> {
    const updated = await this.http.patch<{ terminal: Terminal }>(
      `/api/terminals/${at(id)}`,
      changes,
    );
    return updated.terminal;
  }

  async setTerminalRegistration(id: string, registration: TerminalRegistration): Promise<Terminal> {
    const updated = await this.http.put<{ terminal: Terminal }>(
      `/api/terminals/${at(id)}/registration`,
      registration,
    );
    return updated.terminal;
  }

  /**
   * "Ta bort koppling mot hårdvara": releases the PC binding; the old PC's key stops working at
   * once. `confirmation` is the terminal's kassabeteckning, typed by the administrator.
   */
  async removeBinding(id: string, confirmation: string, reason: string): Promise<Terminal> {
    const updated = await this.http.post<{ terminal: Terminal }>(
      `/api/terminals/${at(id)}/binding/remove`,
      { confirmation, reason },
    );
    return updated.terminal;
  }

  /** Whether the terminal has a pairing code that can still be used, and until when. */
  async pairingCode(id: string): Promise<PairingCodeStatus | null> {
    const { code } = await this.http.get<{ code: PairingCodeStatus | null }>(
      `/api/terminals/${at(id)}/pairing-code`,
    );
    return code;
  }

  /**
   * The installer zip with a new single-use pairing code (older codes of the terminal stop
   * working). `503 installer-not-built` when the server has no register program to hand out.
   */
  async downloadInstaller(
    id: string,
    platform: InstallerPlatform = 'windows',
  ): Promise<InstallerDownload> {
    const { file, headers } = await this.http.requestFile(
      'POST',
      `/api/terminals/${at(id)}/installer?platform=${platform}`,
    );
    const pairingCode = headers.get('X-Kassa-Pairing-Code');
    const expiresAt = headers.get('X-Kassa-Pairing-Expires');
    if (pairingCode === null || expiresAt === null) {
      throw new ApiError(200, 'unexpected-response', null);
    }
    const fileName =
      fileNameFromContentDisposition(headers.get('Content-Disposition')) ?? 'kassa.zip';
    const signed = headers.get('X-Kassa-Installer-Signed') !== 'false';
    return { file, fileName, pairingCode, expiresAt, platform, signed };
  }

  async auditLog(): Promise<AuditEntry[]> {
    const { entries } = await this.http.get<{ entries: AuditEntry[] }>('/api/audit-log');
    return entries;
  }

  listProducts(): Promise<ProductList> {
    return this.http.get<ProductList>('/api/products');
  }

  /** One page of the catalogue by article number, searched on the server (`q`: every word). */
  pageProducts(page: { q: string; offset: number; limit: number }): Promise<ProductList> {
    const params = new URLSearchParams({ offset: String(page.offset), limit: String(page.limit) });
    if (page.q.trim() !== '') params.set('q', page.q.trim());
    return this.http.get<ProductList>(`/api/products?${params.toString()}`);
  }

  async createProduct(product: CreateProductBody): Promise<Product> {
    const created = await this.http.post<{ product: Product }>('/api/products', product);
    return created.product;
  }

  async updateProduct(id: string, changes: UpdateProductBody): Promise<Product> {
    const updated = await this.http.patch<{ product: Product }>(`/api/products/${at(id)}`, changes);
    return updated.product;
  }

  /** A new price from `effectiveFrom` (`YYYY-MM-DD`, today or later). */
  async changePrice(id: string, priceOre: number, effectiveFrom: string): Promise<Product> {
    const updated = await this.http.post<{ product: Product }>(`/api/products/${at(id)}/prices`, {
      priceOre,
      effectiveFrom,
    });
    return updated.product;
  }

  /** Imports CSV text; `400 import-has-errors` lists the wrong rows (nothing is saved then). */
  importProducts(csv: string, dryRun: boolean): Promise<ImportSummary> {
    return this.http.post<ImportSummary>('/api/products/import', { csv, dryRun });
  }

  /** Sales of a period grouped one way (GET /api/reports/sales). */
  salesReport(filter: SalesReportFilter, groupBy: SalesGrouping): Promise<SalesReport> {
    return this.http.get<SalesReport>(`/api/reports/sales${queryString({ ...filter, groupBy })}`);
  }

  /** Sales of a period by every grouping, in one request (GET /api/reports/sales/overview). */
  salesOverview(filter: SalesReportFilter): Promise<SalesOverview> {
    return this.http.get<SalesOverview>(`/api/reports/sales/overview${queryString({ ...filter })}`);
  }

  /** The Z-report archive, newest business day first. */
  async zReports(query: ZReportListQuery = {}): Promise<ZReportSummary[]> {
    const { reports } = await this.http.get<{ reports: ZReportSummary[] }>(
      `/api/reports/z${queryString({ ...query })}`,
    );
    return reports;
  }

  /** One archived Z-report with all its figures (`404 z-report-not-found`). */
  zReport(terminalId: string, zNumber: number): Promise<ArchivedZReport> {
    return this.http.get<ArchivedZReport>(`/api/reports/z/${at(terminalId)}/${zNumber}`);
  }

  /** "Kvittera": clears the terminal's flagged sync problem (admins; audit-logged). */
  async acknowledgeSyncProblem(id: string): Promise<Terminal> {
    const updated = await this.http.post<{ terminal: Terminal }>(
      `/api/terminals/${at(id)}/sync-problem/acknowledge`,
    );
    return updated.terminal;
  }

  /** The accounts the SIE export books to (BAS unless an admin changed them), and the defaults. */
  accountingSettings(): Promise<AccountingSettings> {
    return this.http.get<AccountingSettings>('/api/settings/accounting');
  }

  /** Admins: a new account plan (all eleven roles); refusals say which account is wrong. */
  saveAccountingSettings(accounts: SieAccounts): Promise<AccountingSettings> {
    return this.http.put<AccountingSettings>('/api/settings/accounting', { accounts });
  }

  /** A GET whose answer is a file (an export or a PDF), with the name the server gives it. */
  async download(path: string, fallbackName: string): Promise<DownloadedFile> {
    const { file, headers } = await this.http.requestFile('GET', path);
    const fileName =
      fileNameFromContentDisposition(headers.get('Content-Disposition')) ?? fallbackName;
    return { file, fileName };
  }
}
