import { Box, Group, Text } from '@mantine/core';
import type { ControlUnitState, LocalStatus } from '@kassa/contracts';
import { useT } from '../i18n/I18nProvider';
import { formatDateTime } from '../i18n/format';
import { describeConnection, type Connection } from '../status/connection';
import { useNow } from '../status/useNow';
import { StatusDot, type Tone } from './StatusDot';
import { UploadLine } from './UploadLine';
import { UploadProblem } from './UploadProblem';

/**
 * The bottom bar: online or offline, the journal's upload backlog, the control unit (a simulator
 * is labelled as such), which terminal this is, and the program's version. When uploading has
 * stopped, a red row above it says why (and offers "Försök igen" to a manager).
 */
export function StatusBar({
  status,
  reachable,
}: {
  status: LocalStatus | null;
  reachable: boolean;
}) {
  const t = useT();
  const now = useNow();
  const connection = describeConnection(status, reachable, now);
  const terminal = status?.connected === true ? status.terminal : undefined;
  const upload = reachable ? status?.upload : undefined;
  return (
    <Box component="footer" aria-label={t('statusBar.label')} bg="gray.9" c="white" px="lg" py={6}>
      {upload !== undefined && upload.problem !== null && (
        <UploadProblem
          problem={upload.problem}
          draining={upload.draining}
          role={status?.signedIn?.role ?? null}
        />
      )}
      <Group justify="space-between" gap="lg" wrap="nowrap" mih={32}>
        {/* The lines that matter wrap onto a second row rather than run off a narrow screen. */}
        <Group gap="lg" wrap="wrap" style={{ flex: '1 1 auto', minWidth: 0, rowGap: 4 }}>
          <ConnectionLine connection={connection} />
          {upload !== undefined && <UploadLine upload={upload} />}
          {status?.controlUnit !== undefined && (
            <ControlUnitLine controlUnit={status.controlUnit} />
          )}
        </Group>
        <Text size="sm" c="white" truncate style={{ flex: '0 1 auto', minWidth: 0 }}>
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
      <StatusDot tone={tone} />
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
      <StatusDot tone={tone} />
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
