import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { SaleLineView } from '@kassa/contracts';
import { useT } from '../../i18n/I18nProvider';
import { parseQuantity } from '../../selling/entry';
import { KeypadField } from './KeypadField';
import { PosModal } from './PosModal';

/** A new quantity for a line sold by the piece. */
export function QuantityDialog({
  line,
  onSubmit,
  onClose,
}: {
  line: SaleLineView;
  onSubmit: (quantity: number) => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useT();
  const [value, setValue] = useState(String(line.quantity));
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);

  async function submit() {
    const quantity = parseQuantity(value);
    setInvalid(quantity === null);
    if (quantity === null) return;
    setSaving(true);
    if (await onSubmit(quantity)) onClose();
    else setSaving(false);
  }

  return (
    <PosModal opened onClose={onClose} title={`${t('quantity.title')}: ${line.text}`}>
      <Stack gap="lg">
        <KeypadField
          label={t('quantity.field')}
          value={value}
          onChange={(next) => {
            setValue(next);
            setInvalid(false);
          }}
          replaceOnFirstKey
          onSubmit={() => void submit()}
          rules={{ decimals: 0, maxLength: 4 }}
          error={invalid ? t('quantity.invalid') : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('sales.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={saving}>
            {t('sales.ok')}
          </Button>
        </Group>
      </Stack>
    </PosModal>
  );
}
