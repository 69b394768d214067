/**
 * First start: when the database has no environment at all, create the demo environment and its
 * admin. The password is KASSA_ADMIN_PASSWORD when given, else generated and returned once.
 */
import type { Clock } from './clock.js';
import { createEnvironment } from './commands/environments.js';
import type { Db } from './db/database.js';
import { tenants } from './db/schema.js';
import { newReadablePassword } from './security/tokens.js';

/** The demo company's organisation number (valid Luhn check digit; fictitious). */
export const DEMO_ORGANISATION_NUMBER = '559999-0008';

export type SeedResult =
  | { created: false }
  | { created: true; slug: string; username: string; generatedPassword: string | null };

/** Creates the demo environment on an empty database; does nothing otherwise. */
export async function seedFirstStart(
  db: Db,
  clock: Clock,
  adminPassword: string | null,
): Promise<SeedResult> {
  const any = await db.select({ id: tenants.id }).from(tenants).limit(1);
  if (any.length > 0) return { created: false };
  const password = adminPassword ?? newReadablePassword();
  const result = await createEnvironment(
    db,
    {
      slug: 'demo',
      companyName: 'Demokaféet AB',
      organisationNumber: DEMO_ORGANISATION_NUMBER,
      place: {
        name: 'Demokaféet Storgatan',
        streetAddress: 'Storgatan 1',
        postalCode: '111 22',
        city: 'Stockholm',
      },
      admin: { username: 'admin', displayName: 'Administratör', password },
      licensedTerminals: 2,
    },
    clock.now(),
  );
  if (!result.ok) {
    if (result.code === 'environment-exists') return { created: false };
    throw new Error(`Could not create the demo environment: ${result.code}`);
  }
  return {
    created: true,
    slug: 'demo',
    username: 'admin',
    generatedPassword: adminPassword ? null : password,
  };
}
