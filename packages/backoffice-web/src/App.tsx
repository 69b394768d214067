import { Alert, Stack, Title } from '@mantine/core';
import { lazy, Suspense, useEffect } from 'react';
import { useAuth, useMe } from './auth/AuthProvider';
import { AppLayout } from './components/AppLayout';
import { Loading } from './components/Loading';
import { useT } from './i18n/I18nProvider';
import { LicenceProvider, useLicensedModules } from './licence/LicenceProvider';
import { AuditLogPage } from './pages/audit/AuditLogPage';
import { CashierPage } from './pages/CashierPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductsPage } from './pages/products/ProductsPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { TerminalsPage } from './pages/terminals/TerminalsPage';
import { UsersPage } from './pages/users/UsersPage';
import { routeAccess } from './router/access';
import { usePath } from './router/router';
import { findRoute, type RouteDefinition } from './router/routes';

// The sales dashboard and the reports load on first visit: the charts library stays out of the
// bundle everybody downloads at sign-in.
const SalesPage = lazy(() =>
  import('./pages/sales/SalesPage').then((module) => ({ default: module.SalesPage })),
);
const ReportsPage = lazy(() =>
  import('./pages/reports/ReportsPage').then((module) => ({ default: module.ReportsPage })),
);

export function App() {
  const t = useT();
  const { state } = useAuth();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  switch (state.status) {
    case 'checking':
      return <Loading label={t('login.checkingSession')} />;
    case 'signed-out':
      return <LoginPage initialError={state.error} />;
    case 'signed-in':
      return state.me.user.role === 'cashier' ? (
        <CashierPage />
      ) : (
        // Only admins and managers read the licence (cashiers get 403 from the backoffice API).
        <LicenceProvider>
          <SignedInApp />
        </LicenceProvider>
      );
  }
}

function SignedInApp() {
  const path = usePath();
  const route = findRoute(path);
  return (
    <AppLayout current={route}>
      <Page route={route} path={path} />
    </AppLayout>
  );
}

function Page({ route, path }: { route: RouteDefinition | undefined; path: string }) {
  const t = useT();
  const { user } = useMe();
  const licensed = useLicensedModules();
  if (route === undefined) return <NotFoundPage path={path} />;

  switch (routeAccess(route, user.role, licensed)) {
    case 'pending':
      return <Loading />;
    case 'forbidden-role':
      return <Refusal title={t(route.label)} text={t('access.adminOnly')} />;
    case 'not-licensed':
      return <Refusal title={t(route.label)} text={t('access.notLicensed')} />;
    case 'allowed':
      break;
  }

  switch (route.page) {
    case 'start':
      return <StartPage />;
    case 'terminals':
      return <TerminalsPage />;
    case 'users':
      return <UsersPage />;
    case 'auditLog':
      return <AuditLogPage />;
    case 'settings':
      return <SettingsPage />;
    case 'products':
      return <ProductsPage />;
    case 'sales':
      return (
        <Suspense fallback={<Loading />}>
          <SalesPage />
        </Suspense>
      );
    case 'reports':
      return (
        <Suspense fallback={<Loading />}>
          <ReportsPage />
        </Suspense>
      );
  }
}

function Refusal({ title, text }: { title: string; text: string }) {
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <Alert color="yellow" variant="light">
        {text}
      </Alert>
    </Stack>
  );
}
