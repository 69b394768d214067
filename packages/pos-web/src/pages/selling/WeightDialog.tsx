import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { multiplyByGrams, ore } from '@kassa/core';
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { parseWeight } from '../../selling/entry';
import { formatKr } from '../../selling/money';
import { KeypadField } from './KeypadField';
import { PosModal } from './PosModal';

/** The weight of a weighed good (price per kilogram), in grams or kilograms. */
export function WeightDialog({
  title,
  pricePerKg,
  initialGrams,
  submitLabel,
  onSubmit,
  onClose,
}: {
  title: string;
  /** Öre per kilogram, when known (shows the line's amount as the weight is typed). */
  pricePerKg: number | null;
  initialGrams: number | null;
  submitLabel: string;
  onSubmit: (grams: number) => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useT();
  const [unit, setUnit] = useState<'g' | 'kg'>('g');
  const [value, setValue] = useState(initialGrams === null ? '' : String(initialGrams));
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);
  const grams = parseWeight(value, unit);

  async function submit() {
    setInvalid(grams === null);
    if (grams === null) return;
    setSaving(true);
    if (await onSubmit(grams)) onClose();
    else setSaving(false);
  }

  return (
    <PosModal opened onClose={onClose} title={title}>
      <Stack gap="lg">
        <SegmentedControl
          aria-label={t('weight.unit')}
          value={unit}
          onChange={(next) => {
            setUnit(next === 'kg' ? 'kg' : 'g');
            setValue('');
            setInvalid(false);
          }}
          styles={{ label: { minHeight: 48, display: 'flex', alignItems: 'center' } }}
          data={[
            { value: 'g', label: t('weight.grams') },
            { value: 'kg', label: t('weight.kilograms') },
          ]}
        />
        <KeypadField
          label={`${t('weight.field')} (${unit === 'g' ? t('weight.grams') : t('weight.kilograms')})`}
          value={value}
          onChange={(next) => {
            setValue(next);
            setInvalid(false);
          }}
          onSubmit={() => void submit()}
          rules={{ decimals: unit === 'kg' ? 3 : 0, maxLength: 8 }}
          error={invalid ? t('weight.invalid') : undefined}
        >
          {pricePerKg !== null && (
            <Stack gap={2}>
              <Text>{t('weight.price', { price: `${formatKr(pricePerKg)}/kg` })}</Text>
              {grams !== null && (
                <Text fw={700} size="lg">
                  {t('weight.amount', {
                    // Core's exact pricing of a weighed good, as the register prices the line.
                    amount: formatKr(multiplyByGrams(ore(pricePerKg), grams)),
                  })}
                </Text>
              )}
            </Stack>
          )}
        </KeypadField>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('sales.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={saving}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </PosModal>
  );
}
