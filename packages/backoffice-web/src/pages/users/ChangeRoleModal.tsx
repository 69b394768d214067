import { NativeSelect } from '@mantine/core';
import { updateUserBodySchema, type Role, type User } from '@kassa/contracts';
import { useApi } from '../../api/ApiProvider';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/I18nProvider';
import { isRole, roleOptions } from './roleOptions';
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { useSubmit } from '../../hooks/useSubmit';

const roleFormSchema = updateUserBodySchema.pick({ role: true }).required();

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
  const { form } = useSchemaForm<{ role: Role }>(roleFormSchema, { role: user.role });

  const submit = form.onSubmit(({ role }) =>
    run(async () => {
      onChanged(await api.updateUser(user.id, { role }));
    }),
  );

  return (
    <FormModal
      title={t('users.roleModal.title', { username: user.username })}
      error={error}
      submitting={submitting}
      submitLabel={t('common.save')}
      submitDisabled={form.values.role === user.role}
      onSubmit={() => submit()}
      onClose={onClose}
    >
      <NativeSelect
        label={t('users.field.role')}
        data-autofocus
        data={roleOptions(t)}
        value={form.values.role}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isRole(value)) form.setFieldValue('role', value);
        }}
      />
    </FormModal>
  );
}
