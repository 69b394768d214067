/** Creating an environment (one business) with its first place of business and first admin. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { parseOrganisationNumber } from '@kassa/core';
import type { Db } from '../db/database.js';
import { LICENCE_MODULES, licences, placesOfBusiness, tenants, users } from '../db/schema.js';
import { hashPassword } from '../security/password.js';
import { audit } from './audit.js';
import { checkPassword } from './users.js';

export interface NewEnvironment {
  slug: string;
  companyName: string;
  organisationNumber: string;
  place: { name: string; streetAddress: string; postalCode: string; city: string };
  admin: { username: string; displayName: string; password: string };
  /** Licensed terminals (default 1); every module is included. */
  licensedTerminals?: number;
}

export type CreateEnvironmentResult =
  | { ok: true; tenantId: string; adminUserId: string }
  | {
      ok: false;
      code:
        | 'invalid-organisation-number'
        | 'environment-exists'
        | 'invalid-slug'
        | 'password-too-short'
        | 'password-too-long';
    };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Creates an environment; the organisation number must pass the Luhn check. */
export async function createEnvironment(
  db: Db,
  input: NewEnvironment,
  now: Date,
): Promise<CreateEnvironmentResult> {
  if (!SLUG.test(input.slug)) return { ok: false, code: 'invalid-slug' };
  const orgnr = parseOrganisationNumber(input.organisationNumber);
  if (!orgnr.ok) return { ok: false, code: 'invalid-organisation-number' };
  const bad = checkPassword(input.admin.password);
  if (bad) return bad;
  const passwordHash = await hashPassword(input.admin.password);
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.slug, input.slug));
    if (existing.length > 0) return { ok: false as const, code: 'environment-exists' as const };
    const tenantId = randomUUID();
    const adminUserId = randomUUID();
    await tx.insert(tenants).values({
      id: tenantId,
      slug: input.slug,
      companyName: input.companyName,
      organisationNumber: orgnr.value,
      createdAt: now,
    });
    await tx.insert(licences).values({
      tenantId,
      terminals: input.licensedTerminals ?? 1,
      modules: [...LICENCE_MODULES],
      updatedAt: now,
    });
    await tx
      .insert(placesOfBusiness)
      .values({ tenantId, id: randomUUID(), ...input.place, createdAt: now });
    await tx.insert(users).values({
      tenantId,
      id: adminUserId,
      username: input.admin.username,
      displayName: input.admin.displayName,
      role: 'admin',
      passwordHash,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    await audit(
      { tenantId, actor: { userId: null, name: 'system' }, address: null, now, tx },
      {
        action: 'environment.created',
        targetType: 'environment',
        targetId: tenantId,
        details: { slug: input.slug },
      },
    );
    return { ok: true as const, tenantId, adminUserId };
  });
}
