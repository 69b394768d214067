import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKr, parseKronor } from '../../selling/money';
import { useStatus } from '../../status/StatusProvider';
import type { Translate } from '../../i18n/translate';
import { KeypadField } from './KeypadField';
import { PosModal } from './PosModal';

type CashAction = 'open' | 'float' | 'in' | 'out';

/**
 * The drawer and cash menu: open the drawer without a sale (a reason is required and journaled),
 * the float (växelkassa) at the start of the day, and cash in / cash out with a reason.
 */
export function CashDialog({
  onDone,
  onClose,
}: {
  /** Called with the confirmation to show on the sales screen. */
  onDone: (text: (t: Translate) => string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { reportError } = useStatus();
  const [action, setAction] = useState<CashAction>('open');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ amount: boolean; reason: boolean }>({
    amount: false,
    reason: false,
  });
  const [error, setError] = useState<unknown>(null);
  const [working, setWorking] = useState(false);
  const needsAmount = action !== 'open';
  const needsReason = action !== 'float';

  async function submit() {
    const ore = parseKronor(amount);
    const amountBad = needsAmount && (ore === null || (action !== 'float' && ore < 1));
    const reasonBad = needsReason && reason.trim() === '';
    setProblems({ amount: amountBad, reason: reasonBad });
    if (amountBad || reasonBad) return;
    const value = ore ?? 0;
    setWorking(true);
    setError(null);
    try {
      if (action === 'open') {
        await api.openDrawer(reason.trim());
        onDone((tr) => tr('notice.drawerOpened'));
      } else if (action === 'float') {
        await api.cashFloat(value);
        onDone((tr) => tr('notice.floatSaved', { amount: formatKr(value) }));
      } else {
        await api.cashMove(action, value, reason.trim());
        onDone((tr) =>
          action === 'in'
            ? tr('notice.cashIn', { amount: formatKr(value) })
            : tr('notice.cashOut', { amount: formatKr(value) }),
        );
      }
      onClose();
    } catch (caught) {
      reportError(caught);
      setError(caught);
      setWorking(false);
    }
  }

  const submitLabel = {
    open: t('cash.submitOpen'),
    float: t('cash.submitFloat'),
    in: t('cash.submitIn'),
    out: t('cash.submitOut'),
  }[action];

  return (
    <PosModal opened onClose={onClose} title={t('cash.title')} size="xl">
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('cash.action')}
          value={action}
          onChange={(value) => {
            setAction(value === 'float' || value === 'in' || value === 'out' ? value : 'open');
            setProblems({ amount: false, reason: false });
            setError(null);
          }}
          fullWidth
          styles={{
            label: {
              minHeight: 48,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
            },
          }}
          data={[
            { value: 'open', label: t('cash.open') },
            { value: 'float', label: t('cash.float') },
            { value: 'in', label: t('cash.in') },
            { value: 'out', label: t('cash.out') },
          ]}
        />
        {action === 'float' && <Text>{t('cash.floatHelp')}</Text>}
        {needsReason && (
          <TextInput
            label={t('cash.reason')}
            value={reason}
            maxLength={200}
            required
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setProblems((current) => ({ ...current, reason: false }));
            }}
            error={problems.reason ? t('cash.reasonRequired') : undefined}
            data-autofocus={action === 'open' ? true : undefined}
          />
        )}
        {needsAmount && (
          <KeypadField
            key={action}
            label={t('cash.amount')}
            value={amount}
            onChange={(next) => {
              setAmount(next);
              setProblems((current) => ({ ...current, amount: false }));
            }}
            onSubmit={() => void submit()}
            rules={{ decimals: 2, maxLength: 10 }}
            autoFocus={false}
            rightSection={<Text fw={700}>kr</Text>}
            error={problems.amount ? t('cash.amountInvalid') : undefined}
          />
        )}
        {error !== null && (
          <ErrorPanel title={t('notice.errorTitle')}>{errorText(error)}</ErrorPanel>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('sales.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={working}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </PosModal>
  );
}
