import {
  Anchor,
  Card,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { exportPaths } from '../../api/backoffice-api';
import { queries } from '../../api/queries';
import type {
  SalesGrouping,
  SalesOverview,
  SalesReport,
  SalesReportFilter,
} from '@kassa/contracts';
import { DownloadButton } from '../../components/DownloadButton';
import { IncludeSimulated, SimulatedNotice } from '../../components/SimulatedNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiguresTable } from '../../components/FiguresTable';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApiData, useApiDataAll } from '../../hooks/useApiData';
import { formatCount, formatOre, formatVatRate } from '../../i18n/format';
import { useLanguage, useT } from '../../i18n/I18nProvider';
import { useLicensedModules } from '../../licence/LicenceProvider';
import { linkProps } from '../../router/router';
import { SalesBarChart, SalesDonutChart } from './charts';
import { placeOptions, terminalOptions } from './filterOptions';
import { businessDayOf, type Period } from './period';
import { PeriodPicker, resolvePeriod, type PeriodValue } from './PeriodPicker';
import {
  averageReceipt,
  chartPoints,
  dayLabel,
  hasNoSales,
  openingHours,
  paymentLabelKey,
} from './salesRules';
import { SalesTable } from './SalesTable';

/** Every grouping the dashboard shows: all of them come in one request per filter. */
type DashboardReports = Record<SalesGrouping, SalesReport>;

/** The overview as one report per grouping, each with the period's totals, as the cards read them. */
function reportsOf(overview: SalesOverview): DashboardReports {
  const { rows, ...common } = overview;
  const report = (groupBy: SalesGrouping): SalesReport => ({
    ...common,
    groupBy,
    rows: rows[groupBy],
  });
  return {
    day: report('day'),
    hour: report('hour'),
    payment: report('payment'),
    vat: report('vat'),
    place: report('place'),
    terminal: report('terminal'),
    product: report('product'),
    cashier: report('cashier'),
  };
}

/** Försäljning: key figures, charts and tables of a period, by place and terminal. */
export function SalesPage() {
  const t = useT();
  // Today's business day when the page opened (the clock is read here, at the edge, only).
  const [today] = useState(() => businessDayOf(new Date()));
  const [period, setPeriod] = useState<PeriodValue>({
    choice: 'today',
    custom: { from: today, to: today },
  });
  const [placeId, setPlaceId] = useState('');
  const [terminalId, setTerminalId] = useState('');
  const options = useApiDataAll({
    environment: queries.environment,
    terminals: queries.terminals,
  });
  const licensed = useLicensedModules();
  const canExport = licensed.status !== 'known' || licensed.modules.includes('exports');

  const resolved = resolvePeriod(period, today);
  const filter: SalesReportFilter | null = resolved.ok
    ? {
        ...resolved.period,
        ...(placeId === '' ? {} : { placeId }),
        ...(terminalId === '' ? {} : { terminalId }),
      }
    : null;

  const places =
    options.result.status === 'ready' ? options.result.data.environment.placesOfBusiness : [];
  const terminals = options.result.status === 'ready' ? options.result.data.terminals : [];
  const terminalChoices = terminals.filter(
    (terminal) => placeId === '' || terminal.placeOfBusinessId === placeId,
  );

  return (
    <Stack gap="lg">
      <PageHeader title={t('sales.title')} description={t('sales.intro')} />

      <Card withBorder radius="md" padding="md" component="section" aria-label={t('sales.filters')}>
        <Group gap="md" align="flex-start" wrap="wrap">
          <PeriodPicker value={period} today={today} onChange={setPeriod} />
          <NativeSelect
            label={t('sales.filter.place')}
            value={placeId}
            onChange={(event) => {
              const next = event.currentTarget.value;
              setPlaceId(next);
              const chosen = terminals.find((terminal) => terminal.id === terminalId);
              if (chosen !== undefined && next !== '' && chosen.placeOfBusinessId !== next) {
                setTerminalId('');
              }
            }}
            data={placeOptions(t, places)}
            w={220}
          />
          <NativeSelect
            label={t('sales.filter.terminal')}
            value={terminalId}
            onChange={(event) => setTerminalId(event.currentTarget.value)}
            data={terminalOptions(t, terminalChoices, t('sales.filter.allTerminals'))}
            w={240}
          />
        </Group>
        {options.result.status === 'error' && (
          <Stack mt="sm">
            <ErrorAlert error={options.result.error} onRetry={options.reload} />
          </Stack>
        )}
      </Card>

      {filter === null ? null : <Dashboard key="dashboard" filter={filter} canExport={canExport} />}
    </Stack>
  );
}

function Dashboard({ filter, canExport }: { filter: SalesReportFilter; canExport: boolean }) {
  const t = useT();
  const { result, stale, reload } = useApiData(queries.salesOverview(filter), {
    keepPrevious: true,
  });
  const [includeSimulated, setIncludeSimulated] = useState(false);

  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorAlert error={result.error} onRetry={reload} />;
  const reports = reportsOf(result.data);
  const shown: Period = { from: reports.day.from, to: reports.day.to };

  return (
    <Stack gap="lg" aria-busy={stale}>
      <Group gap="xs">
        <Text fw={600} data-testid="sales-period">
          {shown.from === shown.to
            ? t('sales.periodOne', { day: shown.from })
            : t('sales.periodRange', { from: shown.from, to: shown.to })}
        </Text>
        {stale && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      <SimulatedNotice count={reports.day.simulatedReceipts} />
      {canExport && (reports.day.simulatedReceipts ?? 0) > 0 && (
        <IncludeSimulated checked={includeSimulated} onChange={setIncludeSimulated} />
      )}
      {hasNoSales(reports.day.totals) ? (
        <NoSales />
      ) : (
        <Figures
          reports={reports}
          filter={filter}
          canExport={canExport}
          includeSimulated={includeSimulated}
        />
      )}
    </Stack>
  );
}

function NoSales() {
  const t = useT();
  return (
    <Card withBorder radius="md" padding="xl" role="status">
      <Title order={2} size="h3">
        {t('sales.empty.title')}
      </Title>
      <Text mt="xs">{t('sales.empty.body')}</Text>
      <Text mt="xs" size="sm" c="dimmed">
        {t('sales.empty.hint')}{' '}
        <Anchor {...linkProps('/terminals')} size="sm">
          {t('nav.terminals')}
        </Anchor>
      </Text>
    </Card>
  );
}

function KeyFigure({
  id,
  title,
  value,
  detail,
}: {
  id: string;
  title: string;
  value: string;
  detail: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Text size="sm" c="dimmed" fw={600} id={id}>
        {title}
      </Text>
      <Text fz={26} fw={700} mt={4} lh={1.2} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        {detail}
      </Text>
    </Card>
  );
}

function ReportCard({
  id,
  title,
  description,
  csv,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  csv: { filter: SalesReportFilter; groupBy: SalesGrouping; includeSimulated: boolean } | null;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <div>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {description !== undefined && (
            <Text size="xs" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {csv !== null && (
          <DownloadButton
            path={exportPaths.salesCsv(csv.filter, csv.groupBy, csv.includeSimulated)}
            fallbackName={`forsaljning-${csv.groupBy}-${csv.filter.from}-${csv.filter.to}.csv`}
            label={t('sales.csv')}
            aria-label={t('sales.csvFor', { report: title })}
          />
        )}
      </Group>
      {children}
    </Card>
  );
}

function Figures({
  reports,
  filter,
  canExport,
  includeSimulated,
}: {
  reports: DashboardReports;
  filter: SalesReportFilter;
  canExport: boolean;
  includeSimulated: boolean;
}) {
  const t = useT();
  const [language] = useLanguage();
  const { totals } = reports.day;
  const average = averageReceipt(totals);
  const csv = (groupBy: SalesGrouping) =>
    canExport ? { filter, groupBy, includeSimulated } : null;
  const receiptsLabel = t('sales.column.receipts');

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <KeyFigure
          id="kf-net"
          title={t('sales.kf.net')}
          value={formatOre(totals.gross)}
          detail={t('sales.kf.netDetail', {
            net: formatOre(totals.net),
            vat: formatOre(totals.vat),
          })}
        />
        <KeyFigure
          id="kf-receipts"
          title={t('sales.kf.receipts')}
          value={formatCount(totals.receipts)}
          detail={t('sales.kf.receiptsDetail', { returns: formatCount(totals.returns) })}
        />
        <KeyFigure
          id="kf-average"
          title={t('sales.kf.average')}
          value={average === null ? t('common.dash') : formatOre(average)}
          detail={t('sales.kf.averageDetail')}
        />
        <KeyFigure
          id="kf-returns"
          title={t('sales.kf.returns')}
          value={formatOre(totals.returnsGross)}
          detail={t('sales.kf.returnsDetail', {
            count: totals.returns,
            discounts: formatOre(totals.discounts),
          })}
        />
      </SimpleGrid>

      <ReportCard
        id="chart-day"
        title={t('sales.chart.day')}
        description={t('sales.chart.grossNote')}
        csv={csv('day')}
      >
        <SalesBarChart
          label={t('sales.chart.day')}
          orientation="columns"
          points={chartPoints(reports.day.rows, (row) => dayLabel(row.key, language))}
        />
      </ReportCard>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ReportCard id="chart-hour" title={t('sales.chart.hour')} csv={csv('hour')}>
          <SalesBarChart
            label={t('sales.chart.hour')}
            orientation="columns"
            points={chartPoints(openingHours(reports.hour.rows), (row) => row.key)}
          />
        </ReportCard>
        <ReportCard
          id="chart-payment"
          title={t('sales.chart.payment')}
          description={t('sales.chart.paymentNote')}
          csv={csv('payment')}
        >
          <SalesDonutChart
            label={t('sales.chart.payment')}
            countLabel={t('sales.column.payments')}
            points={chartPoints(reports.payment.rows, (row) => {
              const key = paymentLabelKey(row.key);
              return key === null ? row.label : t(key);
            })}
          />
        </ReportCard>
        <ReportCard id="chart-vat" title={t('sales.chart.vat')} csv={csv('vat')}>
          <VatTable report={reports.vat} />
        </ReportCard>
        <ReportCard id="chart-place" title={t('sales.chart.place')} csv={csv('place')}>
          <SalesBarChart
            label={t('sales.chart.place')}
            orientation="bars"
            points={chartPoints(reports.place.rows, (row) => row.label)}
          />
        </ReportCard>
      </SimpleGrid>

      <ReportCard id="chart-terminal" title={t('sales.chart.terminal')} csv={csv('terminal')}>
        <SalesBarChart
          label={t('sales.chart.terminal')}
          orientation="bars"
          points={chartPoints(reports.terminal.rows, (row) => row.label)}
        />
      </ReportCard>

      <ReportCard
        id="table-product"
        title={t('sales.table.products')}
        description={t('sales.table.productsNote')}
        csv={csv('product')}
      >
        <SalesTable
          label={t('sales.table.products')}
          rows={reports.product.rows}
          nameLabel={t('sales.column.product')}
          countLabel={t('sales.column.lines')}
          withQuantity
        />
      </ReportCard>

      <ReportCard id="table-cashier" title={t('sales.table.cashiers')} csv={csv('cashier')}>
        <SalesTable
          label={t('sales.table.cashiers')}
          rows={reports.cashier.rows}
          nameLabel={t('sales.column.cashier')}
          countLabel={receiptsLabel}
        />
      </ReportCard>
    </Stack>
  );
}

function VatTable({ report }: { report: SalesReport }) {
  const t = useT();
  const sum = (pick: (row: SalesReport['rows'][number]) => number | null) =>
    report.rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
  return (
    <FiguresTable
      aria-label={t('sales.chart.vat')}
      verticalSpacing="xs"
      fz="sm"
      nameLabel={t('sales.column.vatRate')}
      columns={[
        { label: t('sales.column.net') },
        { label: t('sales.column.vat') },
        { label: t('sales.column.gross'), strong: true },
      ]}
      rows={report.rows.map((row) => ({
        key: row.key,
        label: formatVatRate(Number(row.key)),
        values: [formatOre(row.net ?? 0), formatOre(row.vat ?? 0), formatOre(row.gross)],
      }))}
      total={{
        label: t('sales.column.total'),
        values: [
          formatOre(sum((row) => row.net)),
          formatOre(sum((row) => row.vat)),
          formatOre(sum((row) => row.gross)),
        ],
      }}
    />
  );
}
