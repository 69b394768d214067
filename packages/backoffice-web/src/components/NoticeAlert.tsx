import { Alert } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';

/** A confirmation, kept as a function so it follows a language switch. */
export type Notice = (t: Translate) => string;

/** The confirmation of a page's last action (a status), until it is closed. */
export function NoticeAlert({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  const t = useT();
  if (notice === null) return null;
  return (
    <Alert
      color="teal"
      variant="light"
      role="status"
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
    >
      {notice(t)}
    </Alert>
  );
}
