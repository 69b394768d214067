import { Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { ParkedSale } from '@kassa/contracts';
import { formatDateTime } from '../../i18n/format';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import { formatKr } from '../../selling/money';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PosModal } from './PosModal';

/** The parked sales, newest first as the register lists them, each with "Återuppta". */
export function ParkedDialog({
  onResume,
  onClose,
}: {
  /** Resolves to null when resumed, or the refusal. */
  onResume: (parkingId: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const [parked, setParked] = useState<ParkedSale[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [working, setWorking] = useState<string | null>(null);

  useEffect(() => {
    api.parked().then(setParked, setError);
  }, [api]);

  async function resume(parkingId: string) {
    setWorking(parkingId);
    setError(null);
    const refusal = await onResume(parkingId);
    if (refusal === null) {
      onClose();
    } else {
      setError(refusal);
      setWorking(null);
    }
  }

  return (
    <PosModal opened onClose={onClose} title={t('parked.title')}>
      <Stack gap="md">
        {error !== null && (
          <ErrorPanel title={t('notice.errorTitle')}>{errorText(error)}</ErrorPanel>
        )}
        {parked === null && error === null && <Loader />}
        {parked?.length === 0 && <Text size="lg">{t('parked.none')}</Text>}
        {parked?.map((sale) => (
          <Paper key={sale.parkingId} withBorder p="sm">
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text fw={700} size="lg" truncate>
                  {sale.summary}
                </Text>
                <Text size="sm">
                  {t('parked.item', {
                    count: sale.lineCount,
                    total: formatKr(sale.total),
                    time: formatDateTime(sale.parkedAt),
                    by: sale.by,
                  })}
                </Text>
              </div>
              <Button
                onClick={() => void resume(sale.parkingId)}
                loading={working === sale.parkingId}
                disabled={working !== null}
                aria-label={t('parked.resumeNamed', { summary: sale.summary })}
              >
                {t('parked.resume')}
              </Button>
            </Group>
          </Paper>
        ))}
      </Stack>
    </PosModal>
  );
}
