import { Alert, Badge, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import type { SignedInCashier } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { useErrorText, useT } from '../i18n/I18nProvider';
import { useStatus } from '../status/StatusProvider';

/** The signed-in screen. Selling arrives with the journal (issue 4); this is its placeholder. */
export function SalesPage({ cashier }: { cashier: SignedInCashier }) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { update, reportError } = useStatus();
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function signOut() {
    setSigningOut(true);
    setError(null);
    api.signOut().then(
      () => update((status) => ({ ...status, signedIn: null })),
      (caught: unknown) => {
        setError(caught);
        setSigningOut(false);
        reportError(caught);
      },
    );
  }

  return (
    <Center style={{ flex: 1 }} p="lg">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={720}>
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start" gap="md">
            <div>
              <Title order={1}>{t('sales.signedInAs', { name: cashier.displayName })}</Title>
              <Group gap="sm" mt={6}>
                <Badge size="lg" variant="outline" color="teal.9">
                  {t(`role.${cashier.role}`)}
                </Badge>
                <Text size="md">{cashier.username}</Text>
              </Group>
            </div>
            <Button variant="outline" onClick={signOut} loading={signingOut}>
              {t('sales.signOut')}
            </Button>
          </Group>
          {error !== null && <ErrorPanel title={t('error.title')}>{errorText(error)}</ErrorPanel>}
          <Alert
            color="blue"
            variant="light"
            title={t('sales.comingTitle')}
            role="note"
            styles={{ title: { fontSize: 'var(--mantine-font-size-lg)' } }}
          >
            <Text size="md" c="black">
              {t('sales.comingBody')}
            </Text>
          </Alert>
        </Stack>
      </Paper>
    </Center>
  );
}
