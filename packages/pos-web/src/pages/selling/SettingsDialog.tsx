import { Button, Center, Divider, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { RegisterSettings } from '@kassa/contracts';
import { ErrorPanel } from '../../components/ErrorPanel';
import { useErrorText, useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import {
  changedSettings,
  formFromSettings,
  settingsFromForm,
  type SettingsErrors,
  type SettingsForm,
} from '../../settings/register-settings';
import { useStatus } from '../../status/StatusProvider';
import { PosModal } from './PosModal';
import { ControlUnitSection, PrinterSection, SellingSection } from './SettingsSections';

/**
 * "Inställningar för kassan" (managers and admins): control unit, receipt printer, Swish number
 * and the cashiers' largest discount. The form is checked before anything is sent; only what
 * changed is sent, the register journals each change and its refusal is shown here. After a save
 * the status is asked for again (the control unit changes).
 */
export function SettingsDialog({
  onDone,
  onClose,
}: {
  /** Called with the confirmation to show on the sales screen. */
  onDone: (text: (t: Translate) => string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const api = useApi();
  const { refresh, reportError } = useStatus();
  const [stored, setStored] = useState<RegisterSettings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let open = true;
    api.settings().then(
      (settings) => {
        if (!open) return;
        setStored(settings);
        setForm(formFromSettings(settings));
      },
      (caught: unknown) => {
        if (!open) return;
        reportError(caught);
        setLoadError(caught);
      },
    );
    return () => {
      open = false;
    };
  }, [api, reportError]);

  function change(patch: Partial<SettingsForm>) {
    setForm((current) => (current === null ? current : { ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field as keyof SettingsForm];
      return next;
    });
  }

  async function save() {
    if (form === null || stored === null) return;
    const checked = settingsFromForm(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const changes = changedSettings(stored, checked.settings);
    if (Object.keys(changes).length === 0) {
      onDone((tr) => tr('settings.unchanged'));
      onClose();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.saveSettings(changes);
      await refresh();
      onDone((tr) => tr('settings.saved'));
      onClose();
    } catch (caught) {
      reportError(caught);
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <PosModal opened onClose={onClose} title={t('settings.title')} size={1040}>
      {form === null ? (
        loadError === null ? (
          <Center mih={200}>
            <Loader size="lg" aria-label={t('settings.loading')} />
          </Center>
        ) : (
          <ErrorPanel title={t('error.title')}>{errorText(loadError)}</ErrorPanel>
        )
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={2} spacing="xl">
            <ControlUnitSection form={form} errors={errors} onChange={change} />
            <PrinterSection form={form} errors={errors} onChange={change} />
          </SimpleGrid>
          <Divider />
          <SellingSection form={form} errors={errors} onChange={change} />
          <Text size="sm" fw={600} role="note">
            {t('settings.journalNote')}
          </Text>
          {error !== null && (
            <ErrorPanel title={t('settings.errorTitle')}>{errorText(error)}</ErrorPanel>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('sales.cancel')}
            </Button>
            <Button onClick={() => void save()} loading={saving}>
              {t('settings.save')}
            </Button>
          </Group>
        </Stack>
      )}
    </PosModal>
  );
}
