import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { User } from '@kassa/contracts';
import { FormModal } from '../../components/FormModal';
import { PasswordField } from '@kassa/web-kit';
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
    <FormModal
      title={t('users.pinModal.title', { username: user.username })}
      description={t(user.hasPin ? 'users.pinModal.bodyReplace' : 'users.pinModal.body', {
        name: user.displayName,
      })}
      error={error}
      submitting={submitting}
      submitLabel={t('users.pinModal.submit')}
      onSubmit={submit}
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
        value={pin}
        error={invalid ? t('users.validation.pin') : undefined}
        onChange={(event) => {
          setInvalid(false);
          setPin(event.currentTarget.value.trim());
        }}
      />
    </FormModal>
  );
}
