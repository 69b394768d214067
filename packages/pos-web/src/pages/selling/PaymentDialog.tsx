import { Alert, Button, CloseButton, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { ReceiptResult, SaleView } from '@kassa/contracts';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKr } from '../../selling/money';
import {
  paymentPlan,
  settledWithoutCash,
  tendersFor,
  type NonCashTender as Tender,
} from '../../selling/tender';
import { useStatus } from '../../status/StatusProvider';
import { CashTender } from './CashTender';
import { NonCashTender } from './NonCashTender';
import { PaymentDone } from './PaymentDone';
import { PosModal } from './PosModal';

type Method = 'cash' | 'card' | 'swish';

/**
 * Payment with split tender: card and Swish parts are confirmed by the cashier one by one, the
 * rest is paid in cash (rounded to whole kronor). The amount left is always on top. The register
 * settles the whole payment at once (POST /local/sale/pay); a refusal keeps the confirmed parts
 * so the cashier can try again. When it is done: change, print status and the receipt.
 */
export function PaymentDialog({
  sale,
  blocked,
  onPaid,
  onClose,
}: {
  sale: SaleView;
  /** The control unit did not answer last time: card and Swish come with a warning. */
  blocked: boolean;
  onPaid: () => void;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { refresh, reportError } = useStatus();
  const [nonCash, setNonCash] = useState<Tender[]>([]);
  const [method, setMethod] = useState<Method>('cash');
  const [delivery, setDelivery] = useState<'paper' | 'electronic'>('paper');
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; cash: number | null } | null>(null);
  const [result, setResult] = useState<ReceiptResult | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const plan = paymentPlan(sale.total, nonCash);

  async function pay(tenders: Tender[], cash: number | null) {
    setWorking(true);
    setFailure(null);
    try {
      const paid = await api.pay(tendersFor(tenders, cash), delivery);
      setResult(paid);
      onPaid();
    } catch (error) {
      reportError(error);
      setFailure({ error, cash });
      // A control unit that stopped answering shows in the status bar at once.
      void refresh();
    } finally {
      setWorking(false);
    }
  }

  function confirmNonCash(tender: Tender) {
    const next = [...nonCash, tender];
    setNonCash(next);
    if (settledWithoutCash(paymentPlan(sale.total, next))) void pay(next, null);
  }

  function close() {
    if (result === null && nonCash.length > 0 && !confirmClose) {
      setConfirmClose(true);
      return;
    }
    onClose();
  }

  if (result !== null) {
    return (
      <PosModal opened onClose={onClose} title={t('done.title')} size="xl">
        <PaymentDone result={result} onNewSale={onClose} />
      </PosModal>
    );
  }

  return (
    <PosModal opened onClose={close} title={t('pay.title')} size="xl">
      <Stack gap="md">
        <Group className="pay-summary" gap="xl" wrap="nowrap">
          <div>
            <Text fw={600}>{t('pay.total')}</Text>
            <Text size="xl" fw={700}>
              {formatKr(sale.total)}
            </Text>
          </div>
          {plan.paidNonCash > 0 && (
            <div>
              <Text fw={600}>{t('pay.paidSoFar')}</Text>
              <Text size="xl" fw={700}>
                {formatKr(plan.paidNonCash)}
              </Text>
            </div>
          )}
          <div role="status" aria-label={t('pay.remaining')} className="pay-remaining">
            <Text fw={700}>{t('pay.remaining')}</Text>
            <Text className="amount-large" data-testid="pay-remaining">
              {formatKr(plan.remaining)}
            </Text>
          </div>
        </Group>

        {nonCash.length > 0 && (
          <ul className="tender-list" aria-label={t('pay.tendersLabel')}>
            {nonCash.map((tender, index) => {
              const text =
                tender.method === 'card'
                  ? t('pay.tenderCard', { amount: formatKr(tender.amount) })
                  : t('pay.tenderSwish', { amount: formatKr(tender.amount) });
              return (
                <li key={`${tender.method}-${index}`}>
                  <Text fw={700}>{text}</Text>
                  <CloseButton
                    aria-label={t('pay.removeTender', {
                      method: tender.method === 'card' ? t('pay.card') : t('pay.swish'),
                      amount: formatKr(tender.amount),
                    })}
                    disabled={working}
                    onClick={() => setNonCash(nonCash.filter((_, i) => i !== index))}
                    style={{ width: 48, height: 48 }}
                  />
                </li>
              );
            })}
          </ul>
        )}

        {blocked && failure === null && (
          <Alert color="red" variant="light" role="alert">
            <Text fw={700} c="black">
              {t('pay.blockedWarning')}
            </Text>
          </Alert>
        )}

        {failure !== null && (
          <ErrorPanel
            title={t('pay.failedTitle')}
            onRetry={working ? undefined : () => void pay(nonCash, failure.cash)}
          >
            {errorText(failure.error)} {nonCash.length > 0 && t('pay.keepTenders')}
          </ErrorPanel>
        )}

        {confirmClose && (
          <Alert color="orange" variant="light" role="alert">
            <Group justify="space-between">
              <Text fw={700} c="black">
                {t('pay.closeWithTenders')}
              </Text>
              <Button color="red.9" variant="outline" onClick={onClose}>
                {t('pay.closeAnyway')}
              </Button>
            </Group>
          </Alert>
        )}

        {settledWithoutCash(plan) ? (
          <Button
            size="xl"
            color="green.9"
            loading={working}
            // Nothing left to pay (a sale discounted to zero): the register still needs a tender.
            onClick={() => void pay(nonCash, nonCash.length === 0 ? 0 : null)}
          >
            {t('pay.finish')}
          </Button>
        ) : (
          <>
            <SegmentedControl
              aria-label={t('pay.methods')}
              value={method}
              onChange={(value) =>
                setMethod(value === 'card' || value === 'swish' ? value : 'cash')
              }
              fullWidth
              size="xl"
              styles={{
                label: {
                  minHeight: 56,
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                },
              }}
              data={[
                { value: 'cash', label: t('pay.cash') },
                { value: 'card', label: t('pay.card') },
                { value: 'swish', label: t('pay.swish') },
              ]}
            />
            {method === 'cash' ? (
              <CashTender
                key={`cash-${plan.remaining}`}
                plan={plan}
                working={working}
                onFinish={(tendered) => void pay(nonCash, tendered)}
              />
            ) : (
              <NonCashTender
                key={`${method}-${plan.remaining}`}
                method={method}
                plan={plan}
                working={working}
                onConfirm={confirmNonCash}
              />
            )}
          </>
        )}

        <SegmentedControl
          aria-label={t('pay.delivery')}
          value={delivery}
          onChange={(value) => setDelivery(value === 'electronic' ? 'electronic' : 'paper')}
          styles={{ label: { minHeight: 48, display: 'flex', alignItems: 'center' } }}
          data={[
            { value: 'paper', label: t('pay.paper') },
            { value: 'electronic', label: t('pay.electronic') },
          ]}
        />
      </Stack>
    </PosModal>
  );
}
