import { Alert, Button, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { pdfLinks } from '../../api/local-api';
import type { LocalReportResult, LocalSignedIn } from '@kassa/contracts';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKr, parseKronor } from '../../selling/money';
import { useStatus } from '../../status/StatusProvider';
import { KeypadField } from './KeypadField';
import { PosModal } from './PosModal';
import { HtmlPreview, PdfLink, PrintStatus } from './ReceiptPreview';
import { canManage } from './SellingBar';

/**
 * X report (any cashier; does not close the day) and Z report (manager or admin; closes the day,
 * with the counted cash and the difference from what the register expected).
 */
export function ReportsDialog({
  cashier,
  onClose,
}: {
  cashier: LocalSignedIn;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { refresh, reportError } = useStatus();
  const manager = canManage(cashier);
  const [counted, setCounted] = useState('');
  const [countedInvalid, setCountedInvalid] = useState(false);
  const [confirmZ, setConfirmZ] = useState<number | null>(null);
  const [working, setWorking] = useState<'x' | 'z' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<LocalReportResult | null>(null);

  async function take(kind: 'x' | 'z', countedCash?: number) {
    setWorking(kind);
    setError(null);
    try {
      setResult(kind === 'x' ? await api.xReport() : await api.zReport(countedCash));
      setConfirmZ(null);
      if (kind === 'z') void refresh();
    } catch (caught) {
      reportError(caught);
      setError(caught);
    } finally {
      setWorking(null);
    }
  }

  function askZ() {
    const amount = parseKronor(counted);
    setCountedInvalid(amount === null);
    if (amount !== null) setConfirmZ(amount);
  }

  if (result !== null) {
    return (
      <PosModal opened onClose={onClose} title={reportTitle(result, t)} size="xl">
        <ReportResultView result={result} onBack={() => setResult(null)} />
      </PosModal>
    );
  }

  return (
    <PosModal opened onClose={onClose} title={t('reports.title')} size="xl">
      <Stack gap="md">
        {error !== null && (
          <ErrorPanel title={t('notice.errorTitle')}>{errorText(error)}</ErrorPanel>
        )}
        <Group justify="space-between" align="center" wrap="nowrap">
          <div>
            <Title order={2} size="h3">
              {t('reports.x')}
            </Title>
            <Text>{t('reports.xHelp')}</Text>
          </div>
          <Group gap="sm" wrap="nowrap">
            <PdfLink href={pdfLinks.x()} />
            <Button onClick={() => void take('x')} loading={working === 'x'}>
              {t('reports.takeX')}
            </Button>
          </Group>
        </Group>
        <Divider />
        <Title order={2} size="h3">
          {t('reports.z')}
        </Title>
        <Text>{t('reports.zHelp')}</Text>
        {!manager ? (
          <Group justify="space-between" wrap="nowrap" className="z-refused">
            <Text fw={700} role="note">
              {t('reports.zManagerOnly')}
            </Text>
            <Button color="red.9" disabled style={{ flex: 'none' }}>
              {t('reports.takeZ')}
            </Button>
          </Group>
        ) : confirmZ === null ? (
          <KeypadField
            label={t('reports.counted')}
            value={counted}
            onChange={(next) => {
              setCounted(next);
              setCountedInvalid(false);
            }}
            onSubmit={askZ}
            rules={{ decimals: 2, maxLength: 10 }}
            autoFocus={false}
            rightSection={<Text fw={700}>kr</Text>}
            error={countedInvalid ? t('reports.countedInvalid') : undefined}
          >
            <Button color="red.9" onClick={askZ} mt="sm">
              {t('reports.takeZ')}
            </Button>
          </KeypadField>
        ) : (
          <Alert color="orange" variant="light" role="alert">
            <Stack gap="sm">
              <Text fw={700} c="black" size="lg">
                {t('reports.confirmZText', { amount: formatKr(confirmZ) })}
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setConfirmZ(null)}>
                  {t('sales.cancel')}
                </Button>
                <Button
                  color="red.9"
                  onClick={() => void take('z', confirmZ)}
                  loading={working === 'z'}
                >
                  {t('reports.confirmZ')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </PosModal>
  );
}

function reportTitle(result: LocalReportResult, t: ReturnType<typeof useT>): string {
  const { report } = result;
  return report.type === 'Z' && report.zNumber !== undefined
    ? t('reports.zNumber', { number: report.zNumber })
    : t('reports.xOf', { day: report.businessDay });
}

/** A taken report: its key figures (the counted cash and the difference for a Z) and the HTML. */
function ReportResultView({ result, onBack }: { result: LocalReportResult; onBack: () => void }) {
  const t = useT();
  const { report } = result;
  const rows: [string, string, string?][] = [
    [t('reports.salesTotal'), formatKr(report.salesTotal)],
    [t('reports.receiptCount'), String(report.receiptCount)],
    [t('reports.expected'), formatKr(report.expectedCash)],
  ];
  if (report.countedCash !== undefined && report.countedCash !== null) {
    rows.push([t('reports.countedResult'), formatKr(report.countedCash)]);
  }
  if (report.cashDifference !== undefined && report.cashDifference !== null) {
    const sign = report.cashDifference > 0 ? '+' : '';
    rows.push([t('reports.difference'), `${sign}${formatKr(report.cashDifference)}`, 'difference']);
  }
  return (
    <Group align="stretch" gap="xl" wrap="nowrap">
      <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
        <Table aria-label={reportTitle(result, t)}>
          <Table.Tbody>
            {rows.map(([label, value, id]) => (
              <Table.Tr key={label} data-row={id}>
                <Table.Th scope="row">{label}</Table.Th>
                <Table.Td
                  ta="right"
                  fw={id === 'difference' ? 800 : 600}
                  c={id === 'difference' && report.cashDifference !== 0 ? 'red.9' : undefined}
                >
                  {value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <PrintStatus print={result.print} report />
        <Group>
          <PdfLink
            href={
              report.type === 'Z' && report.zNumber !== undefined
                ? pdfLinks.z(report.zNumber)
                : pdfLinks.x()
            }
          />
          <Button variant="default" onClick={onBack}>
            {t('common.back')}
          </Button>
        </Group>
      </Stack>
      <HtmlPreview html={result.html} title={t('preview.reportFrame')} />
    </Group>
  );
}
