import { Button, Center, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { useStatus } from '../status/StatusProvider';

/** Shown when the local service never answered: what to do, and a retry (it also retries itself). */
export function ServiceUnreachablePage() {
  const t = useT();
  const { refresh } = useStatus();
  const [retrying, setRetrying] = useState(false);
  return (
    <Center style={{ flex: 1 }} p="lg">
      <Paper withBorder shadow="sm" radius="md" p="xl" maw={640}>
        <Stack gap="md" align="flex-start" role="alert">
          <Title order={1}>{t('service.unreachableTitle')}</Title>
          <Text size="md">{t('service.unreachableBody')}</Text>
          <Button
            loading={retrying}
            onClick={() => {
              setRetrying(true);
              void refresh().finally(() => setRetrying(false));
            }}
          >
            {t('common.retry')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}

export function CheckingPage() {
  const t = useT();
  return (
    <Center style={{ flex: 1 }} p="lg">
      <Stack align="center" gap="md">
        <Loader size="lg" aria-hidden />
        <Text size="lg">{t('service.checking')}</Text>
      </Stack>
    </Center>
  );
}
