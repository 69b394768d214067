import { Button, Group, Modal, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { Role, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { isRole, roleOptions } from './roleOptions';
import { useSubmit } from '../../hooks/useSubmit';

export function ChangeRoleModal({
  user,
  onClose,
  onChanged,
}: {
  user: User;
  onClose: () => void;
  onChanged: (user: User) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [role, setRole] = useState<Role>(user.role);

  const submit = () =>
    run(async () => {
      onChanged(await api.updateUser(user.id, { role }));
    });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.roleModal.title', { username: user.username })}
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
          {error !== null && <ErrorAlert error={error} />}
          <NativeSelect
            label={t('users.field.role')}
            data-autofocus
            data={roleOptions(t)}
            value={role}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isRole(value)) setRole(value);
            }}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submitting} disabled={role === user.role}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
