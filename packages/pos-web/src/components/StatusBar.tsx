import { Box, Group, Text } from '@mantine/core';
import type { ControlUnitState, LocalStatus } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { formatDateTime } from '../i18n/format';
import { describeConnection, type Connection } from '../status/connection';

type Tone = 'ok' | 'warning' | 'bad';

const toneColour: Record<Tone, string> = {
  ok: 'var(--mantine-color-green-6)',
  warning: 'var(--mantine-color-yellow-5)',
  bad: 'var(--mantine-color-red-6)',
};

/**
 * The bottom bar: online or offline, the control unit (a simulator is labelled as such), which
 * terminal this is, and the program's version.
 */
export function StatusBar({
  status,
  reachable,
}: {
  status: LocalStatus | null;
  reachable: boolean;
}) {
  const t = useT();
  const connection = describeConnection(status, reachable, Date.now());
  const terminal = status?.connected === true ? status.terminal : undefined;
  return (
    <Box component="footer" aria-label={t('statusBar.label')} bg="gray.9" c="white" px="lg" py={6}>
      <Group justify="space-between" gap="lg" wrap="nowrap" mih={32}>
        <Group gap="lg" wrap="nowrap" style={{ flex: 'none' }}>
          <ConnectionLine connection={connection} />
          {status?.controlUnit !== undefined && (
            <ControlUnitLine controlUnit={status.controlUnit} />
          )}
        </Group>
        <Text size="sm" c="white" truncate>
          {terminal
            ? t('statusBar.terminal', { name: terminal.name, registerId: terminal.registerId })
            : t('statusBar.notConnected')}
        </Text>
        {status?.programVersion !== undefined && (
          <Text size="sm" c="gray.3" style={{ flex: 'none' }}>
            {t('statusBar.version', { version: status.programVersion })}
          </Text>
        )}
      </Group>
    </Box>
  );
}

function Dot({ tone }: { tone: Tone }) {
  return (
    <Box
      aria-hidden
      w={14}
      h={14}
      style={{
        borderRadius: '50%',
        background: toneColour[tone],
        border: '2px solid white',
        flex: 'none',
      }}
    />
  );
}

function ConnectionLine({ connection }: { connection: Connection }) {
  const t = useT();
  let tone: Tone;
  let text: string;
  switch (connection.state) {
    case 'not-connected':
      return <span />;
    case 'service-down':
      tone = 'bad';
      text = t('statusBar.serviceDown');
      break;
    case 'no-contact-yet':
      tone = 'warning';
      text = t('statusBar.noContactYet');
      break;
    case 'online':
      tone = 'ok';
      text = t('statusBar.online');
      break;
    case 'offline':
      tone = 'bad';
      text = t('statusBar.offline', { time: formatDateTime(connection.lastContactAt) });
      break;
  }
  return (
    <Group gap={8} wrap="nowrap" data-connection={connection.state}>
      <Dot tone={tone} />
      <Text size="sm" c="white" fw={600}>
        {text}
      </Text>
    </Group>
  );
}

/** The control unit's state; a simulator gets an orange label that cannot be missed. */
function ControlUnitLine({ controlUnit }: { controlUnit: ControlUnitState }) {
  const t = useT();
  const { tone, text } = {
    ok: { tone: 'ok' as const, text: t('bar.controlUnitOk') },
    down: { tone: 'bad' as const, text: t('bar.controlUnitDown') },
    unknown: { tone: 'warning' as const, text: t('bar.controlUnitUnknown') },
  }[controlUnit.state];
  return (
    <Group gap={8} wrap="nowrap" data-control-unit={controlUnit.state}>
      <Dot tone={tone} />
      <Text
        size="sm"
        c="white"
        fw={600}
        title={
          controlUnit.serialNumber === null
            ? undefined
            : t('bar.serial', { serial: controlUnit.serialNumber })
        }
      >
        {text}
      </Text>
      {controlUnit.simulated && <span className="simulated-label">{t('bar.simulated')}</span>}
    </Group>
  );
}
