/**
 * The environment's account plan for the SIE 4I export: read (Kassa's BAS
 * defaults until an admin saves one) and save (checked with `validateSieAccountPlan`, audited).
 * See docs/domain/sie-export.md § The account plan.
 */
import { eq } from 'drizzle-orm';
import {
  DEFAULT_SIE_ACCOUNTS,
  SIE_ACCOUNT_ROLES,
  type AccountingSettings,
  type SieAccounts,
  sieAccountPlanOf,
  sieAccountsSchema,
} from '@kassa/contracts';
import { type SieAccountPlanFailure, type Result, ok, validateSieAccountPlan } from '@kassa/core';
import type { Db, Tx } from '../db/database.js';
import { accountingSettings } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { audit } from './audit.js';

/** The plan in force for an environment and when it was saved (null: the defaults). */
export async function readAccountingSettings(
  db: Db | Tx,
  tenantId: string,
): Promise<AccountingSettings> {
  const [row] = await db
    .select()
    .from(accountingSettings)
    .where(eq(accountingSettings.tenantId, tenantId));
  if (!row) {
    return { accounts: DEFAULT_SIE_ACCOUNTS, defaults: DEFAULT_SIE_ACCOUNTS, updatedAt: null };
  }
  // Stored only after validation; a row that no longer parses is a server bug, not user input.
  const accounts: SieAccounts = sieAccountsSchema.parse(row.sieAccounts);
  return { accounts, defaults: DEFAULT_SIE_ACCOUNTS, updatedAt: row.updatedAt.toISOString() };
}

/**
 * Saves the plan. Refused (nothing written) when `validateSieAccountPlan` refuses it. Saving the
 * plan already in force changes nothing and logs nothing; otherwise the audit entry lists each
 * changed role with its account before and after.
 */
export async function saveAccountingSettings(
  ctx: CommandContext,
  accounts: SieAccounts,
): Promise<Result<AccountingSettings, SieAccountPlanFailure>> {
  const checked = validateSieAccountPlan(sieAccountPlanOf(accounts));
  if (!checked.ok) return checked;
  const before = await readAccountingSettings(ctx.tx, ctx.tenantId);
  const changes = SIE_ACCOUNT_ROLES.flatMap((role) => {
    const from = before.accounts[role];
    const to = accounts[role];
    return from.number === to.number && from.name === to.name ? [] : [{ role, from, to }];
  });
  if (changes.length === 0) return ok(before);
  // Stored in role order, a fresh object (no fields beyond number and name).
  const stored = Object.fromEntries(
    SIE_ACCOUNT_ROLES.map((role) => [
      role,
      { number: accounts[role].number, name: accounts[role].name },
    ]),
  ) as SieAccounts;
  await ctx.tx
    .insert(accountingSettings)
    .values({ tenantId: ctx.tenantId, sieAccounts: stored, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: accountingSettings.tenantId,
      set: { sieAccounts: stored, updatedAt: ctx.now },
    });
  await audit(ctx, {
    action: 'accounting.accounts-updated',
    targetType: 'environment',
    targetId: ctx.tenantId,
    details: { changes },
  });
  return ok({ accounts: stored, defaults: DEFAULT_SIE_ACCOUNTS, updatedAt: ctx.now.toISOString() });
}
