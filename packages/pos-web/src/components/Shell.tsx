import { Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LocalStatus } from '@kassa/contracts';
import { useT } from '../i18n/I18nProvider';
import { Brand } from '@kassa/web-kit';
import { LanguageSwitch } from '@kassa/web-kit';
import { StatusBar } from './StatusBar';

/**
 * Every screen's frame: a header naming the company and the register (once connected) with the
 * language switch, the screen itself, and the status bar.
 */
export function Shell({
  status,
  reachable,
  children,
}: {
  status: LocalStatus | null;
  reachable: boolean;
  children: ReactNode;
}) {
  return (
    <div className="pos-shell">
      <Box component="header" bg="teal.9" c="white" px="lg" py={6} style={{ flex: 'none' }}>
        <Group justify="space-between" wrap="nowrap" gap="lg" mih={56}>
          <Group gap="xl" wrap="nowrap" style={{ minWidth: 0 }}>
            <Brand onDark />
            {status?.connected === true && <RegisterIdentity status={status} />}
          </Group>
          <LanguageSwitch touch />
        </Group>
      </Box>
      <main className="pos-main">{children}</main>
      <StatusBar status={status} reachable={reachable} />
    </div>
  );
}

function RegisterIdentity({ status }: { status: LocalStatus }) {
  const t = useT();
  const items = [
    { label: t('header.company'), value: status.environment?.companyName },
    { label: t('header.terminal'), value: status.terminal?.name },
    { label: t('header.registerId'), value: status.terminal?.registerId },
  ];
  return (
    <Group component="dl" gap="lg" wrap="nowrap" m={0} style={{ minWidth: 0 }}>
      {items.map(
        (item) =>
          item.value !== undefined && (
            <div key={item.label} style={{ minWidth: 0 }}>
              <Text component="dt" size="xs" c="teal.0" lh={1.2}>
                {item.label}
              </Text>
              <Text component="dd" m={0} fw={700} size="md" c="white" lh={1.3} truncate>
                {item.value}
              </Text>
            </div>
          ),
      )}
    </Group>
  );
}
