import { Alert, Button, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';

/**
 * A refusal, shown so that it cannot be missed: a red panel with a title and the text that says
 * what to do (the register's own text, or ours). Announced by screen readers (role="alert").
 */
export function ErrorPanel({
  title,
  children,
  onRetry,
}: {
  title: string;
  children: ReactNode;
  onRetry?: () => void;
}) {
  const t = useT();
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<WarningIcon />}
      styles={{
        root: { borderLeft: '6px solid var(--mantine-color-red-9)' },
        title: { fontSize: 'var(--mantine-font-size-lg)', color: 'var(--mantine-color-red-9)' },
        icon: { color: 'var(--mantine-color-red-9)', width: 28, height: 28 },
      }}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="md" c="black">
          {children}
        </Text>
        {onRetry && (
          <Button size="md" variant="outline" color="red.9" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

function WarningIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d="M12 6.5v7" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      <circle cx="12" cy="17.5" r="1.5" fill="#fff" />
    </svg>
  );
}
