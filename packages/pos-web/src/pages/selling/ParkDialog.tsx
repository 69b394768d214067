import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { PosModal } from './PosModal';

/** Parks the sale with an optional note (a table, a name). */
export function ParkDialog({
  onPark,
  onClose,
}: {
  onPark: (note: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [working, setWorking] = useState(false);
  async function park() {
    setWorking(true);
    if (await onPark(note)) onClose();
    else setWorking(false);
  }
  return (
    <PosModal opened onClose={onClose} title={t('park.title')} size="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void park();
        }}
      >
        <Stack gap="lg">
          <TextInput
            label={t('park.note')}
            placeholder={t('park.notePlaceholder')}
            value={note}
            maxLength={60}
            onChange={(event) => setNote(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('sales.cancel')}
            </Button>
            <Button type="submit" loading={working}>
              {t('park.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </PosModal>
  );
}
