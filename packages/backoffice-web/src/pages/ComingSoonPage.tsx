import { EmptyState, Stack, Title } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

export function ComingSoonPage({ title }: { title: string }) {
  const t = useT();
  return (
    <Stack gap="lg">
      <Title order={1}>{title}</Title>
      <EmptyState
        variant="light"
        color="teal"
        icon={<span aria-hidden="true">🛠️</span>}
        title={t('comingSoon.title')}
        description={t('comingSoon.body')}
      />
    </Stack>
  );
}
