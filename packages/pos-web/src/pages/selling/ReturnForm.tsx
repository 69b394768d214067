import { Button, Group, NumberInput, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { ore, returnShare, roundCashAmount, sum } from '@kassa/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { ReceiptListItem, ReceiptResult, ReceiptView } from '@kassa/contracts';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKg, formatKr } from '../../selling/money';
import { useStatus } from '../../status/StatusProvider';

type Method = 'cash' | 'card' | 'swish';

/**
 * "Retur" against a sale receipt: how much of each line comes back (at most what is still
 * returnable), the refund method, and the refund as the register will compute it.
 */
export function ReturnForm({
  receipt,
  returnable,
  onDone,
  onCancel,
}: {
  receipt: ReceiptView;
  /** What the receipt list says is still returnable; null when unknown (then: all). */
  returnable: ReceiptListItem['returnable'] | null;
  onDone: (result: ReceiptResult) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { reportError } = useStatus();
  const left = (lineNo: number, sold: number) =>
    returnable === null ? sold : (returnable.find((item) => item.lineNo === lineNo)?.quantity ?? 0);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [method, setMethod] = useState<Method>('cash');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [nothingChosen, setNothingChosen] = useState(false);

  const items = receipt.lines
    .map((line) => ({ line, quantity: quantities[line.lineNo] ?? 0 }))
    .filter((item) => item.quantity > 0);
  // The refund as the register computes it (core's returnShare, exact), paid out in cash with
  // its öresavrundning (Lag 1970:1029).
  const refund = sum(
    items.map(({ line, quantity }) =>
      returnShare(
        ore(line.amount),
        line.quantity,
        line.quantity - left(line.lineNo, line.quantity),
        quantity,
      ),
    ),
  );
  const payout = method === 'cash' ? roundCashAmount(refund).rounded : refund;

  function set(lineNo: number, quantity: number) {
    setQuantities((current) => ({ ...current, [lineNo]: quantity }));
    setNothingChosen(false);
  }

  async function submit() {
    if (items.length === 0 || refund <= 0) {
      setNothingChosen(true);
      return;
    }
    setWorking(true);
    setError(null);
    try {
      onDone(
        await api.returnItems({
          originalReceiptNumber: receipt.receiptNumber,
          items: items.map(({ line, quantity }) => ({ lineNo: line.lineNo, quantity })),
          refunds: [method === 'cash' ? { method: 'cash' } : { method, amount: refund }],
        }),
      );
    } catch (caught) {
      reportError(caught);
      setError(caught);
      setWorking(false);
    }
  }

  return (
    <Stack gap="md">
      <Text size="lg">{t('return.intro')}</Text>
      <Table verticalSpacing="xs" aria-label={t('return.lines')}>
        <Table.Tbody>
          {receipt.lines.map((line) => {
            const max = left(line.lineNo, line.quantity);
            const chosen = quantities[line.lineNo] ?? 0;
            const grams = line.unit === 'gram';
            return (
              <Table.Tr key={line.lineNo}>
                <Table.Td>
                  <Text fw={700}>{line.text}</Text>
                  <Text size="sm">
                    {max === 0
                      ? t('return.nothingLeft')
                      : t('return.returnable', {
                          quantity: grams ? formatKg(max) : t('receipt.pieces', { count: max }),
                        })}{' '}
                    · {formatKr(line.amount)}
                  </Text>
                </Table.Td>
                <Table.Td w={330}>
                  <Group gap="xs" wrap="nowrap" justify="flex-end">
                    <Button
                      variant="default"
                      disabled={max === 0}
                      onClick={() => set(line.lineNo, 0)}
                    >
                      {t('return.none')}
                    </Button>
                    <NumberInput
                      aria-label={
                        grams
                          ? t('return.grams', { text: line.text })
                          : t('return.quantity', { text: line.text })
                      }
                      value={chosen}
                      min={0}
                      max={max}
                      clampBehavior="strict"
                      allowDecimal={false}
                      allowNegative={false}
                      disabled={max === 0}
                      onChange={(value) => set(line.lineNo, typeof value === 'number' ? value : 0)}
                      size="lg"
                      w={110}
                      hideControls
                    />
                    <Button
                      variant="default"
                      disabled={max === 0}
                      onClick={() => set(line.lineNo, max)}
                    >
                      {t('return.all')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <SegmentedControl
        aria-label={t('return.method')}
        value={method}
        onChange={(value) => setMethod(value === 'card' || value === 'swish' ? value : 'cash')}
        fullWidth
        styles={{
          label: { minHeight: 48, display: 'flex', alignItems: 'center', justifyContent: 'center' },
        }}
        data={[
          { value: 'cash', label: t('pay.cash') },
          { value: 'card', label: t('pay.card') },
          { value: 'swish', label: t('pay.swish') },
        ]}
      />
      <Text size="xl" fw={800} role="status">
        {method === 'cash'
          ? `${t('return.cashOut')}: ${formatKr(payout)}`
          : t('return.refund', { amount: formatKr(payout) })}
      </Text>
      {nothingChosen && (
        <Text role="alert" c="red.9" fw={700}>
          {t('return.choose')}
        </Text>
      )}
      {error !== null && <ErrorPanel title={t('notice.errorTitle')}>{errorText(error)}</ErrorPanel>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.back')}
        </Button>
        <Button color="red.9" onClick={() => void submit()} loading={working}>
          {t('return.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
