/**
 * Which environment a request is for, from its host name: `<slug>.<base domain>`; a local install
 * also answers on localhost/127.0.0.1 (and the bare base domain) with its default environment.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { tenants } from '../db/schema.js';
import type { TenantRef } from './context.js';

export interface TenantResolutionOptions {
  baseDomain: string;
  /** Slug answered on local host names; null: the only environment when there is exactly one. */
  defaultEnvironment: string | null;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The host name of a Host header, lower-cased, without the port. */
export function hostNameOf(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** What a host name asks for: a named environment, the local default, or nothing we serve. */
export function classifyHost(
  hostName: string,
  baseDomain: string,
): { kind: 'slug'; slug: string } | { kind: 'default' } | { kind: 'none' } {
  const base = baseDomain.toLowerCase();
  if (LOCAL_HOSTS.has(hostName) || hostName === base) return { kind: 'default' };
  if (hostName.endsWith(`.${base}`)) {
    const slug = hostName.slice(0, -(base.length + 1));
    return SLUG.test(slug) ? { kind: 'slug', slug } : { kind: 'none' };
  }
  return { kind: 'none' };
}

/** Looks the request's environment up in the database (no cache: no state in process). */
export async function resolveTenant(
  db: Db,
  hostHeader: string | undefined,
  options: TenantResolutionOptions,
): Promise<TenantRef | null> {
  const wanted = classifyHost(hostNameOf(hostHeader), options.baseDomain);
  const columns = { id: tenants.id, slug: tenants.slug, companyName: tenants.companyName };
  if (wanted.kind === 'none') return null;
  if (wanted.kind === 'slug' || options.defaultEnvironment !== null) {
    const slug = wanted.kind === 'slug' ? wanted.slug : (options.defaultEnvironment ?? '');
    const rows = await db.select(columns).from(tenants).where(eq(tenants.slug, slug)).limit(1);
    return rows[0] ?? null;
  }
  const rows = await db.select(columns).from(tenants).limit(2);
  return rows.length === 1 ? (rows[0] ?? null) : null;
}
