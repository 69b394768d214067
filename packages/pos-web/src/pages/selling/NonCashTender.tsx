import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { SwishQr } from '@kassa/contracts';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatAmount, formatKr, parseKronor } from '../../selling/money';
import { nonCashLimit, type NonCashTender as Tender, type PaymentPlan } from '../../selling/tender';
import { KeypadField } from './KeypadField';

/**
 * Card or Swish for the amount left (or a part of it, for split tender). The cashier takes the
 * payment outside the register (card terminal, the customer's Swish app) and confirms it here.
 */
export function NonCashTender({
  method,
  plan,
  working,
  onConfirm,
}: {
  method: Tender['method'];
  plan: PaymentPlan;
  working: boolean;
  onConfirm: (tender: Tender) => void;
}) {
  const t = useT();
  const limit = nonCashLimit(plan);
  const [value, setValue] = useState(formatAmount(limit));
  const [invalid, setInvalid] = useState(false);
  const amount = parseKronor(value);
  const valid = amount !== null && amount > 0 && amount <= limit;

  function confirm() {
    setInvalid(!valid);
    if (valid) onConfirm({ method, amount });
  }

  return (
    <Stack gap="sm">
      <KeypadField
        label={t('pay.amount')}
        value={value}
        onChange={(next) => {
          setValue(next);
          setInvalid(false);
        }}
        onSubmit={confirm}
        rules={{ decimals: 2, maxLength: 10 }}
        replaceOnFirstKey
        autoFocus={false}
        rightSection={<Text fw={700}>kr</Text>}
        error={invalid ? t('pay.amountInvalid', { max: formatKr(limit) }) : undefined}
      >
        {method === 'card' ? (
          <Text size="lg" fw={700} className="instruction">
            {t('pay.cardInstruction')}
          </Text>
        ) : (
          <SwishCode amount={valid ? amount : null} />
        )}
      </KeypadField>
      <Button
        size="xl"
        color="green.9"
        onClick={confirm}
        loading={working}
        className="finish-button"
      >
        {method === 'card' ? t('pay.cardConfirm') : t('pay.swishConfirm')}
      </Button>
    </Stack>
  );
}

/** The prefilled Swish QR code for the amount, as an image of the register's SVG. */
function SwishCode({ amount }: { amount: number | null }) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const [qr, setQr] = useState<{ amount: number; code: SwishQr } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (amount === null) return;
    let current = true;
    const timer = setTimeout(() => {
      api.swish(amount).then(
        (code) => {
          if (!current) return;
          setQr({ amount, code });
          setError(null);
        },
        (caught: unknown) => {
          if (current) setError(caught);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [amount, api]);

  if (error !== null) {
    return (
      <Text role="alert" c="red.9" fw={700}>
        {errorText(error)}
      </Text>
    );
  }
  if (qr === null || qr.amount !== amount) {
    return (
      <Center h={180} aria-label={t('pay.swishLoading')}>
        <Loader />
      </Center>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Text size="md" fw={600}>
        {t('pay.swishInstruction')}
      </Text>
      <img
        className="swish-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.code.svg)}`}
        alt={t('pay.swishQr', { amount: formatKr(qr.code.amount) })}
        width={180}
        height={180}
      />
      <Text size="sm">{t('pay.swishPayee', { payee: qr.code.payee })}</Text>
    </Stack>
  );
}
