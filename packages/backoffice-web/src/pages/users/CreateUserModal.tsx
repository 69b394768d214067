import { NativeSelect, TextInput } from '@mantine/core';
import { useApi } from '../../api/ApiProvider';
import { createUserBodySchema, type CreateUserBody, type User } from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
import { PasswordField } from '@kassa/web-kit';
import { useT } from '../../i18n/I18nProvider';
import { isRole, roleOptions } from './roleOptions';
import { useSchemaForm } from '../../hooks/useSchemaForm';
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
  // Checked against the body the server parses; the server still has the last word (e.g. a
  // password too weak, a username taken), shown above the fields.
  const { form, fieldError } = useSchemaForm<CreateUserBody>(createUserBodySchema, {
    username: '',
    displayName: '',
    role: 'cashier',
    password: '',
  });

  const submit = form.onSubmit((values) =>
    run(async () => {
      const user = await api.createUser({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        password: values.password,
      });
      onCreated(user);
    }),
  );

  return (
    <FormModal
      title={t('users.createModal.title')}
      error={error}
      submitting={submitting}
      submitLabel={t('users.createModal.submit')}
      onSubmit={() => submit()}
      onClose={onClose}
    >
      <TextInput
        label={t('users.field.username')}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        data-autofocus
        value={form.values.username}
        error={fieldError('username')}
        onChange={(event) => form.setFieldValue('username', event.currentTarget.value)}
      />
      <TextInput
        label={t('users.field.displayName')}
        autoComplete="off"
        required
        value={form.values.displayName}
        error={fieldError('displayName')}
        onChange={(event) => form.setFieldValue('displayName', event.currentTarget.value)}
      />
      <NativeSelect
        label={t('users.field.role')}
        data={roleOptions(t)}
        value={form.values.role}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isRole(value)) form.setFieldValue('role', value);
        }}
      />
      <PasswordField
        label={t('users.field.password')}
        autoComplete="new-password"
        required
        value={form.values.password}
        error={fieldError('password')}
        onChange={(event) => form.setFieldValue('password', event.currentTarget.value)}
      />
    </FormModal>
  );
}
