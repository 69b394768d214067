import { NativeSelect } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { Role, User } from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
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
    <FormModal
      title={t('users.roleModal.title', { username: user.username })}
      error={error}
      submitting={submitting}
      submitLabel={t('common.save')}
      submitDisabled={role === user.role}
      onSubmit={submit}
      onClose={onClose}
    >
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
    </FormModal>
  );
}
