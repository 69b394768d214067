import { Alert, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ReceiptResult } from '@kassa/contracts';
import { pdfLinks } from '../../api/local-api';
import { useT } from '../../i18n/I18nProvider';
import { hasPdf, HtmlPreview, PdfLink, PrintStatus, SimulatedNote } from './ReceiptPreview';
import { PosModal } from './PosModal';

/** A receipt the register just issued (pro forma, copy, return): print status and preview. */
export function ReceiptResultView({
  result,
  note,
  footer,
}: {
  result: ReceiptResult;
  note?: ReactNode;
  footer?: ReactNode;
}) {
  const t = useT();
  const { receipt } = result;
  return (
    <Group align="stretch" gap="xl" wrap="nowrap">
      <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
        {note !== undefined && (
          <Alert color="orange" variant="light">
            <Text fw={700} c="black">
              {note}
            </Text>
          </Alert>
        )}
        <Text size="lg" fw={700}>
          {t(`receiptNo.${receipt.kind}`, { number: receipt.receiptNumber })}
        </Text>
        <PrintStatus print={result.print} />
        {result.drawerOpened && <Text fw={600}>{t('done.drawerOpened')}</Text>}
        {result.simulated && <SimulatedNote />}
        {hasPdf(receipt.kind) && (
          <Group>
            <PdfLink href={pdfLinks.receipt(receipt.receiptNumber)} />
          </Group>
        )}
        {footer}
      </Stack>
      <HtmlPreview
        html={result.html}
        title={t('preview.receipt', { number: receipt.receiptNumber })}
      />
    </Group>
  );
}

/** The dialog around {@link ReceiptResultView} (pro forma from the sales screen). */
export function ReceiptResultDialog({
  title,
  result,
  note,
  onClose,
}: {
  title: string;
  result: ReceiptResult;
  note?: ReactNode;
  onClose: () => void;
}) {
  return (
    <PosModal opened onClose={onClose} title={title} size="xl">
      <ReceiptResultView result={result} note={note} />
    </PosModal>
  );
}
