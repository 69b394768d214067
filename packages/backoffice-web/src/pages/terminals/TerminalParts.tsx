import { Badge, Stack, Text } from '@mantine/core';
import type { Terminal } from '@kassa/contracts';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';

/** Which hardware the terminal is bound to, or that it is not bound at all. */
export function BindingText({ terminal }: { terminal: Terminal }) {
  const t = useT();
  const { binding } = terminal;
  if (binding === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('terminals.binding.none')}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {binding.pcName}
      </Text>
      <Text size="xs" c="dimmed">
        {t('terminals.binding.fingerprint')}{' '}
        <Text span ff="monospace" size="xs">
          {binding.fingerprintShort}
        </Text>
      </Text>
      <Text size="xs" c="dimmed">
        {t('terminals.binding.since', { time: formatDateTime(binding.boundAt) })}
      </Text>
    </Stack>
  );
}

export function LastContactText({ terminal }: { terminal: Terminal }) {
  const t = useT();
  return terminal.lastContactAt === null ? (
    <Text size="sm" c="dimmed">
      {t('terminals.lastContact.never')}
    </Text>
  ) : (
    <Text size="sm">{formatDateTime(terminal.lastContactAt)}</Text>
  );
}

/** Registered (with the date), the warning for active unregistered terminals, or plain "no". */
export function RegistrationBadge({ terminal }: { terminal: Terminal }) {
  const t = useT();
  if (terminal.warnings.includes('not-registered')) {
    return (
      <Badge
        color="orange"
        variant="light"
        radius="sm"
        py={4}
        styles={{
          root: { textTransform: 'none', height: 'auto', minWidth: 140, maxWidth: 180 },
          label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 },
        }}
        leftSection={<span aria-hidden="true">⚠</span>}
      >
        {t('terminals.warning.notRegistered')}
      </Badge>
    );
  }
  const { status, registeredOn } = terminal.registration;
  if (status === 'registered') {
    return (
      <Stack gap={2} align="flex-start">
        <Badge color="teal" variant="light" radius="sm">
          {t('registration.status.registered')}
        </Badge>
        {registeredOn !== null && (
          <Text size="xs" c="dimmed">
            {registeredOn}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Badge color="gray" variant="light" radius="sm">
      {t('registration.status.unregistered')}
    </Badge>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return (
    <Badge color={active ? 'teal' : 'gray'} variant="light">
      {active ? t('terminals.status.active') : t('terminals.status.inactive')}
    </Badge>
  );
}

/** "Flyttad till ny dator": the terminal's PC was replaced and the move checklist applies. */
export function MovedBadge({ terminal }: { terminal: Terminal }) {
  const t = useT();
  if (terminal.movedToNewPc === null) return null;
  return (
    <Badge
      color="orange"
      variant="light"
      radius="sm"
      mt={4}
      styles={{ root: { textTransform: 'none' } }}
      leftSection={<span aria-hidden="true">⇄</span>}
    >
      {t('terminals.moved.badge')}
    </Badge>
  );
}
