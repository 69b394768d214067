import { useEffect } from 'react';
import { Shell } from './components/Shell';
import { useT } from './i18n/I18nProvider';
import { BindingRemovedPage } from './pages/BindingRemovedPage';
import { CheckingPage, ServiceUnreachablePage } from './pages/ServiceUnreachablePage';
import { SalesPage } from './pages/SalesPage';
import { SetupPage } from './pages/setup/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { useStatus, type StatusState } from './status/StatusProvider';

/**
 * The register has no pages to navigate between: its state (`/local/status`) decides the screen.
 * Not connected → "Anslut kassan"; binding removed → a blocking red screen; nobody signed in →
 * cashier sign-in; signed in → the sales screen.
 */
export function App() {
  const t = useT();
  const { state } = useStatus();

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const ready = state.phase === 'ready';
  return (
    <Shell status={ready ? state.status : null} reachable={ready ? state.reachable : false}>
      <Screen state={state} />
    </Shell>
  );
}

function Screen({ state }: { state: StatusState }) {
  switch (state.phase) {
    case 'checking':
      return <CheckingPage />;
    case 'unreachable':
      return <ServiceUnreachablePage />;
    case 'ready': {
      const { status } = state;
      if (status.binding === 'removed') {
        const reason =
          status.problem?.code === 'binding-removed'
            ? status.problem
            : (state.bindingRemoved?.messages ?? null);
        return <BindingRemovedPage reason={reason} />;
      }
      if (!status.connected) return <SetupPage registerProblem={status.problem ?? null} />;
      if (status.signedIn === null) return <SignInPage problem={status.problem ?? null} />;
      return <SalesPage cashier={status.signedIn} />;
    }
  }
}
