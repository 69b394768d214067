import { useApi } from '../../api/ApiProvider';
import type { Terminal } from '@kassa/contracts';
import { ConfirmModal } from '../../components/ConfirmModal';
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
  return (
    <ConfirmModal
      title={t('terminals.deactivateModal.title', { name: terminal.name })}
      body={t('terminals.deactivateModal.body')}
      confirmLabel={t('terminals.deactivateModal.submit')}
      onConfirm={async () => {
        onDeactivated(await api.updateTerminal(terminal.id, { active: false }));
      }}
      onClose={onClose}
    />
  );
}
