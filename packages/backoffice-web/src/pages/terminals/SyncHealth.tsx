import {
  Alert,
  Badge,
  Button,
  Card,
  DataList,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiProvider';
import { SILENT_AFTER_HOURS, type Terminal } from '@kassa/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNow } from '../../hooks/useNow';
import { useSubmit } from '../../hooks/useSubmit';
import { formatCount, formatDateTime } from '../../i18n/format';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import { ageSince, backlogOf, syncOverview, syncState, type Age } from './syncHealth';

/** `3 min`, `5 tim`, `2 dygn`, `nyss`. */
function ageText(age: Age, t: Translate): string {
  switch (age.unit) {
    case 'justNow':
      return t('sync.age.justNow');
    case 'minutes':
      return t('sync.age.minutes', { count: age.count });
    case 'hours':
      return t('sync.age.hours', { count: age.count });
    case 'days':
      return t('sync.age.days', { count: age.count });
  }
}

function Stat({
  label,
  value,
  color,
  detail,
}: {
  label: string;
  value: number;
  color: string;
  detail?: string;
}) {
  return (
    <Stack gap={0} role="group" aria-label={label}>
      <Text fz={24} fw={700} c={value > 0 ? color : 'gray.6'} lh={1.2}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
        {detail !== undefined && ` · ${detail}`}
      </Text>
    </Stack>
  );
}

/**
 * The registers at a glance: how many are fine, which have a flagged problem, which have been
 * silent too long, and what is still waiting to be uploaded.
 */
export function SyncOverviewCard({ terminals }: { terminals: readonly Terminal[] }) {
  const t = useT();
  const overview = syncOverview(terminals);
  if (overview.active === 0) return null;
  const silent = terminals.filter(
    (terminal) => terminal.active && terminal.warnings.includes('silent'),
  );
  const problems = terminals.filter(
    (terminal) => terminal.active && syncState(terminal) === 'problem',
  );
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="sync-overview">
      <Title order={2} size="h5" id="sync-overview" mb="sm">
        {t('sync.overview.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
        <Stat label={t('sync.overview.ok')} value={overview.ok} color="teal.8" />
        <Stat label={t('sync.overview.problems')} value={overview.problems} color="red.8" />
        <Stat
          label={t('sync.overview.silent', { hours: SILENT_AFTER_HOURS })}
          value={overview.silent}
          color="red.8"
        />
        <Stat
          label={t('sync.overview.backlog')}
          value={overview.withBacklog}
          color="orange.8"
          detail={t('sync.overview.entries', { count: overview.backlogEntries })}
        />
        <Stat
          label={t('sync.overview.controlUnitDown')}
          value={overview.controlUnitDown}
          color="red.8"
        />
        <Stat label={t('sync.overview.simulated')} value={overview.simulated} color="orange.8" />
      </SimpleGrid>
      {(silent.length > 0 || problems.length > 0) && (
        <Stack gap="xs" mt="md">
          {problems.length > 0 && (
            <Alert color="red" variant="light" title={t('sync.overview.problemsTitle')}>
              {t('sync.overview.problemsBody', {
                names: problems.map((terminal) => terminal.name).join(', '),
              })}
            </Alert>
          )}
          {silent.length > 0 && (
            <Alert
              color="orange"
              variant="light"
              title={t('sync.overview.silentTitle', { hours: SILENT_AFTER_HOURS })}
            >
              {t('sync.overview.silentBody', {
                names: silent.map((terminal) => terminal.name).join(', '),
              })}
            </Alert>
          )}
        </Stack>
      )}
    </Card>
  );
}

function WarningBadge({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge
      color={color}
      variant="light"
      radius="sm"
      styles={{
        root: { textTransform: 'none', height: 'auto', minWidth: 0, maxWidth: 170 },
        label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3, paddingBlock: 2 },
      }}
    >
      {children}
    </Badge>
  );
}

/** The backlog: nothing waiting, or how many entries and how old the oldest is. */
function BacklogText({ terminal, now }: { terminal: Terminal; now: Date }) {
  const t = useT();
  const backlog = backlogOf(terminal, now);
  if (backlog.count === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('terminals.unsynced.unknown')}
      </Text>
    );
  }
  if (backlog.count === 0) return <Text size="sm">{t('sync.backlog.none')}</Text>;
  return (
    <Text size="sm" c="orange.9" fw={600}>
      {t('sync.backlog.count', { count: formatCount(backlog.count) })}
      {backlog.oldest !== null && (
        <Text span size="xs" c="dimmed" fw={400} display="block">
          {t('sync.backlog.oldest', { age: ageText(backlog.oldest, t) })}
        </Text>
      )}
    </Text>
  );
}

