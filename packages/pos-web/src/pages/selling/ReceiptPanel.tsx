import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Consumption, SaleLineView, SaleView } from '@kassa/contracts';
import { useT } from '../../i18n/I18nProvider';
import { lineUnitPriceText } from '../../selling/catalogue';
import { describeDiscount } from '../../selling/entry';
import { formatKg, formatKr, formatRate } from '../../selling/money';

/**
 * The receipt in progress: eat-in/take-away, the lines (tap one to select it), the tools for the
 * selected line, VAT per rate, the total and "Betala".
 */
export function ReceiptPanel({
  sale,
  selectedLineId,
  onSelect,
  onConsumption,
  onStep,
  onQuantity,
  onDiscount,
  onRemove,
  onPay,
  payBlocked,
  busy,
}: {
  sale: SaleView;
  selectedLineId: string | null;
  onSelect: (lineId: string) => void;
  onConsumption: (consumption: Consumption) => void;
  onStep: (line: SaleLineView, delta: 1 | -1) => void;
  onQuantity: (line: SaleLineView) => void;
  onDiscount: (line: SaleLineView) => void;
  onRemove: (line: SaleLineView) => void;
  onPay: () => void;
  /** The control unit does not answer: "Betala" says that payment is blocked. */
  payBlocked: boolean;
  busy: boolean;
}) {
  const t = useT();
  const selected = sale.lines.find((line) => line.lineId === selectedLineId) ?? null;
  return (
    <section aria-label={t('receipt.label')} className="receipt-panel">
      <Group justify="space-between" gap="sm" wrap="nowrap" className="receipt-head">
        <Text fw={800} size="lg">
          {t('receipt.label')}
        </Text>
        <SegmentedControl
          aria-label={t('consumption.label')}
          value={sale.consumption}
          onChange={(value) => onConsumption(value === 'take-away' ? 'take-away' : 'eat-in')}
          styles={{ label: { minHeight: 48, display: 'flex', alignItems: 'center' } }}
          data={[
            { value: 'eat-in', label: t('consumption.eatIn') },
            { value: 'take-away', label: t('consumption.takeAway') },
          ]}
        />
      </Group>
      <SaleLines sale={sale} selectedLineId={selectedLineId} onSelect={onSelect} />
      <LineTools
        line={selected}
        busy={busy}
        onStep={onStep}
        onQuantity={onQuantity}
        onDiscount={onDiscount}
        onRemove={onRemove}
      />
      <Totals sale={sale} />
      <div className="pay-row">
        <div className="receipt-total" role="status" aria-label={t('receipt.total')}>
          <Text size="md" fw={700}>
            {t('receipt.total')}
          </Text>
          <Text className="receipt-total-amount" data-testid="sale-total">
            {formatKr(sale.total)}
          </Text>
        </div>
        <Button
          className="pay-button"
          color={payBlocked ? 'red.9' : 'green.9'}
          variant={payBlocked ? 'outline' : 'filled'}
          disabled={sale.lines.length === 0 || busy}
          onClick={onPay}
        >
          <span className="pay-label">
            {payBlocked ? t('actions.payBlocked') : t('actions.pay')}
          </span>
          {payBlocked && <span className="pay-hint">{t('actions.payBlockedHint')}</span>}
        </Button>
      </div>
    </section>
  );
}

