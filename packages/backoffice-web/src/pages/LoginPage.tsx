import { Alert, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { loginBodySchema } from '@kassa/contracts';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { Brand, issueMessageKey, zodResolver } from '@kassa/web-kit';
import { UsernameField } from '@kassa/web-kit';
import { LanguageSwitch } from '@kassa/web-kit';
import { PasswordField } from '@kassa/web-kit';
import { useErrorText, useT } from '../i18n/I18nProvider';

export function LoginPage({ initialError }: { initialError?: unknown }) {
  const t = useT();
  const errorText = useErrorText();
  const { signIn } = useAuth();
  // Checked against the body the server parses (loginBodySchema); a missing field keeps its one
  // sentence above the form, as before, and nothing is sent.
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: zodResolver<{ username: string; password: string }>(loginBodySchema, issueMessageKey),
  });
  const [submitting, setSubmitting] = useState(false);
  // Either an error from the server or the key of a local check; rendered in the current language.
  const [error, setError] = useState<{ kind: 'api'; error: unknown } | { kind: 'missing' } | null>(
    initialError === undefined ? null : { kind: 'api', error: initialError },
  );

  async function submit(values: { username: string; password: string }) {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
    } catch (caught) {
      setError({ kind: 'api', error: caught });
      setSubmitting(false);
    }
  }

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
        <form
          onSubmit={form.onSubmit(
            (values) => void submit(values),
            () => setError({ kind: 'missing' }),
          )}
          noValidate
        >
          <Stack gap="md">
            <Group justify="space-between">
              <Brand badge={t('app.backoffice')} />
              <LanguageSwitch />
            </Group>
            <div>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('login.intro')}
              </Text>
            </div>
            {error && (
              <Alert color="red" variant="light">
                {error.kind === 'missing' ? t('login.missingFields') : errorText(error.error)}
              </Alert>
            )}
            <UsernameField
              label={t('login.username')}
              value={form.values.username}
              onChange={(event) => form.setFieldValue('username', event.currentTarget.value)}
              autoFocus
            />
            <PasswordField
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              value={form.values.password}
              onChange={(event) => form.setFieldValue('password', event.currentTarget.value)}
            />
            <Button type="submit" loading={submitting} fullWidth mt="xs">
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
