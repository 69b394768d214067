import { Card, DataList, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { exportPaths } from '../../api/backoffice-api';
import { queries } from '../../api/queries';
import type { CountAmount, ZReportFigures, ZReportSummary } from '@kassa/contracts';
import { DetailDrawer } from '../../components/DetailDrawer';
import { SimulatedNotice } from '../../components/SimulatedNotice';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FiguresTable } from '../../components/FiguresTable';
import { Loading } from '../../components/Loading';
import { useApiData } from '../../hooks/useApiData';
import { formatCount, formatDateTime, formatOre, formatVatRate } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translate';
import { paymentLabelKey } from '../sales/salesRules';

type Figures = Partial<ZReportFigures>;

/** One archived Z-report with every figure the register journaled, and its PDF. */
export function ZReportDrawer({
  summary,
  onClose,
}: {
  summary: ZReportSummary;
  onClose: () => void;
}) {
  const t = useT();
  const { terminalId, zNumber } = summary;
  const { result, reload } = useApiData(queries.zReport(terminalId, zNumber));
  const title = t('reports.z.drawerTitle', { number: zNumber, terminal: summary.terminalName });
  return (
    <DetailDrawer title={title} onClose={onClose}>
      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' && (
        <Stack gap="lg">
          <SimulatedNotice count={result.data.report.simulatedReceipts} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('reports.z.journalEntry', { seq: result.data.seq })}
            </Text>
            <DownloadButton
              path={exportPaths.zPdf(terminalId, zNumber)}
              fallbackName={`z-${summary.registerId}-${zNumber}.pdf`}
              label={t('reports.z.pdf')}
              size="sm"
            />
          </Group>
          <ZFigures report={result.data.report} />
        </Stack>
      )}
    </DetailDrawer>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Label–value rows; labels are message keys, or `{ text }` for names from the report itself. */
function Rows({ rows }: { rows: [PlainMessageKey | { text: string }, string | undefined][] }) {
  const t = useT();
  return (
    <DataList labelWidth={260} withDivider>
      {rows.map(([key, value]) => {
        const label = typeof key === 'string' ? t(key) : key.text;
        return (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ fontVariantNumeric: 'tabular-nums' }}>
              {value ?? t('common.dash')}
            </DataList.ItemValue>
          </DataList.Item>
        );
      })}
    </DataList>
  );
}

const ore = (value: number | null | undefined) =>
  value === undefined || value === null ? undefined : formatOre(value);
const count = (value: number | undefined) => (value === undefined ? undefined : formatCount(value));
const countAmount = (value: CountAmount | undefined) =>
  value === undefined ? undefined : `${formatCount(value.count)} · ${formatOre(value.amount)}`;

/** The Z-report's figures in the order of the printed report (SKVFS 2014:9 7 kap 3 §). */
function ZFigures({ report }: { report: Figures }) {
  const t = useT();
  return (
    <Stack gap="md">
      <Section id="z-identity" title={t('reports.z.section.identity')}>
        <Rows
          rows={[
            ['reports.z.companyName', report.companyName],
            ['reports.z.organisationNumber', report.organisationNumber],
            ['reports.z.registerId', report.registerId],
            ['reports.z.serialNumber', report.registerSerialNumber],
            ['reports.z.number', report.zNumber === undefined ? undefined : String(report.zNumber)],
            ['reports.z.businessDay', report.businessDay],
            [
              'reports.z.producedAt',
              report.producedAt === undefined ? undefined : formatDateTime(report.producedAt),
            ],
          ]}
        />
      </Section>
      <Section id="z-sales" title={t('reports.z.section.sales')}>
        <Rows
          rows={[
            ['reports.z.salesTotal', ore(report.salesTotal)],
            ['reports.z.returns', countAmount(report.returns)],
            ['reports.z.netTotal', ore(report.netTotal)],
            ['reports.z.discounts', ore(report.discounts)],
            ['reports.z.otherReductions', countAmount(report.otherReductions)],
            ['reports.z.rounding', ore(report.rounding)],
            ['reports.z.receiptCount', count(report.receiptCount)],
            ['reports.z.goodsSold', count(report.goodsSold)],
            ['reports.z.servicesSold', count(report.servicesSold)],
          ]}
        />
      </Section>
      <Section id="z-vat" title={t('reports.z.section.vat')}>
        <FiguresTable
          aria-labelledby="z-vat"
          fz="sm"
          verticalSpacing={4}
          nameLabel={t('sales.column.vatRate')}
          columns={[
            { label: t('sales.column.net') },
            { label: t('sales.column.vat') },
            { label: t('sales.column.gross') },
          ]}
          rows={(report.vatPerRate ?? []).map((row) => ({
            key: row.rate,
            label: formatVatRate(row.rate),
            values: [formatOre(row.net), formatOre(row.vat), formatOre(row.gross)],
          }))}
        />
      </Section>
      <Section id="z-payments" title={t('reports.z.section.payments')}>
        <FiguresTable
          aria-labelledby="z-payments"
          fz="sm"
          verticalSpacing={4}
          nameLabel={t('reports.z.paymentMethod')}
          columns={[
            { label: t('reports.z.paymentSales') },
            { label: t('reports.z.paymentReturns') },
            { label: t('reports.z.paymentNet') },
          ]}
          rows={(report.payments ?? []).map((row) => {
            const key = paymentLabelKey(row.method);
            return {
              key: row.method,
              label: key === null ? row.method : t(key),
              values: [formatOre(row.sales), formatOre(row.returns), formatOre(row.net)],
            };
          })}
        />
      </Section>
      {(report.salesByGroup ?? []).length > 0 && (
        <Section id="z-groups" title={t('reports.z.section.groups')}>
          <Rows
            rows={(report.salesByGroup ?? []).map((group) => [
              { text: group.group },
              formatOre(group.amount),
            ])}
          />
        </Section>
      )}
      <Section id="z-cash" title={t('reports.z.section.cash')}>
        <Rows
          rows={[
            ['reports.z.cashFloat', ore(report.cashFloat)],
            ['reports.z.cashIn', ore(report.cashIn)],
            ['reports.z.cashOut', ore(report.cashOut)],
            ['reports.z.expectedCash', ore(report.expectedCash)],
            ['reports.z.countedCash', ore(report.countedCash)],
            ['reports.z.cashDifference', ore(report.cashDifference)],
            ['reports.z.drawerOpenings', count(report.drawerOpenings)],
          ]}
        />
      </Section>
      <Section id="z-other" title={t('reports.z.section.other')}>
        <Rows
          rows={[
            ['reports.z.copies', countAmount(report.copies)],
            ['reports.z.training', countAmount(report.training)],
            ['reports.z.proForma', countAmount(report.proForma)],
            ['reports.z.unfinishedSales', countAmount(report.unfinishedSales)],
            ['reports.z.priceChanges', count(report.priceChanges)],
          ]}
        />
      </Section>
      <Section id="z-grand" title={t('reports.z.section.grandTotals')}>
        <Rows
          rows={[
            ['reports.z.grandSales', ore(report.grandTotals?.sales)],
            ['reports.z.grandReturns', ore(report.grandTotals?.returns)],
            ['reports.z.grandNet', ore(report.grandTotals?.net)],
          ]}
        />
      </Section>
    </Stack>
  );
}
