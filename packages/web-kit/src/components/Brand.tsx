import { Badge, Group, Text } from '@mantine/core';
import { useKitT } from '../i18n/i18n';

/**
 * The logo and the name "Kassa": dark on the backoffice's light header (with a badge naming the
 * app), larger and white on the till's dark bar.
 */
export function Brand({ onDark = false, badge }: { onDark?: boolean; badge?: string }) {
  const t = useKitT();
  const size = onDark ? 32 : 28;
  return (
    <Group gap={onDark ? 10 : 8} wrap="nowrap">
      <img src="/favicon.svg" alt="" width={size} height={size} />
      <Text fw={800} size={onDark ? 'xl' : 'lg'} c={onDark ? 'white' : 'teal.9'}>
        {t('app.name')}
      </Text>
      {badge !== undefined && (
        <Badge variant="light" color="gray" radius="sm" visibleFrom="xs">
          {badge}
        </Badge>
      )}
    </Group>
  );
}
