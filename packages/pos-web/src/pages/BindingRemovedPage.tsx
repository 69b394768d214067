import { Stack, Text, Title } from '@mantine/core';
import { useLanguage, useT } from '../i18n/I18nProvider';

/**
 * The register may not sell once an administrator removed this PC's binding: a red screen that
 * cannot be dismissed, with the register's `binding-removed` text (from its status or from a
 * refused action; ours, word for word the same, only if neither carried one).
 */
export function BindingRemovedPage({ reason }: { reason: { sv: string; en: string } | null }) {
  const t = useT();
  const [language] = useLanguage();
  const message = reason?.[language] ?? t('bindingRemoved.message');
  return (
    <Stack
      role="alert"
      justify="center"
      align="center"
      p="xl"
      bg="red.9"
      c="white"
      style={{ flex: 1 }}
    >
      <Stack gap="lg" maw={760}>
        <Title order={1} c="white">
          {t('bindingRemoved.title')}
        </Title>
        <Text size="xl" c="white" lh={1.5}>
          {message}
        </Text>
      </Stack>
    </Stack>
  );
}
