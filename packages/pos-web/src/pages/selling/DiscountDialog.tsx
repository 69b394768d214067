import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DiscountInput as Discount } from '@kassa/contracts';
import { useT } from '../../i18n/I18nProvider';
import { describeDiscount, parseDiscount } from '../../selling/entry';
import { formatRate } from '../../selling/money';
import { KeypadField } from './KeypadField';
import { PosModal } from './PosModal';

/**
 * A line discount or an order discount, in percent or kronor. The register decides whether the
 * cashier may give it; its refusal is shown here and what was typed stays.
 */
export function DiscountDialog({
  title,
  current,
  maxRate,
  onSubmit,
  onClose,
  error,
}: {
  title: string;
  current: Discount | null;
  maxRate: number;
  onSubmit: (discount: Discount | null) => Promise<boolean>;
  onClose: () => void;
  /** The register's refusal of the last attempt, as text. */
  error: string | null;
}) {
  const t = useT();
  const [kind, setKind] = useState<Discount['kind']>(current?.kind ?? 'percent');
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);

  async function apply(discount: Discount | null) {
    setSaving(true);
    if (await onSubmit(discount)) onClose();
    else setSaving(false);
  }

  function submit() {
    const discount = parseDiscount(kind, value);
    setInvalid(discount === null);
    if (discount !== null) void apply(discount);
  }

  return (
    <PosModal opened onClose={onClose} title={title}>
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('discount.kind')}
          value={kind}
          onChange={(next) => {
            setKind(next === 'amount' ? 'amount' : 'percent');
            setInvalid(false);
          }}
          styles={{ label: { minHeight: 48, display: 'flex', alignItems: 'center' } }}
          data={[
            { value: 'percent', label: t('discount.percent') },
            { value: 'amount', label: t('discount.amount') },
          ]}
        />
        <KeypadField
          label={`${t('discount.field')} (${kind === 'percent' ? '%' : 'kr'})`}
          value={value}
          onChange={(next) => {
            setValue(next);
            setInvalid(false);
          }}
          onSubmit={submit}
          rules={{ decimals: 2, maxLength: 9 }}
          description={t('discount.max', { rate: formatRate(maxRate) })}
          error={
            invalid
              ? kind === 'percent'
                ? t('discount.invalidPercent')
                : t('discount.invalidAmount')
              : undefined
          }
        >
          {current !== null && (
            <Text fw={600}>{t('discount.current', { discount: describeDiscount(current) })}</Text>
          )}
          {error !== null && (
            <Text role="alert" c="red.9" fw={700}>
              {error}
            </Text>
          )}
        </KeypadField>
        <Group justify="space-between">
          <Button
            variant="outline"
            color="red.9"
            disabled={current === null || saving}
            onClick={() => void apply(null)}
          >
            {t('discount.remove')}
          </Button>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('sales.cancel')}
            </Button>
            <Button onClick={submit} loading={saving}>
              {t('discount.apply')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </PosModal>
  );
}
