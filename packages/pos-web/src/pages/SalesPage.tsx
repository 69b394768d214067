import { Center, Loader } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useApi } from '../api/ApiProvider';
import { ApiError } from '@kassa/web-kit';
import type { LocalProduct, LocalSignedIn } from '@kassa/contracts';
import { ErrorPanel } from '../components/ErrorPanel';
import { useErrorText, useT } from '../i18n/I18nProvider';
import { useStatus } from '../status/StatusProvider';
import { ActionBar, type Action } from './selling/ActionBar';
import { PaymentBlockedBanner, TrainingBand, ZPendingBanner } from './selling/Banners';
import { NoticeArea } from './selling/NoticeArea';
import { ProductPanel, type LargeCatalogue } from './selling/ProductPanel';
import { ReceiptPanel } from './selling/ReceiptPanel';
import { SalesDialogs, type Dialog } from './selling/SalesDialogs';
import { SellingBar } from './selling/SellingBar';
import { useBarcodeScanner } from './selling/useBarcodeScanner';
import { useSale } from './selling/useSale';

/** Products asked for at first: a copy of at most this many is held and searched in the page. */
const WHOLE_CATALOGUE_PAGE = 500;

/** How often the register pulls the catalogue from the server (its sync interval). */
const CATALOGUE_PULL_MS = 60_000;

/** The query of the catalogue's first page (GET /local/catalogue?limit=500). */
const firstCataloguePageKey = ['local', 'catalogue', 'first-page'] as const;

const noProducts: LocalProduct[] = [];

/**
 * The register screen: the receipt in progress on the left, the product grid on the right, the
 * actions at the bottom, and the selling status on top. A barcode scanner works wherever the focus
 * is. Every change goes to the register's local API, whose answer is what the screen shows.
 */
