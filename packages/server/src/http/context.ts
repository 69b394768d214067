/**
 * What a request carries once the edge has resolved it: its environment, and (when signed in)
 * the user and the session. Commands take a `CommandContext` as their first parameter.
 */
import type { FastifyRequest } from 'fastify';
import type { LicenceModule, Role } from '@kassa/contracts';
import type { Db, Tx } from '../db/database.js';

export interface TenantRef {
  id: string;
  slug: string;
  companyName: string;
}

export interface SignedIn {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  sessionId: string;
  csrfToken: string;
}

/** The first argument of every command: who acts, in which environment, when, in which transaction. */
export interface CommandContext {
  tenantId: string;
  actor: { userId: string | null; name: string };
  address: string | null;
  now: Date;
  tx: Db | Tx;
}

/**
 * The command context of a request that has passed the edge hooks. Lives here, not in app.ts,
 * so that the routes app.ts registers do not import app.ts back.
 */
export function commandContext(
  request: FastifyRequest,
  tx: CommandContext['tx'],
  now: Date,
): CommandContext {
  const tenant = request.tenant;
  if (!tenant) throw new Error('commandContext on a request without an environment');
  const signedIn: SignedIn | null = request.signedIn;
  return {
    tenantId: tenant.id,
    actor: signedIn
      ? { userId: signedIn.userId, name: signedIn.username }
      : { userId: null, name: 'anonymous' },
    address: request.ip,
    now,
    tx,
  };
}

/** Per-route options read by the edge hooks. */
export interface RouteAccess {
  /** No environment needed (health, API docs). */
  public?: boolean;
  /**
   * Who may call: 'anyone' in the environment, a signed-in user, listed roles, or a register
   * authenticated by its device key ('device').
   */
  access?: 'anyone' | 'signed-in' | 'device' | readonly Role[];
  /**
   * Device routes only: a register of a deactivated terminal may still call it (its journal
   * upload, so that a backlog is never stranded). A removed binding is refused everywhere.
   */
  deactivatedTerminal?: 'allowed';
  /** The licence module the route belongs to; refused (403 module-not-licensed) without it. */
  module?: LicenceModule;
}

declare module 'fastify' {
  interface FastifyRequest {
    tenant: TenantRef | null;
    signedIn: SignedIn | null;
  }
  interface FastifyContextConfig {
    kassa?: RouteAccess;
  }
}
