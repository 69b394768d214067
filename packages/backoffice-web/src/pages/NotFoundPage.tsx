import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { linkProps } from '../router/router';

export function NotFoundPage({ path }: { path: string }) {
  const t = useT();
  return (
    <Stack gap="md">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body', { path })}</Text>
      <Anchor {...linkProps('/')}>{t('notFound.home')}</Anchor>
    </Stack>
  );
}
