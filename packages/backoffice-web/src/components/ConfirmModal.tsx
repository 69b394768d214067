import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSubmit } from '../hooks/useSubmit';
import { useT } from '../i18n/I18nProvider';
import { ErrorAlert } from './ErrorAlert';
import { DialogModal } from './FormModal';

/**
 * Asks before a drastic action (red button; Cancel has the focus). The dialog stays open with the
 * error if the action fails; on success the caller closes it.
 */
export function ConfirmModal({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const t = useT();
  const { submitting, error, run } = useSubmit();
  return (
    <DialogModal title={title} onClose={onClose}>
      <Stack gap="sm">
        <Text size="sm">{body}</Text>
        {error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={submitting} onClick={() => void run(onConfirm)}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </DialogModal>
  );
}
