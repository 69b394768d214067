/** Builds the app over a test database, with factories for environments, users and sessions. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '@kassa/contracts';
import type { Database } from '../../src/db/database.js';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import { createEnvironment } from '../../src/commands/environments.js';
import type { Clock } from '../../src/clock.js';

export const BASE_DOMAIN = 'kassa.test';
export const ADMIN_PASSWORD = 'korrekt-hast-batteri-1';

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private current: Date = new Date('2026-11-25T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export async function buildTestApp(
  database: Database,
  overrides: Partial<AppDeps> = {},
): Promise<FastifyInstance> {
  return buildApp({
    database,
    clock: new FakeClock(),
    version: '0.0.0-test',
    tenancy: { baseDomain: BASE_DOMAIN, defaultEnvironment: null },
    webDir: null,
    ...overrides,
  });
}

/** The host header of an environment. */
export function hostOf(slug: string): string {
  return `${slug}.${BASE_DOMAIN}`;
}

let counter = 0;

/** Creates an environment with an admin `admin` (password ADMIN_PASSWORD). */
export async function buildEnvironment(
  database: Database,
  slug = `env${++counter}`,
  companyName = `Företaget ${slug} AB`,
): Promise<{ slug: string; host: string; tenantId: string; adminUserId: string }> {
  const result = await createEnvironment(
    database.db,
    {
      slug,
      companyName,
      organisationNumber: '559999-0008',
      place: {
        name: `Butiken ${slug}`,
        streetAddress: 'Storgatan 1',
        postalCode: '111 22',
        city: 'Stockholm',
      },
      admin: { username: 'admin', displayName: `Admin ${slug}`, password: ADMIN_PASSWORD },
    },
    new Date('2026-11-01T08:00:00Z'),
  );
  if (!result.ok) throw new Error(`could not build environment: ${result.code}`);
  return { slug, host: hostOf(slug), tenantId: result.tenantId, adminUserId: result.adminUserId };
}

export interface Session {
  host: string;
  cookie: string;
  csrfToken: string;
  userId: string;
}

/** The session cookie (name=value) of a response. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'kassa_session');
  if (!cookie) throw new Error(`no session cookie: ${response.statusCode} ${response.body}`);
  return `kassa_session=${cookie.value}`;
}

/** Signs in through the API. */
export async function signInAs(
  app: FastifyInstance,
  host: string,
  username: string,
  password: string = ADMIN_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { host },
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ csrfToken: string; user: { id: string } }>();
  return {
    host,
    cookie: sessionCookieOf(response),
    csrfToken: body.csrfToken,
    userId: body.user.id,
  };
}

/** Headers of a signed-in request (cookie + CSRF token). */
export function as(session: Session): Record<string, string> {
  return { host: session.host, cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

/** Creates a user through the API as an admin; returns its id. */
export async function createUserAs(
  app: FastifyInstance,
  admin: Session,
  username: string,
  role: Role,
  password = 'ett-bra-losenord-42',
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: as(admin),
    payload: { username, displayName: username.toUpperCase(), role, password },
  });
  if (response.statusCode !== 201) throw new Error(`create user failed: ${response.body}`);
  return response.json<{ user: { id: string } }>().user.id;
}
