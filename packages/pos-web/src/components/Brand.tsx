import { Group, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

export function Brand() {
  const t = useT();
  return (
    <Group gap={10} wrap="nowrap">
      <img src="/favicon.svg" alt="" width={32} height={32} />
      <Text fw={800} size="xl" c="white">
        {t('app.name')}
      </Text>
    </Group>
  );
}
