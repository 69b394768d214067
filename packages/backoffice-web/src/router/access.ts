import type { LicenceModule, Role } from '@kassa/contracts';
import type { RouteDefinition } from './routes';

/**
 * What is known about the licensed modules: still loading, unknown (the licence could not be
 * read), or the list. The server enforces the licence; the menu only follows it.
 */
export type LicensedModules =
  | { status: 'loading' }
  | { status: 'unknown' }
  | { status: 'known'; modules: readonly LicenceModule[] };

export type RouteAccess =
  /** The page may be shown. */
  | 'allowed'
  /** The user's role may not use the page. */
  | 'forbidden-role'
  /** The page belongs to a module the licence does not include. */
  | 'not-licensed'
  /** The page belongs to a module and the licence is still loading. */
  | 'pending';

export function routeAccess(
  route: RouteDefinition,
  role: Role,
  licensed: LicensedModules,
): RouteAccess {
  if (route.roles !== undefined && !route.roles.includes(role)) return 'forbidden-role';
  if (route.module === undefined) return 'allowed';
  switch (licensed.status) {
    case 'loading':
      return 'pending';
    case 'unknown':
      // Better a menu item too many than a hidden page: the server refuses unlicensed data.
      return 'allowed';
    case 'known':
      return licensed.modules.includes(route.module) ? 'allowed' : 'not-licensed';
  }
}

/** The menu items for a role and licence (modules still loading are left out until known). */
export function visibleRoutes(
  all: readonly RouteDefinition[],
  role: Role,
  licensed: LicensedModules,
): RouteDefinition[] {
  return all.filter((route) => routeAccess(route, role, licensed) === 'allowed');
}
