import { Stack, Text } from '@mantine/core';
import { ConfirmActions, type ConfirmDialogProps } from '@kassa/web-kit';
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
}: ConfirmDialogProps<boolean>) {
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
        <ConfirmActions
          cancelLabel={t('sales.cancel')}
          confirmLabel={confirmLabel}
          onCancel={onClose}
          onConfirm={() => void confirm()}
          working={working}
          color="red.9"
        />
      </Stack>
    </PosModal>
  );
}
