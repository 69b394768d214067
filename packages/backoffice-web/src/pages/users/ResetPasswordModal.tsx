import { useApi } from '../../api/ApiProvider';
import { resetPasswordBodySchema, type User } from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
import { PasswordField } from '@kassa/web-kit';
import { useT } from '../../i18n/I18nProvider';
import { useSchemaForm } from '../../hooks/useSchemaForm';
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
  const { form, fieldError } = useSchemaForm(resetPasswordBodySchema, { password: '' });

  const submit = form.onSubmit(({ password }) =>
    run(async () => {
      await api.setPassword(user.id, password);
      onReset();
    }),
  );

  return (
    <FormModal
      title={t('users.passwordModal.title', { username: user.username })}
      description={t('users.passwordModal.body')}
      error={error}
      submitting={submitting}
      submitLabel={t('users.passwordModal.submit')}
      onSubmit={() => submit()}
      onClose={onClose}
    >
      <PasswordField
        label={t('users.field.newPassword')}
        autoComplete="new-password"
        required
        data-autofocus
        value={form.values.password}
        error={fieldError('password')}
        onChange={(event) => form.setFieldValue('password', event.currentTarget.value)}
      />
    </FormModal>
  );
}
