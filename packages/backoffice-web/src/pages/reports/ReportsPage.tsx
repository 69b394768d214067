import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { exportPaths } from '../../api/backoffice-api';
import { queries } from '../../api/queries';
import type { PlaceOfBusiness, Terminal, ZReportSummary } from '@kassa/contracts';
import { useMe } from '../../auth/AuthProvider';
import { ColumnHeaders } from '../../components/DataTable';
import { DownloadButton } from '../../components/DownloadButton';
import { IncludeSimulated, SimulatedNotice } from '../../components/SimulatedNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApiData, useApiDataAll, type ApiData } from '../../hooks/useApiData';
import { formatCount, formatDateTime, formatOre } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import { useLicensedModules } from '../../licence/LicenceProvider';
import { linkProps } from '../../router/router';
import { placeOptions, terminalOptions } from '../sales/filterOptions';
import { businessDayOf } from '../sales/period';
import { PeriodPicker, resolvePeriod, type PeriodValue } from '../sales/PeriodPicker';
import { ZReportDrawer } from './ZReportDrawer';

interface Options {
  places: PlaceOfBusiness[];
  terminals: Terminal[];
}

/** Rapporter: the Z-report archive, the journal export and the SIE export. */
export function ReportsPage() {
  const t = useT();
  const [today] = useState(() => businessDayOf(new Date()));
  const options = useApiDataAll({
    environment: queries.environment,
    terminals: queries.terminals,
  });
  const licensed = useLicensedModules();
  const canExport = licensed.status !== 'known' || licensed.modules.includes('exports');

  return (
    <Stack gap="lg">
      <PageHeader title={t('reports.title')} description={t('reports.intro')} />
      {options.result.status === 'loading' && <Loading />}
      {options.result.status === 'error' && (
        <ErrorAlert error={options.result.error} onRetry={options.reload} />
      )}
      {options.result.status === 'ready' && (
        <>
          <ZArchive today={today} terminals={options.result.data.terminals} canExport={canExport} />
          {canExport ? (
            <>
              <JournalExport today={today} terminals={options.result.data.terminals} />
              <SieExport
                today={today}
                options={{
                  places: options.result.data.environment.placesOfBusiness,
                  terminals: options.result.data.terminals,
                }}
              />
            </>
          ) : (
            <Alert color="gray" variant="light" title={t('reports.exportsTitle')}>
              {t('reports.exportsNotLicensed')}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

function ZArchive({
  today,
  terminals,
  canExport,
}: {
  today: string;
  terminals: Terminal[];
  canExport: boolean;
}) {
  const t = useT();
  const [terminalId, setTerminalId] = useState('');
  const [period, setPeriod] = useState<PeriodValue>({
    choice: 'thisMonth',
    custom: { from: today, to: today },
  });
  const [open, setOpen] = useState<ZReportSummary | null>(null);
  const resolved = resolvePeriod(period, today);
  const query = resolved.ok
    ? { ...resolved.period, ...(terminalId === '' ? {} : { terminalId }) }
    : null;
  const archive = useApiData(queries.zReports(query ?? {}), {
    keepPrevious: true,
    enabled: query !== null,
  });
  // A period that cannot be read lists nothing (the picker says why).
  const result: ApiData<ZReportSummary[]> =
    query === null ? { status: 'ready', data: [] } : archive.result;
  const stale = query !== null && archive.stale;
  const { reload } = archive;
  const [includeSimulated, setIncludeSimulated] = useState(false);
  const simulatedCount =
    result.status === 'ready' ? result.data.reduce((n, z) => n + (z.simulatedReceipts ?? 0), 0) : 0;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="z-archive">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h3" id="z-archive">
            {t('reports.z.title')}
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            {t('reports.z.intro')}
          </Text>
        </div>
        {canExport && query !== null && (
          <DownloadButton
            path={exportPaths.zCsv(query, includeSimulated)}
            fallbackName={`z-rapporter-${query.from}-${query.to}.csv`}
            label={t('sales.csv')}
            aria-label={t('sales.csvFor', { report: t('reports.z.title') })}
          />
        )}
      </Group>
      <Group gap="md" align="flex-start" mb="md" wrap="wrap">
        <NativeSelect
          label={t('sales.filter.terminal')}
          value={terminalId}
          onChange={(event) => setTerminalId(event.currentTarget.value)}
          data={terminalOptions(t, terminals, t('sales.filter.allTerminals'))}
          w={240}
        />
        <PeriodPicker value={period} today={today} onChange={setPeriod} />
        {stale && <Loader size="xs" mt={34} aria-label={t('common.loading')} />}
      </Group>
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      <SimulatedNotice count={simulatedCount} />
      {canExport && simulatedCount > 0 && (
        <Stack mb="md" mt="sm">
          <IncludeSimulated checked={includeSimulated} onChange={setIncludeSimulated} />
        </Stack>
      )}
      {result.status === 'ready' &&
        (result.data.length === 0 ? (
          <Text c="dimmed" role="status">
            {t('reports.z.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760} type="native">
            <Table aria-label={t('reports.z.tableLabel')} highlightOnHover verticalSpacing="xs">
              <ColumnHeaders
                columns={[
                  { label: t('reports.z.column.terminal') },
                  { label: t('reports.z.column.number'), numeric: true },
                  { label: t('reports.z.column.businessDay') },
                  { label: t('reports.z.column.net'), numeric: true },
                  { label: t('reports.z.column.receipts'), numeric: true },
                  { label: t('reports.z.column.producedAt') },
                  { label: t('reports.z.column.actions'), hidden: true },
                ]}
              />
              <Table.Tbody>
                {result.data.map((z) => (
                  <Table.Tr key={`${z.terminalId}:${z.zNumber}`}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {z.terminalName}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {z.registerId}
                      </Text>
                    </Table.Td>
                    <Table.Th scope="row" ta="right">
                      {z.zNumber}
                    </Table.Th>
                    <Table.Td>{z.businessDay}</Table.Td>
                    <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {formatOre(z.netTotal)}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(z.receiptCount)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(z.producedAt)}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setOpen(z)}
                          aria-label={t('reports.z.openLabel', {
                            number: z.zNumber,
                            registerId: z.registerId,
                          })}
                        >
                          {t('reports.z.open')}
                        </Button>
                        <DownloadButton
                          path={exportPaths.zPdf(z.terminalId, z.zNumber)}
                          fallbackName={`z-${z.registerId}-${z.zNumber}.pdf`}
                          label={t('reports.z.pdf')}
                          aria-label={t('reports.z.pdfLabel', {
                            number: z.zNumber,
                            registerId: z.registerId,
                          })}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
      {open !== null && <ZReportDrawer summary={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}

function JournalExport({ today, terminals }: { today: string; terminals: Terminal[] }) {
  const t = useT();
  const [terminalId, setTerminalId] = useState(
    terminals.length === 1 ? (terminals[0]?.id ?? '') : '',
  );
  const [period, setPeriod] = useState<PeriodValue>({
    choice: 'thisMonth',
    custom: { from: today, to: today },
  });
  const resolved = resolvePeriod(period, today);
  const terminal = terminals.find((candidate) => candidate.id === terminalId);
  // What the export writes other than journaled (a malformed control code …), shown beside it.
  const problemsKey =
    terminal !== undefined && resolved.ok
      ? exportPaths.journalProblems({ terminalId: terminal.id, ...resolved.period })
      : '';
  const { result: problems } = useApiData(queries.journalProblems(problemsKey), {
    keepPrevious: true,
    enabled: problemsKey !== '',
  });
  const deviations =
    problemsKey !== '' && problems.status === 'ready' ? problems.data.problems : [];
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="journal-export">
      <Title order={2} size="h3" id="journal-export">
        {t('reports.journal.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="md">
        {t('reports.journal.intro')}
      </Text>
      <Group gap="md" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('sales.filter.terminal')}
          value={terminalId}
          onChange={(event) => setTerminalId(event.currentTarget.value)}
          data={terminalOptions(t, terminals, t('reports.chooseTerminal'))}
          w={240}
        />
        <PeriodPicker value={period} today={today} onChange={setPeriod} />
        <DownloadButton
          size="sm"
          variant="filled"
          disabled={terminal === undefined || !resolved.ok}
          path={
            terminal !== undefined && resolved.ok
              ? exportPaths.journalXml({ terminalId: terminal.id, ...resolved.period })
              : ''
          }
          fallbackName={
            terminal !== undefined && resolved.ok
              ? `journal-${terminal.registerId}-${resolved.period.from}-${resolved.period.to}.xml`
              : 'journal.xml'
          }
          label={t('reports.journal.download')}
        />
      </Group>
      {deviations.length > 0 && (
        <Alert
          color="orange"
          mt="md"
          title={t('reports.journal.deviations', { count: deviations.length })}
        >
          <Text size="sm">{t('reports.journal.deviationsHelp')}</Text>
          <List size="sm" mt="xs">
            {deviations.map((problem, i) => (
              <List.Item key={`${problem.seq ?? 'head'}-${problem.element}-${i}`}>
                {t('reports.journal.deviation', {
                  seq: problem.seq ?? '–',
                  element: problem.element,
                  value: problem.value,
                  reason: problem.reason,
                  written: problem.written,
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Card>
  );
}

function SieExport({ today, options }: { today: string; options: Options }) {
  const t = useT();
  const { user } = useMe();
  const [placeId, setPlaceId] = useState('');
  const [terminalId, setTerminalId] = useState('');
  const [period, setPeriod] = useState<PeriodValue>({
    choice: 'lastMonth',
    custom: { from: today, to: today },
  });
  const resolved = resolvePeriod(period, today);
  const query = resolved.ok
    ? {
        ...resolved.period,
        ...(placeId === '' ? {} : { placeId }),
        ...(terminalId === '' ? {} : { terminalId }),
      }
    : null;
  const [includeSimulated, setIncludeSimulated] = useState(false);
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="sie-export">
      <Title order={2} size="h3" id="sie-export">
        {t('reports.sie.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={2}>
        {t('reports.sie.intro')}
      </Text>
      <Text size="sm" c="dimmed" mb="md">
        {user.role === 'admin' ? (
          <>
            {t('reports.sie.accountsAdmin')}{' '}
            <Anchor {...linkProps('/settings')} size="sm">
              {t('reports.sie.accountsLink')}
            </Anchor>
          </>
        ) : (
          t('reports.sie.accountsManager')
        )}
      </Text>
      <Group gap="md" align="flex-end" wrap="wrap">
        <PeriodPicker value={period} today={today} onChange={setPeriod} />
        <NativeSelect
          label={t('sales.filter.place')}
          value={placeId}
          onChange={(event) => setPlaceId(event.currentTarget.value)}
          data={placeOptions(t, options.places)}
          w={220}
        />
        <NativeSelect
          label={t('sales.filter.terminal')}
          value={terminalId}
          onChange={(event) => setTerminalId(event.currentTarget.value)}
          data={terminalOptions(
            t,
            options.terminals.filter(
              (terminal) => placeId === '' || terminal.placeOfBusinessId === placeId,
            ),
            t('sales.filter.allTerminals'),
          )}
          w={240}
        />
        <DownloadButton
          size="sm"
          variant="filled"
          disabled={query === null}
          path={query === null ? '' : exportPaths.sie(query, includeSimulated)}
          fallbackName={query === null ? 'kassa.se' : `kassa-${query.from}-${query.to}.se`}
          label={t('reports.sie.download')}
        />
      </Group>
      <Stack mt="md">
        <IncludeSimulated checked={includeSimulated} onChange={setIncludeSimulated} />
      </Stack>
    </Card>
  );
}
