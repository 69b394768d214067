import { Badge, Group, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

export function Brand() {
  const t = useT();
  return (
    <Group gap={8} wrap="nowrap">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      <Text fw={800} size="lg" c="teal.9">
        {t('app.name')}
      </Text>
      <Badge variant="light" color="gray" radius="sm" visibleFrom="xs">
        {t('app.backoffice')}
      </Badge>
    </Group>
  );
}
