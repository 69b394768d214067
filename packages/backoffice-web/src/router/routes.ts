import type { LicenceModule, Role } from '@kassa/contracts';
import type { PlainMessageKey } from '../i18n/translate';

type PageId =
  'start' | 'terminals' | 'users' | 'products' | 'sales' | 'reports' | 'auditLog' | 'settings';

export interface RouteDefinition {
  page: PageId;
  path: string;
  label: PlainMessageKey;
  /** The licence module the page belongs to; without it the page is part of the core. */
  module?: LicenceModule;
  /** Roles that see the page in the menu; everyone signed in to the backoffice without it. */
  roles?: readonly Role[];
}

/** The main navigation, in menu order. Paths are language-neutral so links survive a switch. */
export const routes: readonly RouteDefinition[] = [
  { page: 'start', path: '/', label: 'nav.start' },
  { page: 'terminals', path: '/terminals', label: 'nav.terminals' },
  { page: 'users', path: '/users', label: 'nav.users' },
  { page: 'products', path: '/products', label: 'nav.products', module: 'products' },
  { page: 'sales', path: '/sales', label: 'nav.sales', module: 'reports' },
  { page: 'reports', path: '/reports', label: 'nav.reports', module: 'reports' },
  { page: 'auditLog', path: '/audit-log', label: 'nav.auditLog', roles: ['admin'] },
  { page: 'settings', path: '/settings', label: 'nav.settings' },
];

/** The route for a path; a trailing slash is ignored. */
export function findRoute(path: string): RouteDefinition | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return routes.find((route) => route.path === normalised);
}