/** The badges of what is wrong (or simulated) with a terminal's sync and control unit. */
function SyncBadges({ terminal, now }: { terminal: Terminal; now: Date }) {
  const t = useT();
  const { warnings } = terminal;
  const badges: ReactNode[] = [];
  if (terminal.sync.problem !== null) {
    badges.push(
      <WarningBadge key="problem" color="red">
        ⚠ {t('sync.problem.badge')}
      </WarningBadge>,
    );
  }
  if (warnings.includes('silent')) {
    const since = terminal.lastContactAt ?? terminal.binding?.boundAt ?? null;
    const age = since === null ? null : ageSince(since, now);
    badges.push(
      <WarningBadge key="silent" color="red">
        {age === null
          ? t('sync.silent.badgeNever')
          : t('sync.silent.badge', { age: ageText(age, t) })}
      </WarningBadge>,
    );
  }
  if (warnings.includes('control-unit-down')) {
    badges.push(
      <WarningBadge key="down" color="red">
        {t('sync.controlUnit.down')}
      </WarningBadge>,
    );
  }
  if (warnings.includes('control-unit-simulated')) {
    badges.push(
      <WarningBadge key="simulated" color="orange">
        {t('sync.controlUnit.simulated')}
      </WarningBadge>,
    );
  }
  if (warnings.includes('control-unit-mismatch')) {
    badges.push(
      <WarningBadge key="mismatch" color="orange">
        {t('sync.controlUnit.mismatch')}
      </WarningBadge>,
    );
  }
  if (badges.length === 0) return null;
  return (
    <Stack gap={4} mt={4} align="flex-start">
      {badges}
    </Stack>
  );
}

/** The table cell: backlog and what is wrong. */
export function SyncCell({ terminal, now }: { terminal: Terminal; now: Date }) {
  return (
    <>
      <BacklogText terminal={terminal} now={now} />
      <SyncBadges terminal={terminal} now={now} />
    </>
  );
}

function controlUnitText(terminal: Terminal, t: Translate): string {
  const unit = terminal.sync.controlUnit;
  if (unit === null) return t('sync.controlUnit.notReported');
  const state = t(`sync.controlUnit.state.${unit.state}`);
  const serial = unit.serialNumber ?? t('common.dash');
  return t('sync.controlUnit.reported', {
    state,
    serial,
    time: formatDateTime(unit.reportedAt),
  });
}

/** The drawer's "Synkronisering": everything the server knows, and (admins) "Kvittera". */
export function SyncPanel({
  terminal,
  canAcknowledge,
  onAcknowledged,
}: {
  terminal: Terminal;
  canAcknowledge: boolean;
  onAcknowledged: (terminal: Terminal) => void;
}) {
  const t = useT();
  const api = useApi();
  const [language] = useLanguage();
  const now = useNow();
  const { submitting, error, run } = useSubmit();
  const { sync } = terminal;
  const problem = sync.problem;
  const item = (label: string, value: ReactNode) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value}</DataList.ItemValue>
    </DataList.Item>
  );
  const time = (iso: string | null) =>
    iso === null ? (
      <Text size="sm" c="dimmed">
        {t('terminals.lastContact.never')}
      </Text>
    ) : (
      <Text size="sm">
        {formatDateTime(iso)}{' '}
        <Text span size="xs" c="dimmed">
          ({t('sync.ago', { age: ageText(ageSince(iso, now) ?? { unit: 'justNow' }, t) })})
        </Text>
      </Text>
    );

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="terminal-sync">
      <Title order={3} size="h4" id="terminal-sync" mb="sm">
        {t('sync.title')}
      </Title>
      <Stack gap="md">
        {problem !== null && (
          <Alert color="red" variant="light" title={t('sync.problem.title')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{problem[language]}</Text>
              <Text size="xs" c="dimmed">
                {t('sync.problem.when', {
                  first: formatDateTime(problem.firstAt),
                  last: formatDateTime(problem.lastAt),
                  count: problem.count,
                })}
              </Text>
              <Text size="xs">{t('sync.problem.what')}</Text>
              {error !== null && <ErrorAlert error={error} />}
              {canAcknowledge && (
                <Button
                  size="xs"
                  color="red"
                  variant="white"
                  w="fit-content"
                  loading={submitting}
                  onClick={() =>
                    void run(async () => {
                      onAcknowledged(await api.acknowledgeSyncProblem(terminal.id));
                    })
                  }
                >
                  {t('sync.problem.acknowledge')}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        {terminal.warnings.includes('silent') && (
          <Alert
            color="orange"
            variant="light"
            title={t('sync.silent.title', { hours: SILENT_AFTER_HOURS })}
          >
            {t('sync.silent.body')}
          </Alert>
        )}
        <DataList labelWidth={270} withDivider>
          {item(t('terminals.column.lastContact'), time(terminal.lastContactAt))}
          {item(t('sync.lastUpload'), time(sync.lastUploadAt))}
          {item(t('sync.acknowledged'), formatCount(sync.acknowledgedSeq))}
          {item(t('terminals.column.unsynced'), <BacklogText terminal={terminal} now={now} />)}
          {item(t('terminals.column.version'), terminal.programVersion)}
          {item(
            t('sync.controlUnit.label'),
            <Stack gap={4} align="flex-start">
              <Text size="sm">{controlUnitText(terminal, t)}</Text>
              {sync.controlUnit?.simulated === true && (
                <WarningBadge color="orange">{t('sync.controlUnit.simulated')}</WarningBadge>
              )}
              {terminal.warnings.includes('control-unit-mismatch') && (
                <WarningBadge color="orange">{t('sync.controlUnit.mismatch')}</WarningBadge>
              )}
            </Stack>,
          )}
        </DataList>
      </Stack>
    </Card>
  );
}
