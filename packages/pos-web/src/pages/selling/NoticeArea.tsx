import { Alert, CloseButton, Group, Text } from '@mantine/core';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import type { Notice } from './useSale';

/** The last refusal (role="alert") or confirmation (role="status"), until the next step. */
export function NoticeArea({
  notice,
  onDismiss,
}: {
  notice: Notice | null;
  onDismiss: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  if (notice === null) return null;
  const close = (
    <CloseButton
      aria-label={t('notice.dismiss')}
      onClick={onDismiss}
      style={{ width: 48, height: 48, minWidth: 48, flex: 'none' }}
    />
  );
  if (notice.tone === 'info') {
    return (
      <Alert color="teal" variant="light" role="status" className="notice" p="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} c="black">
            {notice.text(t)}
          </Text>
          {close}
        </Group>
      </Alert>
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      className="notice notice-error"
      p="xs"
      styles={{ root: { borderLeft: '6px solid var(--mantine-color-red-9)' } }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={800} c="red.9">
            {notice.title?.(t) ?? t('notice.errorTitle')}
          </Text>
          <Text c="black">{errorText(notice.error)}</Text>
        </div>
        {close}
      </Group>
    </Alert>
  );
}
