import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import type { LocalProblem, Role } from '@kassa/contracts';
import { useErrorText, useLanguage, useT } from '../i18n/I18nProvider';
import { formatDateTime } from '../i18n/format';
import { useStatus } from '../status/StatusProvider';

/**
 * Uploading the journal has stopped: the register's reason, in its own words, on a red row above
 * the status bar. A manager or an administrator can clear the problem and try again
 * (POST /local/upload/retry); a cashier is told to ask one.
 */
export function UploadProblem({
  problem,
  draining,
  role,
}: {
  problem: LocalProblem;
  draining: boolean;
  role: Role | null;
}) {
  const t = useT();
  const [language] = useLanguage();
  const manager = role === 'manager' || role === 'admin';
  return (
    <Box
      role="alert"
      data-upload-problem={problem.code}
      bg="red.9"
      mx="calc(-1 * var(--mantine-spacing-lg))"
      mt={-6}
      mb={6}
      px="lg"
      py="xs"
    >
      <Group justify="space-between" align="center" gap="lg" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={800} c="white">
            {t('upload.problemTitle')}
          </Text>
          <Text size="sm" c="white">
            {problem[language]}
          </Text>
        </Stack>
        {manager ? (
          <RetryUpload draining={draining} />
        ) : (
          <Text size="sm" fw={700} c="white" maw={260} style={{ flex: 'none' }}>
            {t('upload.retryManagerOnly')}
          </Text>
        )}
      </Group>
    </Box>
  );
}

function RetryUpload({ draining }: { draining: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { refresh, update, reportError } = useStatus();
  const [working, setWorking] = useState(false);
  const [retriedAt, setRetriedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function retry() {
    setWorking(true);
    setError(null);
    try {
      const upload = await api.retryUpload();
      setRetriedAt(new Date().toISOString());
      update((status) => ({ ...status, upload }));
      await refresh();
    } catch (caught) {
      reportError(caught);
      setError(caught);
    } finally {
      setWorking(false);
    }
  }

  return (
    <Stack gap={4} align="flex-end" style={{ flex: 'none' }} maw={360}>
      <Button
        variant="white"
        color="red.9"
        onClick={() => void retry()}
        loading={working || draining}
      >
        {t('upload.retry')}
      </Button>
      {error !== null ? (
        <Text size="sm" fw={700} c="white">
          {errorText(error)}
        </Text>
      ) : (
        retriedAt !== null && (
          <Text size="sm" c="white">
            {t('upload.retried', { time: formatDateTime(retriedAt) })}
          </Text>
        )
      )}
    </Stack>
  );
}
