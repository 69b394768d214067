import { Alert, Button, Group, Text } from '@mantine/core';
import { useErrorText, useT } from '../i18n/I18nProvider';

/** An API (or network) error in the user's language, optionally with a retry button. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  return (
    <Alert color="red" variant="light" title={t('error.title')}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">{errorText(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
