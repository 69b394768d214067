import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useApi } from '../../api/ApiProvider';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { useSubmit } from '../../hooks/useSubmit';

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
  const { submitting, error, run } = useSubmit();

  const submit = () =>
    run(async () => {
      onDeactivated(await api.updateUser(user.id, { active: false }));
    });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.deactivateModal.title', { username: user.username })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('users.deactivateModal.body', { name: user.displayName })}</Text>
        {error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={submitting} onClick={() => void submit()}>
            {t('users.deactivateModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
