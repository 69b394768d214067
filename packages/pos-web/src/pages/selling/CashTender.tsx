import { Button, Group, Stack, Text } from '@mantine/core';
import { cashChange, ore } from '@kassa/core';
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { formatAmount, formatKr, formatWholeKr, parseKronor } from '../../selling/money';
import { quickCashAmounts, type PaymentPlan } from '../../selling/tender';
import { KeypadField } from './KeypadField';

/**
 * The cash part: what is due in cash (with its öresavrundning), the amount handed over (typed or
 * a quick button for a common note) and the change. "Slutför kontant" finishes the payment.
 */
export function CashTender({
  plan,
  working,
  onFinish,
}: {
  plan: PaymentPlan;
  working: boolean;
  onFinish: (tendered: number) => void;
}) {
  const t = useT();
  const [value, setValue] = useState(formatAmount(plan.cashDue));
  const [invalid, setInvalid] = useState(false);
  const tendered = parseKronor(value);
  // The change as the register settles it (core's cashChange, after settleTender).
  const outcome = tendered === null ? null : cashChange(plan.cashDue, ore(tendered));

  function finish(amount: number | null) {
    const ok = amount !== null && amount >= plan.cashDue;
    setInvalid(!ok);
    if (ok) onFinish(amount);
  }

  return (
    <Stack gap="sm">
      <Group gap="xl" align="flex-end">
        <div>
          <Text fw={600}>{t('pay.cashDue')}</Text>
          <Text className="amount-large" data-testid="cash-due">
            {formatKr(plan.cashDue)}
          </Text>
        </div>
        {plan.rounding !== 0 && (
          <Text fw={600} data-testid="cash-rounding">
            {t('pay.rounding', {
              amount: `${plan.rounding > 0 ? '+' : ''}${formatKr(plan.rounding)}`,
            })}
          </Text>
        )}
      </Group>
      <KeypadField
        label={t('pay.tendered')}
        value={value}
        onChange={(next) => {
          setValue(next);
          setInvalid(false);
        }}
        onSubmit={() => finish(tendered)}
        rules={{ decimals: 2, maxLength: 10 }}
        replaceOnFirstKey
        rightSection={<Text fw={700}>kr</Text>}
        error={
          invalid
            ? tendered === null
              ? t('pay.tenderedInvalid')
              : outcome !== null && !outcome.enough
                ? t('pay.missing', { amount: formatKr(outcome.missing) })
                : undefined
            : undefined
        }
      >
        <div role="group" aria-label={t('pay.quickAmounts')} className="quick-amounts">
          {quickCashAmounts(plan.cashDue).map((amount, index) => (
            <Button
              key={amount}
              variant={index === 0 ? 'light' : 'default'}
              onClick={() => {
                setValue(formatAmount(amount));
                finish(amount);
              }}
              disabled={working}
            >
              {index === 0
                ? t('pay.exact', { amount: formatWholeKr(amount) })
                : formatWholeKr(amount)}
            </Button>
          ))}
        </div>
        <div className="change-line" role="status" aria-label={t('pay.change')}>
          {outcome === null ? null : outcome.enough ? (
            <Text size="xl" fw={800}>
              {t('pay.change')}: <span data-testid="cash-change">{formatKr(outcome.change)}</span>
            </Text>
          ) : (
            <Text size="xl" fw={800} c="red.9">
              {t('pay.missing', { amount: formatKr(outcome.missing) })}
            </Text>
          )}
        </div>
      </KeypadField>
      <Button
        size="xl"
        color="green.9"
        onClick={() => finish(tendered)}
        loading={working}
        className="finish-button"
      >
        {t('pay.finishCash')}
      </Button>
    </Stack>
  );
}
