import { NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { Role, User } from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
import { PasswordField } from '@kassa/web-kit';
import { useT } from '../../i18n/I18nProvider';
import { isRole, roleOptions } from './roleOptions';
import { useSubmit } from '../../hooks/useSubmit';

export function CreateUserModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: User) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [password, setPassword] = useState('');

  const submit = () =>
    run(async () => {
      const user = await api.createUser({
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        password,
      });
      onCreated(user);
    });

  return (
    <FormModal
      title={t('users.createModal.title')}
      error={error}
      submitting={submitting}
      submitLabel={t('users.createModal.submit')}
      onSubmit={submit}
      onClose={onClose}
    >
      <TextInput
        label={t('users.field.username')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        data-autofocus
        value={username}
        onChange={(event) => setUsername(event.currentTarget.value)}
      />
      <TextInput
        label={t('users.field.displayName')}
        autoComplete="off"
        required
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
      />
      <NativeSelect
        label={t('users.field.role')}
        data={roleOptions(t)}
        value={role}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isRole(value)) setRole(value);
        }}
      />
      <PasswordField
        label={t('users.field.password')}
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
    </FormModal>
  );
}
