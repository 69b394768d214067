import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useApi } from '../../api/ApiProvider';
import type { Terminal } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../hooks/useSubmit';
import { useT } from '../../i18n/I18nProvider';

export function DeactivateTerminalModal({
  terminal,
  onClose,
  onDeactivated,
}: {
  terminal: Terminal;
  onClose: () => void;
  onDeactivated: (terminal: Terminal) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();

  const submit = () =>
    run(async () => {
      onDeactivated(await api.updateTerminal(terminal.id, { active: false }));
    });

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('terminals.deactivateModal.title', { name: terminal.name })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('terminals.deactivateModal.body')}</Text>
        {error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={submitting} onClick={() => void submit()}>
            {t('terminals.deactivateModal.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