export function SalesPage({ cashier }: { cashier: LocalSignedIn }) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const client = useQueryClient();
  const { state, update, refresh, reportError } = useStatus();
  const sale = useSale();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  const status = state.phase === 'ready' ? state.status : null;
  const controlUnit = status?.controlUnit;
  const payBlocked = controlUnit?.state === 'down';
  const training = sale.sale?.training ?? status?.training ?? false;

  // The first page of the copy: a small catalogue is all of it and is searched here; a large one
  // (100,000 articles) is searched by the register, a page at a time. A sale does not change the
  // catalogue: the copy changes when the register pulls it from the server (once a minute), so it
  // is asked again after a payment only when it is older than that.
  const catalogue = useQuery({
    queryKey: firstCataloguePageKey,
    queryFn: () =>
      api.cataloguePage({ limit: WHOLE_CATALOGUE_PAGE }).catch((error: unknown) => {
        reportError(error);
        throw error;
      }),
    staleTime: CATALOGUE_PULL_MS,
  });
  const page = catalogue.data;
  const whole = page === undefined || page.total <= page.products.length;
  const products = useMemo(
    () => (page !== undefined && whole ? page.products : noProducts),
    [page, whole],
  );
  const large = page !== undefined && !whole ? page : null;

  const largeCatalogue = useMemo<LargeCatalogue | null>(
    () =>
      // A new object each answer that differs, so the grid asks the register again (the copy may
      // have changed); an unchanged answer keeps its object (the query's structural sharing).
      large === null
        ? null
        : {
            total: large.total,
            groups: large.groups,
            search: (query) =>
              api.cataloguePage(query).catch((error: unknown) => {
                reportError(error);
                throw error;
              }),
          },
    [api, large, reportError],
  );

  const { run, setNotice } = sale;

  const addByBarcode = useCallback(
    (barcode: string) => {
      void run(() => api.addLine({ barcode }), {
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'weight-required') {
            const product = products.find((p) => p.barcodes.includes(barcode)) ?? null;
            if (product === null && large !== null) {
              // A large copy is not held here: the register finds the barcode exactly.
              api.cataloguePage({ barcode, limit: 1 }).then(
                (page) => setDialog({ kind: 'weigh', barcode, product: page.products[0] ?? null }),
                () => setDialog({ kind: 'weigh', barcode, product: null }),
              );
              return true;
            }
            setDialog({ kind: 'weigh', barcode, product });
            return true;
          }
          if (error instanceof ApiError && error.code === 'article-not-found') {
            setNotice({
              tone: 'error',
              error,
              title: (tr) => tr('notice.unknownBarcode', { code: barcode }),
            });
            return true;
          }
          return false;
        },
      });
    },
    [api, large, products, run, setNotice],
  );

  const addProduct = useCallback(
    (product: LocalProduct) => {
      if (product.unit === 'kilogram') {
        setDialog({ kind: 'weigh', barcode: null, product });
        return;
      }
      void run(() => api.addLine({ articleNumber: product.articleNumber }));
    },
    [api, run],
  );

  useBarcodeScanner(dialog === null && sale.sale !== null, addByBarcode);

  function signOut() {
    setSigningOut(true);
    api.signOut().then(
      () => update((current) => ({ ...current, signedIn: null })),
      (error: unknown) => {
        setSigningOut(false);
        reportError(error);
        setNotice({ tone: 'error', error });
      },
    );
  }

  function switchTraining(on: boolean) {
    void run(() => api.training(on), {
      info: (tr) => (on ? tr('notice.trainingOn') : tr('notice.trainingOff')),
    }).then(() => refresh());
  }

  function onAction(action: Action) {
    switch (action) {
      case 'proForma':
        api.proForma().then(
          (result) => setDialog({ kind: 'proForma', result }),
          (error: unknown) => {
            reportError(error);
            setNotice({ tone: 'error', error });
          },
        );
        return;
      default:
        setDialog({ kind: action });
    }
  }

  if (sale.sale === null) {
    return (
      <Center style={{ flex: 1 }} p="lg">
        {sale.loadError === null ? (
          <Loader size="xl" aria-label={t('sales.loading')} />
        ) : (
          <ErrorPanel title={t('error.title')} onRetry={() => void sale.reload()}>
            {errorText(sale.loadError)}
          </ErrorPanel>
        )}
      </Center>
    );
  }

  const current = sale.sale;
  return (
    <div className="selling" data-training={training || undefined}>
      <SellingBar
        cashier={cashier}
        businessDay={status?.businessDay}
        training={training}
        onTraining={switchTraining}
        onSettings={() => setDialog({ kind: 'settings' })}
        onSignOut={signOut}
        signingOut={signingOut}
      />
      {training && <TrainingBand />}
      {status?.zPending !== undefined && status.zPending.length > 0 && (
        <ZPendingBanner days={status.zPending} />
      )}
      {payBlocked && controlUnit !== undefined && (
        <PaymentBlockedBanner controlUnit={controlUnit} />
      )}
      <div className="selling-body">
        <ReceiptPanel
          sale={current}
          selectedLineId={sale.selectedLineId}
          onSelect={sale.select}
          onConsumption={(consumption) => void run(() => api.consumption(consumption))}
          busy={sale.busy}
          payBlocked={payBlocked}
          onPay={() => setDialog({ kind: 'pay' })}
          onStep={(line, delta) =>
            void run(() => api.changeLine(line.lineId, { quantity: line.quantity + delta }))
          }
          onQuantity={(line) => setDialog({ kind: 'quantity', line })}
          onDiscount={(line) => setDialog({ kind: 'lineDiscount', line })}
          onRemove={(line) => setDialog({ kind: 'remove', line })}
        />
        <div className="selling-side">
          <NoticeArea notice={sale.notice} onDismiss={() => setNotice(null)} />
          <ProductPanel
            products={products}
            large={largeCatalogue}
            onProduct={addProduct}
            onBarcode={addByBarcode}
          />
        </div>
      </div>
      <ActionBar
        hasLines={current.lines.length > 0}
        parkedCount={current.parkedCount}
        onAction={onAction}
      />
      {dialog !== null && (
        <SalesDialogs
          dialog={dialog}
          cashier={cashier}
          sale={sale}
          payBlocked={payBlocked}
          onClose={() => setDialog(null)}
          onPaid={() => {
            void sale.reload();
            void client.refetchQueries({ queryKey: firstCataloguePageKey, stale: true });
            void refresh();
          }}
        />
      )}
    </div>
  );
}
