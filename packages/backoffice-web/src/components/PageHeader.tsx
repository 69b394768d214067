import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A page's title and the sentence below it. With `actions` (even `null`), the two stand left and
 * the actions right, on one line.
 */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description: string;
  actions?: ReactNode;
}) {
  const heading = (
    <div>
      <Title order={1}>{title}</Title>
      <Text c="dimmed" mt={4}>
        {description}
      </Text>
    </div>
  );
  if (actions === undefined) return heading;
  return (
    <Group justify="space-between" align="flex-end">
      {heading}
      {actions}
    </Group>
  );
}
