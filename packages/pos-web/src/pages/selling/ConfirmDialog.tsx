import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { PosModal } from './PosModal';

/** "Are you sure?" for steps that remove something (a line, the whole receipt). */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useT();
  const [working, setWorking] = useState(false);
  async function confirm() {
    setWorking(true);
    if (await onConfirm()) onClose();
    else setWorking(false);
  }
  return (
    <PosModal opened onClose={onClose} title={title} size="md">
      <Stack gap="lg">
        <Text size="lg">{body}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('sales.cancel')}
          </Button>
          <Button color="red.9" onClick={() => void confirm()} loading={working}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </PosModal>
  );
}
