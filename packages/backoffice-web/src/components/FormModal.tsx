import { Button, Group, Modal, Stack, Text, type ModalProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { ErrorAlert } from './ErrorAlert';

/** A centred dialog whose close button is named in the user's language. */
export function DialogModal({
  title,
  onClose,
  size,
  children,
}: {
  title: ReactNode;
  onClose: () => void;
  size?: ModalProps['size'];
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size={size}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {children}
    </Modal>
  );
}

export interface ModalFormProps {
  /** A dimmed sentence above the error and the fields. */
  description?: ReactNode;
  /** The last submission's error (from useSubmit), shown above the fields. */
  error: unknown;
  submitting: boolean;
  submitLabel: string;
  submitDisabled?: boolean;
  /** Enter or the submit button; validates and sends. */
  onSubmit: () => void | Promise<void>;
  onCancel: () => void;
  /** The fields. */
  children: ReactNode;
}

/** A dialog's form: description, error, fields, then Cancel and the submit button. */
export function ModalForm({
  description,
  error,
  submitting,
  submitLabel,
  submitDisabled,
  onSubmit,
  onCancel,
  children,
}: ModalFormProps) {
  const t = useT();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <Stack gap="sm">
        {description !== undefined && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
        {error !== null && <ErrorAlert error={error} />}
        {children}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submitting} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A dialog that is one form; Cancel and the close button both close it. */
export function FormModal({
  title,
  size,
  onClose,
  ...form
}: {
  title: ReactNode;
  size?: ModalProps['size'];
  onClose: () => void;
} & Omit<ModalFormProps, 'onCancel'>) {
  return (
    <DialogModal title={title} size={size} onClose={onClose}>
      <ModalForm {...form} onCancel={onClose} />
    </DialogModal>
  );
}
