/**
 * The Z-report archive: the Z-reports journal ingest archived (z_reports), listed with their
 * figures and read one by one as journaled. Scoped to one environment (tenant).
 */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { ZReportAnswer, ZReportSummary } from '@kassa/contracts';
import { type Db, type Tx, toInt } from '../db/database.js';
import { terminals, zReports } from '../db/schema.js';
import { isUuid } from '../ids.js';

/** The join of an archived Z-report to the terminal it was taken at. */
export const ofItsTerminal = and(
  eq(terminals.tenantId, zReports.tenantId),
  eq(terminals.id, zReports.terminalId),
);

/** What names an archived Z-report: its terminal (id, name, kassabeteckning), number and day. */
export const zReportIdentity = {
  terminalId: zReports.terminalId,
  terminalName: terminals.name,
  registerId: terminals.registerId,
  zNumber: zReports.zNumber,
  businessDay: zReports.businessDay,
};

/** A figure of a journaled Z-report (`report->>'name'`), 0 when absent. */
const zFigure = (path: SQL) => sql<string | number | null>`(${zReports.report}${path})`;

/** The Z-report archive, newest business day first; optionally one terminal and a period. */
export async function listZReports(
  db: Db | Tx,
  tenantId: string,
  query: { terminalId?: string; from?: string; to?: string; limit?: number },
): Promise<ZReportSummary[]> {
  if (query.terminalId !== undefined && !isUuid(query.terminalId)) return [];
  const rows = await db
    .select({
      ...zReportIdentity,
      producedAt: zReports.producedAt,
      salesTotal: zFigure(sql.raw(`->>'salesTotal'`)),
      returnsTotal: zFigure(sql.raw(`->'returns'->>'amount'`)),
      netTotal: zFigure(sql.raw(`->>'netTotal'`)),
      receiptCount: zFigure(sql.raw(`->>'receiptCount'`)),
      simulatedReceipts: zFigure(sql.raw(`->>'simulatedReceipts'`)),
    })
    .from(zReports)
    .innerJoin(terminals, ofItsTerminal)
    .where(
      and(
        eq(zReports.tenantId, tenantId),
        query.terminalId === undefined ? undefined : eq(zReports.terminalId, query.terminalId),
        query.from === undefined ? undefined : gte(zReports.businessDay, query.from),
        query.to === undefined ? undefined : lte(zReports.businessDay, query.to),
      ),
    )
    .orderBy(desc(zReports.businessDay), asc(terminals.name), desc(zReports.zNumber))
    .limit(query.limit ?? 1000);
  return rows.map((r) => ({
    terminalId: r.terminalId,
    terminalName: r.terminalName,
    registerId: r.registerId,
    zNumber: r.zNumber,
    businessDay: r.businessDay,
    producedAt: r.producedAt.toISOString(),
    salesTotal: toInt(r.salesTotal),
    returnsTotal: toInt(r.returnsTotal),
    netTotal: toInt(r.netTotal),
    receiptCount: toInt(r.receiptCount),
    ...(toInt(r.simulatedReceipts) > 0 ? { simulatedReceipts: toInt(r.simulatedReceipts) } : {}),
  }));
}

/** One archived Z-report of a terminal by its number, as journaled; null when there is none. */
export async function readZReport(
  db: Db | Tx,
  tenantId: string,
  terminalId: string,
  zNumber: number,
): Promise<ZReportAnswer | null> {
  if (!isUuid(terminalId) || !Number.isSafeInteger(zNumber)) return null;
  const [row] = await db
    .select({ z: zReports, terminalName: terminals.name, registerId: terminals.registerId })
    .from(zReports)
    .innerJoin(terminals, ofItsTerminal)
    .where(
      and(
        eq(zReports.tenantId, tenantId),
        eq(zReports.terminalId, terminalId),
        eq(zReports.zNumber, zNumber),
      ),
    )
    // Z numbers are unique per register (the register checks its numbering); the last wins.
    .orderBy(desc(zReports.seq))
    .limit(1);
  if (!row) return null;
  return {
    terminalId: row.z.terminalId,
    terminalName: row.terminalName,
    registerId: row.registerId,
    zNumber: row.z.zNumber,
    businessDay: row.z.businessDay,
    producedAt: row.z.producedAt.toISOString(),
    seq: row.z.seq,
    report: row.z.report,
  };
}
