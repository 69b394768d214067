import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { LocalProduct, LocalSignedIn, ReceiptResult, SaleLineView } from '@kassa/contracts';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKg } from '../../selling/money';
import type { Action } from './ActionBar';
import { CashDialog } from './CashDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { DiscountDialog } from './DiscountDialog';
import { ParkDialog } from './ParkDialog';
import { ParkedDialog } from './ParkedDialog';
import { PaymentDialog } from './PaymentDialog';
import { QuantityDialog } from './QuantityDialog';
import { ReceiptResultDialog } from './ReceiptResultDialog';
import { ReceiptsDialog } from './ReceiptsDialog';
import { ReportsDialog } from './ReportsDialog';
import { SettingsDialog } from './SettingsDialog';
import type { SaleController } from './useSale';
import { WeightDialog } from './WeightDialog';

/** The one dialog open on the sales screen (the scanner waits while one is open). */
export type Dialog =
  | { kind: Exclude<Action, 'proForma'> | 'pay' | 'settings' }
  | { kind: 'quantity' | 'lineDiscount' | 'remove'; line: SaleLineView }
  | { kind: 'weigh'; product: LocalProduct | null; barcode: string | null }
  | { kind: 'proForma'; result: ReceiptResult };

export function SalesDialogs({
  dialog,
  cashier,
  sale,
  payBlocked,
  onClose,
  onPaid,
}: {
  dialog: Dialog;
  cashier: LocalSignedIn;
  sale: SaleController;
  payBlocked: boolean;
  onClose: () => void;
  onPaid: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const [discountError, setDiscountError] = useState<unknown>(null);
  const current = sale.sale;
  if (current === null) return null;

  /** Runs a step; a refusal stays in the dialog instead of the notice area. */
  const inDialog = (step: Parameters<SaleController['run']>[0]) =>
    sale.run(step, {
      onError: (error) => {
        setDiscountError(error);
        return true;
      },
    });

  switch (dialog.kind) {
    case 'quantity':
      return dialog.line.unit === 'gram' ? (
        <WeightDialog
          title={`${t('line.weight')}: ${dialog.line.text}`}
          pricePerKg={dialog.line.unitPrice}
          initialGrams={dialog.line.quantity}
          submitLabel={t('sales.ok')}
          onSubmit={(grams) =>
            sale.run(() => api.changeLine(dialog.line.lineId, { quantity: grams }))
          }
          onClose={onClose}
        />
      ) : (
        <QuantityDialog
          line={dialog.line}
          onSubmit={(quantity) => sale.run(() => api.changeLine(dialog.line.lineId, { quantity }))}
          onClose={onClose}
        />
      );
    case 'weigh': {
      const { product, barcode } = dialog;
      return (
        <WeightDialog
          title={
            product !== null
              ? t('weight.title', { name: product.name })
              : t('weight.titleScanned', { code: barcode ?? '' })
          }
          pricePerKg={product?.priceOre ?? null}
          initialGrams={null}
          submitLabel={t('weight.add')}
          onSubmit={(grams) =>
            sale.run(() =>
              api.addLine(
                product !== null
                  ? { articleNumber: product.articleNumber, grams }
                  : { barcode: barcode ?? '', grams },
              ),
            )
          }
          onClose={onClose}
        />
      );
    }
    case 'lineDiscount': {
      const line = current.lines.find((l) => l.lineId === dialog.line.lineId) ?? dialog.line;
      return (
        <DiscountDialog
          title={t('discount.lineTitle', { text: line.text })}
          current={line.discount}
          maxRate={current.maxDiscountRate}
          error={discountError === null ? null : errorText(discountError)}
          onSubmit={(discount) => {
            setDiscountError(null);
            return inDialog(() => api.changeLine(line.lineId, { discount }));
          }}
          onClose={onClose}
        />
      );
    }
    case 'orderDiscount':
      return (
        <DiscountDialog
          title={t('discount.orderTitle')}
          current={current.orderDiscount}
          maxRate={current.maxDiscountRate}
          error={discountError === null ? null : errorText(discountError)}
          onSubmit={(discount) => {
            setDiscountError(null);
            return inDialog(() => api.orderDiscount(discount));
          }}
          onClose={onClose}
        />
      );
    case 'remove':
      return (
        <ConfirmDialog
          title={t('removeLine.title')}
          body={t('removeLine.body', {
            text:
              dialog.line.unit === 'gram'
                ? `${dialog.line.text} (${formatKg(dialog.line.quantity)})`
                : `${dialog.line.text} (${t('receipt.pieces', { count: dialog.line.quantity })})`,
          })}
          confirmLabel={t('removeLine.confirm')}
          onConfirm={() => sale.run(() => api.removeLine(dialog.line.lineId))}
          onClose={onClose}
        />
      );
    case 'clear':
      return (
        <ConfirmDialog
          title={t('clear.title')}
          body={t('clear.body', { count: current.lines.length })}
          confirmLabel={t('clear.confirm')}
          onConfirm={() => sale.run(() => api.clearSale(), { info: (tr) => tr('notice.cleared') })}
          onClose={onClose}
        />
      );
    case 'park':
      return (
        <ParkDialog
          onPark={(note) => sale.run(() => api.park(note), { info: (tr) => tr('notice.parked') })}
          onClose={onClose}
        />
      );
    case 'parked':
      return (
        <ParkedDialog
          onResume={async (parkingId) => {
            let refusal: unknown = null;
            const resumed = await sale.run(() => api.resume(parkingId), {
              info: (tr) => tr('notice.resumed'),
              onError: (error) => {
                refusal = error;
                return true;
              },
            });
            return resumed ? null : refusal;
          }}
          onClose={onClose}
        />
      );
    case 'pay':
      return (
        <PaymentDialog sale={current} blocked={payBlocked} onPaid={onPaid} onClose={onClose} />
      );
    case 'proForma':
      return (
        <ReceiptResultDialog
          title={t('proForma.title')}
          note={t('proForma.note')}
          result={dialog.result}
          onClose={onClose}
        />
      );
    case 'receipts':
      return <ReceiptsDialog onClose={onClose} />;
    case 'cash':
      return (
        <CashDialog onDone={(text) => sale.setNotice({ tone: 'info', text })} onClose={onClose} />
      );
    case 'reports':
      return <ReportsDialog cashier={cashier} onClose={onClose} />;
    case 'settings':
      return (
        <SettingsDialog
          onDone={(text) => sale.setNotice({ tone: 'info', text })}
          onClose={onClose}
        />
      );
  }
}
