import { useApi } from '../../api/ApiProvider';
import type { User } from '@kassa/contracts';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useT } from '../../i18n/I18nProvider';

export function DeactivateUserModal({
  user,
  onClose,
  onDeactivated,
}: {
  user: User;
  onClose: () => void;
  onDeactivated: (user: User) => void;
}) {
  const t = useT();
  const api = useApi();
  return (
    <ConfirmModal
      title={t('users.deactivateModal.title', { username: user.username })}
      body={t('users.deactivateModal.body', { name: user.displayName })}
      confirmLabel={t('users.deactivateModal.submit')}
      onConfirm={async () => {
        onDeactivated(await api.updateUser(user.id, { active: false }));
      }}
      onClose={onClose}
    />
  );
}
