import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import { isValidPin } from './pin';

/** "Sätt PIN-kod": the cashier's code for signing in at the register. */
export function SetPinModal({
  user,
  onClose,
  onSet,
}: {
  user: User;
  onClose: () => void;
  onSet: () => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = () => {
    if (!isValidPin(pin)) {
      setInvalid(true);
      return Promise.resolve();
    }
    return run(async () => {
      await api.setPin(user.id, pin);
      onSet();
    });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.pinModal.title', { username: user.username })}
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
            {t(user.hasPin ? 'users.pinModal.bodyReplace' : 'users.pinModal.body', {
              name: user.displayName,
            })}
          </Text>
          {error !== null && <ErrorAlert error={error} />}
          <PasswordField
            label={t('users.field.pin')}
            description={t('users.field.pinHint')}
            autoComplete="new-password"
            inputMode="numeric"
            maxLength={8}
            required
            data-autofocus
            value={pin}
            error={invalid ? t('users.validation.pin') : undefined}
            onChange={(event) => {
              setInvalid(false);
              setPin(event.currentTarget.value.trim());
            }}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting}>
              {t('users.pinModal.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
