import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useAuth, useMe } from '../auth/AuthProvider';
import { Brand } from '@kassa/web-kit';
import { LanguageSwitch } from '@kassa/web-kit';
import { useT } from '../i18n/I18nProvider';

/** What a cashier sees: the backoffice API refuses them (403 forbidden-cashier). */
export function CashierPage() {
  const t = useT();
  const me = useMe();
  const { signOut } = useAuth();
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={520}>
        <Stack gap="md">
          <Group justify="space-between">
            <Brand badge={t('app.backoffice')} />
            <LanguageSwitch />
          </Group>
          <Title order={1} size="h2">
            {t('cashier.title')}
          </Title>
          <Alert color="yellow" variant="light">
            {t('cashier.body')}
          </Alert>
          <Text size="sm" c="dimmed">
            {t('header.signedInAs', { name: `${me.user.displayName} (${me.user.username})` })}
          </Text>
          <Button variant="default" onClick={() => void signOut()}>
            {t('header.signOut')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
