import { Box, Stack, Text } from '@mantine/core';
import { ConfirmActions, type ConfirmDialogProps } from '@kassa/web-kit';
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
}: ConfirmDialogProps<void>) {
  const t = useT();
  const { submitting, error, run } = useSubmit();
  return (
    <DialogModal title={title} onClose={onClose}>
      <Stack gap="sm">
        <Text size="sm">{body}</Text>
        {error !== null && <ErrorAlert error={error} />}
        <Box mt="sm">
          <ConfirmActions
            cancelLabel={t('common.cancel')}
            confirmLabel={confirmLabel}
            onCancel={onClose}
            onConfirm={() => void run(onConfirm)}
            working={submitting}
          />
        </Box>
      </Stack>
    </DialogModal>
  );
}
