import { describe, expect, it } from 'vitest';
import type { LicenceModule } from '@kassa/contracts';
import { routeAccess, visibleRoutes, type LicensedModules } from './access';
import { findRoute, routes } from './routes';

const known = (...modules: LicenceModule[]): LicensedModules => ({ status: 'known', modules });
const pages = (list: { page: string }[]) => list.map((route) => route.page);

describe('visibleRoutes', () => {
  it('shows everything to an admin with every module', () => {
    expect(pages(visibleRoutes(routes, 'admin', known('products', 'reports', 'exports')))).toEqual([
      'start',
      'terminals',
      'users',
      'products',
      'sales',
      'reports',
      'auditLog',
      'settings',
    ]);
  });

  it('hides Produkter without the products module', () => {
    expect(pages(visibleRoutes(routes, 'admin', known('reports')))).not.toContain('products');
    expect(pages(visibleRoutes(routes, 'admin', known('reports')))).toContain('reports');
  });

  it('hides Försäljning and Rapporter without the reports module', () => {
    const visible = pages(visibleRoutes(routes, 'admin', known('products', 'exports')));
    expect(visible).toContain('products');
    expect(visible).not.toContain('sales');
    expect(visible).not.toContain('reports');
  });

  it('shows only the core without modules', () => {
    expect(pages(visibleRoutes(routes, 'admin', known()))).toEqual([
      'start',
      'terminals',
      'users',
      'auditLog',
      'settings',
    ]);
  });

  it('keeps the audit log for admins', () => {
    expect(pages(visibleRoutes(routes, 'manager', known('products', 'reports')))).not.toContain(
      'auditLog',
    );
  });

  it('waits for the licence before showing module pages, and shows them if it is unknown', () => {
    expect(pages(visibleRoutes(routes, 'admin', { status: 'loading' }))).not.toContain('products');
    expect(pages(visibleRoutes(routes, 'admin', { status: 'unknown' }))).toContain('products');
  });
});

describe('routeAccess', () => {
  it('tells why a page is not shown', () => {
    const products = findRoute('/products');
    const auditLog = findRoute('/audit-log');
    if (products === undefined || auditLog === undefined) throw new Error('routes missing');
    expect(routeAccess(products, 'admin', known())).toBe('not-licensed');
    expect(routeAccess(products, 'admin', { status: 'loading' })).toBe('pending');
    expect(routeAccess(auditLog, 'manager', known())).toBe('forbidden-role');
    expect(routeAccess(auditLog, 'admin', { status: 'loading' })).toBe('allowed');
  });
});
