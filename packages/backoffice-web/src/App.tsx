import { useEffect } from 'react';
import { useAuth } from './auth/AuthProvider';
import { AppLayout } from './components/AppLayout';
import { Loading } from './components/Loading';
import { useT } from './i18n/I18nProvider';
import { CashierPage } from './pages/CashierPage';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { StartPage } from './pages/StartPage';
import { UsersPage } from './pages/users/UsersPage';
import { usePath } from './router/router';
import { findRoute, type RouteDefinition } from './router/routes';

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
      return state.me.user.role === 'cashier' ? <CashierPage /> : <SignedInApp />;
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
  if (route === undefined) return <NotFoundPage path={path} />;
  switch (route.page) {
    case 'start':
      return <StartPage />;
    case 'users':
      return <UsersPage />;
    case 'settings':
      return <SettingsPage />;
    case 'terminals':
    case 'products':
    case 'sales':
    case 'reports':
      return <ComingSoonPage title={t(route.label)} />;
  }
}
