import { Center, Group, Loader, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}