function SaleLines({
  sale,
  selectedLineId,
  onSelect,
}: {
  sale: SaleView;
  selectedLineId: string | null;
  onSelect: (lineId: string) => void;
}) {
  const t = useT();
  const list = useRef<HTMLUListElement>(null);
  // Keep the selected (usually the newest) line in view.
  useEffect(() => {
    const element = list.current?.querySelector('[aria-pressed="true"]');
    element?.scrollIntoView({ block: 'nearest' });
  }, [selectedLineId, sale]);

  if (sale.lines.length === 0) {
    return (
      <div className="receipt-lines receipt-empty">
        <Text size="lg" c="dimmed" ta="center">
          {t('receipt.empty')}
        </Text>
      </div>
    );
  }
  return (
    <ul className="receipt-lines" aria-label={t('receipt.linesLabel')} ref={list}>
      {sale.lines.map((line) => (
        <li key={line.lineId}>
          <button
            type="button"
            className="sale-line"
            aria-pressed={line.lineId === selectedLineId}
            onClick={() => onSelect(line.lineId)}
          >
            <span className="sale-line-main">
              <span className="sale-line-text">{line.text}</span>
              <span className="sale-line-amount">{formatKr(line.amount)}</span>
            </span>
            <span className="sale-line-sub">
              <span>
                {line.unit === 'gram'
                  ? formatKg(line.quantity)
                  : t('receipt.pieces', { count: line.quantity })}{' '}
                × {lineUnitPriceText(line)}
              </span>
              <span>{t('receipt.vatRate', { rate: formatRate(line.vatRate) })}</span>
              {line.discountAmount !== 0 && (
                <span className="sale-line-discount">
                  {t('receipt.discount', {
                    amount:
                      line.discount === null
                        ? formatKr(line.discountAmount)
                        : `${describeDiscount(line.discount)} (${formatKr(line.discountAmount)})`,
                  })}
                </span>
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function LineTools({
  line,
  busy,
  onStep,
  onQuantity,
  onDiscount,
  onRemove,
}: {
  line: SaleLineView | null;
  busy: boolean;
  onStep: (line: SaleLineView, delta: 1 | -1) => void;
  onQuantity: (line: SaleLineView) => void;
  onDiscount: (line: SaleLineView) => void;
  onRemove: (line: SaleLineView) => void;
}) {
  const t = useT();
  if (line === null) {
    return (
      <Text size="sm" className="line-tools line-tools-empty">
        {t('line.none')}
      </Text>
    );
  }
  const weighed = line.unit === 'gram';
  return (
    <div role="group" aria-label={t('line.tools')} className="line-tools">
      {!weighed && (
        <Button
          variant="default"
          aria-label={t('line.decrease')}
          className="square-button"
          disabled={busy || line.quantity <= 1}
          onClick={() => onStep(line, -1)}
        >
          −
        </Button>
      )}
      <Button variant="default" onClick={() => onQuantity(line)} disabled={busy}>
        {weighed
          ? `${t('line.weight')}: ${formatKg(line.quantity)}`
          : `${t('line.quantity')}: ${line.quantity}`}
      </Button>
      {!weighed && (
        <Button
          variant="default"
          aria-label={t('line.increase')}
          className="square-button"
          disabled={busy}
          onClick={() => onStep(line, 1)}
        >
          +
        </Button>
      )}
      <Button
        variant="default"
        aria-label={t('line.discount')}
        onClick={() => onDiscount(line)}
        disabled={busy}
      >
        {t('line.discountShort')}
      </Button>
      <Button
        variant="outline"
        color="red.9"
        aria-label={t('line.remove')}
        onClick={() => onRemove(line)}
        disabled={busy}
        style={{ marginLeft: 'auto' }}
      >
        {t('line.removeShort')}
      </Button>
    </div>
  );
}

function Totals({ sale }: { sale: SaleView }) {
  const t = useT();
  return (
    <div className="receipt-totals" aria-label={t('receipt.vatLabel')} role="group">
      {sale.orderDiscount !== null && (
        <Text size="sm" fw={700} c="red.9">
          {t('receipt.orderDiscount', { discount: describeDiscount(sale.orderDiscount) })}
        </Text>
      )}
      {sale.discountTotal !== 0 && (
        <Text size="sm" fw={600}>
          {t('receipt.discountTotal')}: {formatKr(sale.discountTotal)}
        </Text>
      )}
      {sale.vat.map((row) => (
        <Text size="sm" key={row.rate} data-vat-rate={row.rate}>
          {t('receipt.vatRow', { rate: formatRate(row.rate), vat: formatKr(row.vat) })}
        </Text>
      ))}
      {sale.cashTotal !== sale.total && (
        <Text size="sm">{t('receipt.cashTotal', { amount: formatKr(sale.cashTotal) })}</Text>
      )}
    </div>
  );
}
