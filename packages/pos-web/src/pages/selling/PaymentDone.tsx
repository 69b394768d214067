import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '@kassa/web-kit';
import type { PrintOutcome, ReceiptResult } from '@kassa/contracts';
import { pdfLinks } from '../../api/local-api';
import { useT } from '../../i18n/I18nProvider';
import { formatKr } from '../../selling/money';
import { hasPdf, HtmlPreview, PdfLink, PrintStatus, SimulatedNote } from './ReceiptPreview';

/** After payment: the change in very large digits, the print status, the receipt, "Ny försäljning". */
export function PaymentDone({
  result,
  onNewSale,
}: {
  result: ReceiptResult;
  onNewSale: () => void;
}) {
  const t = useT();
  const api = useApi();
  const { receipt } = result;
  const [print, setPrint] = useState<PrintOutcome>(result.print);
  const [printing, setPrinting] = useState(false);

  // The receipt is journaled; only the paper failed: print the original once the printer is fixed.
  async function printAgain() {
    setPrinting(true);
    try {
      setPrint((await api.printOriginal(receipt.receiptNumber)).print);
    } catch (caught) {
      const messages = caught instanceof ApiError ? caught.messages : null;
      setPrint({
        status: 'failed',
        sv: messages?.sv ?? String(caught),
        en: messages?.en ?? String(caught),
      });
    } finally {
      setPrinting(false);
    }
  }

  return (
    <Group align="stretch" gap="xl" wrap="nowrap" className="payment-done">
      <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
        <div role="status" aria-label={t('done.change')} className="change-box">
          <Text size="xl" fw={700}>
            {receipt.change > 0 ? t('done.change') : t('done.noChange')}
          </Text>
          {receipt.change > 0 && (
            <Text className="change-amount" data-testid="change-amount">
              {formatKr(receipt.change)}
            </Text>
          )}
        </div>
        <Text size="lg" fw={700}>
          {t(`receiptNo.${receipt.kind}`, { number: receipt.receiptNumber })}
        </Text>
        <PrintStatus print={print} />
        {print.status === 'failed' && hasPdf(receipt.kind) && (
          <>
            <Text size="sm">{t('done.printAgainHelp')}</Text>
            <Group>
              <Button color="orange.9" loading={printing} onClick={() => void printAgain()}>
                {t('done.printAgain')}
              </Button>
            </Group>
          </>
        )}
        {result.drawerOpened && <Text fw={600}>{t('done.drawerOpened')}</Text>}
        {result.simulated && <SimulatedNote />}
        {hasPdf(receipt.kind) && (
          <Group>
            <PdfLink href={pdfLinks.receipt(receipt.receiptNumber)} />
          </Group>
        )}
        <Button size="xl" className="new-sale-button" onClick={onNewSale} data-autofocus mt="auto">
          {t('done.newSale')}
        </Button>
      </Stack>
      <HtmlPreview
        html={result.html}
        title={t('preview.receipt', { number: receipt.receiptNumber })}
      />
    </Group>
  );
}
