import { Button, Text } from '@mantine/core';
import type { PrintOutcome, ReceiptKind } from '@kassa/contracts';
import { useLanguage, useT } from '../../i18n/I18nProvider';

/**
 * The receipt (or report) HTML from the register, in a sandboxed frame: no scripts, no access to
 * this page. A receipt is narrow, like the paper roll.
 */
export function HtmlPreview({ html, title }: { html: string; title: string }) {
  return <iframe className="html-preview" title={title} sandbox="" srcDoc={html} />;
}

/** What printing did, in the register's words when it failed. */
export function PrintStatus({ print, report = false }: { print: PrintOutcome; report?: boolean }) {
  const t = useT();
  const [language] = useLanguage();
  if (print.status === 'printed') {
    return (
      <Text fw={600} c="green.9" role="status">
        {report ? t('print.reportPrinted') : t('print.printed')}
      </Text>
    );
  }
  if (print.status === 'no-printer') {
    return (
      <Text fw={600} role="status">
        {t('print.noPrinter')}
      </Text>
    );
  }
  return (
    <Text fw={700} c="red.9" role="alert">
      {t('print.failed', { reason: print[language] ?? print.sv ?? '' })}
    </Text>
  );
}

/** A link that opens a PDF from the register in a new tab, as a large button. */
export function PdfLink({ href }: { href: string }) {
  const t = useT();
  return (
    <Button component="a" href={href} target="_blank" rel="noopener" variant="default">
      {t('preview.pdf')}
    </Button>
  );
}

/** "Signed by a simulator – not a valid receipt." */
export function SimulatedNote() {
  const t = useT();
  return (
    <Text fw={700} c="orange.9">
      {t('preview.simulated')}
    </Text>
  );
}

/** Sale and return receipts (the löpnummer series) have a PDF at /local/receipts/:number/pdf. */
export function hasPdf(kind: ReceiptKind): boolean {
  return kind === 'sale' || kind === 'return';
}
