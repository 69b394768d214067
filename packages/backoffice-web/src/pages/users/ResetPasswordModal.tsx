import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { useT } from '../../i18n/I18nProvider';
import { useSubmit } from '../../hooks/useSubmit';

export function ResetPasswordModal({
  user,
  onClose,
  onReset,
}: {
  user: User;
  onClose: () => void;
  onReset: () => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [password, setPassword] = useState('');

  const submit = () =>
    run(async () => {
      await api.setPassword(user.id, password);
      onReset();
    });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.passwordModal.title', { username: user.username })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('users.passwordModal.body')}
          </Text>
          {error !== null && <ErrorAlert error={error} />}
          <PasswordField
            label={t('users.field.newPassword')}
            autoComplete="new-password"
            required
            data-autofocus
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('users.passwordModal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
