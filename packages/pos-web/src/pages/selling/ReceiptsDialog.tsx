import { Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { pdfLinks } from '../../api/local-api';
import type { ReceiptDetail, ReceiptListItem, ReceiptResult, ReceiptView } from '@kassa/contracts';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateTime } from '../../i18n/format';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKr } from '../../selling/money';
import { useStatus } from '../../status/StatusProvider';
import { PosModal } from './PosModal';
import { hasPdf, HtmlPreview, PdfLink } from './ReceiptPreview';
import { ReceiptResultView } from './ReceiptResultDialog';
import { ReturnForm } from './ReturnForm';

type View =
  | { kind: 'browse' }
  | { kind: 'return'; receipt: ReceiptView; returnable: ReceiptListItem['returnable'] | null }
  | { kind: 'result'; title: string; result: ReceiptResult };

/**
 * The latest receipts of this register: open one (preview), "Kopia" (the register allows one),
 * its PDF, and "Retur" against a sale receipt. An older receipt is found by its number.
 */
export function ReceiptsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { reportError } = useStatus();
  const [list, setList] = useState<ReceiptListItem[] | null>(null);
  const [open, setOpen] = useState<ReceiptDetail | null>(null);
  const [view, setView] = useState<View>({ kind: 'browse' });
  const [error, setError] = useState<unknown>(null);
  const [working, setWorking] = useState(false);
  const [number, setNumber] = useState('');
  const [numberInvalid, setNumberInvalid] = useState(false);

  const fail = useCallback(
    (caught: unknown) => {
      reportError(caught);
      setError(caught);
    },
    [reportError],
  );

  const loadList = useCallback(() => {
    api.receipts(20).then((answer) => setList(answer.receipts), fail);
  }, [api, fail]);

  useEffect(loadList, [loadList]);

  async function show(receiptNumber: number) {
    setError(null);
    setWorking(true);
    try {
      setOpen(await api.receipt(receiptNumber));
    } catch (caught) {
      fail(caught);
    } finally {
      setWorking(false);
    }
  }

  async function printOriginal(receiptNumber: number) {
    setError(null);
    setWorking(true);
    try {
      const result = await api.printOriginal(receiptNumber);
      setView({ kind: 'result', title: t('receipts.printTitle'), result });
      loadList();
    } catch (caught) {
      fail(caught);
    } finally {
      setWorking(false);
    }
  }

  async function copy(receiptNumber: number) {
    setError(null);
    setWorking(true);
    try {
      const result = await api.copy(receiptNumber);
      setView({ kind: 'result', title: t('receipts.copyTitle'), result });
      loadList();
    } catch (caught) {
      fail(caught);
    } finally {
      setWorking(false);
    }
  }

  function byNumber() {
    const value = Number(number.trim());
    const valid = /^\d{1,9}$/.test(number.trim()) && value > 0;
    setNumberInvalid(!valid);
    if (valid) void show(value);
  }

  const title =
    view.kind === 'return'
      ? t('return.title', { number: view.receipt.receiptNumber })
      : view.kind === 'result'
        ? view.title
        : t('receipts.title');

  return (
    <PosModal opened onClose={onClose} title={title} size="xl">
      {view.kind === 'return' ? (
        <ReturnForm
          receipt={view.receipt}
          returnable={view.returnable}
          onCancel={() => setView({ kind: 'browse' })}
          onDone={(result) => {
            setView({ kind: 'result', title: t('return.doneTitle'), result });
            loadList();
          }}
        />
      ) : view.kind === 'result' ? (
        <ReceiptResultView
          result={view.result}
          footer={
            <Button variant="default" onClick={() => setView({ kind: 'browse' })} mt="auto">
              {t('common.back')}
            </Button>
          }
        />
      ) : (
        <Group align="stretch" gap="lg" wrap="nowrap" className="receipts-browser">
          <Stack gap="sm" className="receipts-list-column">
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={t('receipts.byNumber')}
                value={number}
                inputMode="numeric"
                onChange={(event) => {
                  setNumber(event.currentTarget.value);
                  setNumberInvalid(false);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') byNumber();
                }}
                error={numberInvalid ? t('receipts.numberInvalid') : undefined}
                style={{ flex: 1 }}
              />
              <Button variant="default" onClick={byNumber}>
                {t('receipts.fetch')}
              </Button>
            </Group>
            <Text fw={700}>{t('receipts.list')}</Text>
            {list === null && error === null && <Loader />}
            {list?.length === 0 && <Text>{t('receipts.none')}</Text>}
            {list !== null && list.length > 0 && (
              <ul className="receipts-list" aria-label={t('receipts.list')}>
                {list.map((item) => {
                  const content = (
                    <>
                      <strong>
                        {t('receipts.item', {
                          number: item.receiptNumber,
                          time: formatDateTime(item.issuedAt),
                          total: formatKr(item.total),
                        })}
                      </strong>
                      <span className="receipt-item-tags">
                        <span className="tag" data-kind={item.kind}>
                          {t(`receipts.kind.${item.kind}`)}
                        </span>
                        {item.copied && <span className="tag">{t('receipts.copied')}</span>}
                        {item.unprinted && hasPdf(item.kind) && (
                          <span className="tag" data-warning="true">
                            {t('receipts.unprinted')}
                          </span>
                        )}
                      </span>
                    </>
                  );
                  return (
                    <li key={`${item.kind}-${item.receiptNumber}`}>
                      {hasPdf(item.kind) ? (
                        <button
                          type="button"
                          className="receipt-item"
                          aria-pressed={
                            open !== null &&
                            hasPdf(open.receipt.kind) &&
                            open.receipt.receiptNumber === item.receiptNumber
                          }
                          aria-label={t('receipts.open', { number: item.receiptNumber })}
                          onClick={() => void show(item.receiptNumber)}
                        >
                          {content}
                        </button>
                      ) : (
                        // Training, copy and pro forma receipts have series of their own: listed,
                        // but only sale and return receipts can be opened by their number.
                        <div className="receipt-item receipt-item-static">{content}</div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Stack>
          <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
            {error !== null && (
              <ErrorPanel title={t('notice.errorTitle')}>{errorText(error)}</ErrorPanel>
            )}
            {open === null ? (
              <Text size="lg">{t('receipts.chooseOne')}</Text>
            ) : (
              <>
                <Group gap="sm">
                  {open.unprinted === true && hasPdf(open.receipt.kind) && (
                    <Button
                      color="orange.9"
                      onClick={() => void printOriginal(open.receipt.receiptNumber)}
                      loading={working}
                    >
                      {t('receipts.printOriginal')}
                    </Button>
                  )}
                  <Button
                    onClick={() => void copy(open.receipt.receiptNumber)}
                    loading={working}
                    disabled={!hasPdf(open.receipt.kind)}
                  >
                    {t('receipts.copy')}
                  </Button>
                  {hasPdf(open.receipt.kind) && (
                    <PdfLink href={pdfLinks.receipt(open.receipt.receiptNumber)} />
                  )}
                  {open.receipt.kind === 'sale' && (
                    <Button
                      color="red.9"
                      variant="outline"
                      onClick={() => {
                        setError(null);
                        setView({
                          kind: 'return',
                          receipt: open.receipt,
                          returnable:
                            open.returnable ??
                            list?.find((item) => item.receiptNumber === open.receipt.receiptNumber)
                              ?.returnable ??
                            null,
                        });
                      }}
                    >
                      {t('receipts.return')}
                    </Button>
                  )}
                </Group>
                <HtmlPreview
                  html={open.html}
                  title={t('preview.receipt', { number: open.receipt.receiptNumber })}
                />
              </>
            )}
          </Stack>
        </Group>
      )}
    </PosModal>
  );
}
