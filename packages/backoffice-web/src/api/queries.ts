import type { SalesReportFilter, ZReportListQuery } from '@kassa/contracts';
import type { BackofficeApi } from './backoffice-api';

/**
 * A read of the backoffice API as a query: its key names the request (the resource first, then
 * its parameters) and `load` makes it. Screens that show the same request share one answer;
 * an action invalidates the keys of what it changed (`useInvalidate`), and every screen showing
 * it asks again.
 */
export interface ApiQuery<T> {
  readonly key: readonly unknown[];
  readonly load: (api: BackofficeApi) => Promise<T>;
}

/** One value the journal export writes other than journaled (GET /api/exports/journal-problems.json). */
export interface JournalExportProblem {
  seq: number | null;
  element: string;
  value: string;
  reason: string;
  written: string;
}

const query = <T>(key: readonly unknown[], load: (api: BackofficeApi) => Promise<T>) => ({
  key,
  load,
});

/** The resources, each the first element of its queries' keys (what an action invalidates). */
export const resources = {
  environment: ['environment'],
  licence: ['licence'],
  users: ['users'],
  terminals: ['terminals'],
  pairingCodes: ['pairing-code'],
  auditLog: ['audit-log'],
  products: ['products'],
  sales: ['sales'],
  zReports: ['z-reports'],
  accounting: ['accounting-settings'],
  journalProblems: ['journal-problems'],
} as const;

export const queries = {
  environment: query(resources.environment, (api) => api.environment()),
  licence: query(resources.licence, (api) => api.licence()),
  users: query(resources.users, (api) => api.listUsers()),
  terminals: query(resources.terminals, (api) => api.listTerminals()),
  auditLog: query(resources.auditLog, (api) => api.auditLog()),
  accountingSettings: query(resources.accounting, (api) => api.accountingSettings()),
  pairingCode: (terminalId: string) =>
    query([...resources.pairingCodes, terminalId], (api) => api.pairingCode(terminalId)),
  productPage: (page: { q: string; offset: number; limit: number }) =>
    query([...resources.products, 'page', page], (api) => api.pageProducts(page)),
  /** Every grouping of a period in one request (GET /api/reports/sales/overview). */
  salesOverview: (filter: SalesReportFilter) =>
    query([...resources.sales, 'overview', filter], (api) => api.salesOverview(filter)),
  zReports: (list: ZReportListQuery) =>
    query([...resources.zReports, 'list', list], (api) => api.zReports(list)),
  zReport: (terminalId: string, zNumber: number) =>
    query([...resources.zReports, terminalId, zNumber], (api) => api.zReport(terminalId, zNumber)),
  /** The journal export's problems of one path (GET …/journal-problems.json?…). */
  journalProblems: (path: string) =>
    query([...resources.journalProblems, path], (api) =>
      api.http.get<{ problems: JournalExportProblem[] }>(path),
    ),
} satisfies Record<string, ApiQuery<unknown> | ((...args: never[]) => ApiQuery<unknown>)>;
