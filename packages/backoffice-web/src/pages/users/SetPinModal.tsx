import type { User } from '@kassa/contracts';
import { useApi } from '../../api/ApiProvider';
import { FormModal } from '../../components/FormModal';
import { PasswordField } from '@kassa/web-kit';
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';
import { pinFormSchema } from './pin';

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
  const { form, fieldError } = useSchemaForm(
    pinFormSchema,
    { pin: '' },
    { messages: { pin: 'users.validation.pin' } },
  );

  const submit = form.onSubmit(({ pin }) =>
    run(async () => {
      await api.setPin(user.id, pin);
      onSet();
    }),
  );

  return (
    <FormModal
      title={t('users.pinModal.title', { username: user.username })}
      description={t(user.hasPin ? 'users.pinModal.bodyReplace' : 'users.pinModal.body', {
        name: user.displayName,
      })}
      error={error}
      submitting={submitting}
      submitLabel={t('users.pinModal.submit')}
      onSubmit={() => submit()}
      onClose={onClose}
    >
      <PasswordField
        label={t('users.field.pin')}
        description={t('users.field.pinHint')}
        autoComplete="new-password"
        inputMode="numeric"
        maxLength={8}
        required
        data-autofocus
        value={form.values.pin}
        error={fieldError('pin')}
        onChange={(event) => form.setFieldValue('pin', event.currentTarget.value.trim())}
      />
    </FormModal>
  );
}
