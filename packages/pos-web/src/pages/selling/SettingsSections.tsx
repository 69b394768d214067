import { Fieldset, Group, SegmentedControl, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import type {
  ControlUnitKind,
  PrinterKind,
  SettingsErrors,
  SettingsForm,
} from '../../settings/register-settings';

export interface SectionProps {
  form: SettingsForm;
  errors: SettingsErrors;
  onChange: (patch: Partial<SettingsForm>) => void;
}

const segmentStyles = {
  label: { minHeight: 48, display: 'flex', alignItems: 'center', justifyContent: 'center' },
};

/** A message key of the form's check as text, or nothing. */
function errorOf(t: Translate, errors: SettingsErrors, field: keyof SettingsForm) {
  const key = errors[field];
  return key === undefined ? undefined : t(key);
}

/** A fieldset named by its heading, so "Adress" and "Port" say whose they are. */
function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Title order={2} size="h4" mb={4}>
          {legend}
        </Title>
      }
      styles={{ root: { display: 'flex', flexDirection: 'column', gap: 10 } }}
    >
      {children}
    </Fieldset>
  );
}

/** Simulator, a unit on the network (host and port) or on a serial port. */
export function ControlUnitSection({ form, errors, onChange }: SectionProps) {
  const t = useT();
  const kind = form.controlUnitKind;
  return (
    <Section legend={t('settings.controlUnit')}>
      <Text
        size="sm"
        c={kind === 'simulator' ? 'orange.9' : 'dimmed'}
        fw={kind === 'simulator' ? 700 : 400}
      >
        {t('settings.controlUnitHelp')}
      </Text>
      <SegmentedControl
        aria-label={t('settings.controlUnitKind')}
        value={kind}
        onChange={(controlUnitKind: ControlUnitKind) => onChange({ controlUnitKind })}
        fullWidth
        styles={segmentStyles}
        data={[
          { value: 'simulator', label: t('settings.simulator') },
          { value: 'network', label: t('settings.network') },
          { value: 'serial', label: t('settings.serial') },
        ]}
      />
      {kind === 'network' && (
        <HostPort
          host={form.controlUnitHost}
          port={form.controlUnitPort}
          hostError={errorOf(t, errors, 'controlUnitHost')}
          portError={errorOf(t, errors, 'controlUnitPort')}
          hostPlaceholder="192.168.1.60"
          portPlaceholder="4001"
          onHost={(controlUnitHost) => onChange({ controlUnitHost })}
          onPort={(controlUnitPort) => onChange({ controlUnitPort })}
        />
      )}
      {kind === 'serial' && (
        <TextInput
          label={t('settings.serialPort')}
          placeholder={t('settings.serialPlaceholder')}
          value={form.controlUnitSerial}
          maxLength={200}
          spellCheck={false}
          onChange={(event) => onChange({ controlUnitSerial: event.currentTarget.value })}
          error={errorOf(t, errors, 'controlUnitSerial')}
        />
      )}
    </Section>
  );
}

/** No printer, a network printer (host and port, 9100) or a device. */
export function PrinterSection({ form, errors, onChange }: SectionProps) {
  const t = useT();
  const kind = form.printerKind;
  return (
    <Section legend={t('settings.printer')}>
      <Text size="sm" c="dimmed">
        {t('settings.printerHelp')}
      </Text>
      <SegmentedControl
        aria-label={t('settings.printerKind')}
        value={kind}
        onChange={(printerKind: PrinterKind) => onChange({ printerKind })}
        fullWidth
        styles={segmentStyles}
        data={[
          { value: 'none', label: t('settings.printerNone') },
          { value: 'network', label: t('settings.printerNetwork') },
          { value: 'device', label: t('settings.printerDevice') },
        ]}
      />
      {kind === 'none' && <Text size="sm">{t('settings.printerNoneNote')}</Text>}
      {kind === 'network' && (
        <HostPort
          host={form.printerHost}
          port={form.printerPort}
          hostError={errorOf(t, errors, 'printerHost')}
          portError={errorOf(t, errors, 'printerPort')}
          hostPlaceholder="192.168.1.50"
          portPlaceholder="9100"
          onHost={(printerHost) => onChange({ printerHost })}
          onPort={(printerPort) => onChange({ printerPort })}
        />
      )}
      {kind === 'device' && (
        <TextInput
          label={t('settings.device')}
          placeholder={'\\\\DATORN\\Kvittoskrivare'}
          value={form.printerDevice}
          maxLength={400}
          spellCheck={false}
          onChange={(event) => onChange({ printerDevice: event.currentTarget.value })}
          error={errorOf(t, errors, 'printerDevice')}
        />
      )}
    </Section>
  );
}

/** The Swish number and the cashiers' largest discount. */
export function SellingSection({ form, errors, onChange }: SectionProps) {
  const t = useT();
  return (
    <Group align="flex-start" grow gap="xl" data-section="selling">
      <TextInput
        label={t('settings.swish')}
        description={t('settings.swishHelp')}
        placeholder="123 456 78 90"
        inputMode="numeric"
        value={form.swishPayee}
        maxLength={20}
        onChange={(event) => onChange({ swishPayee: event.currentTarget.value })}
        error={errorOf(t, errors, 'swishPayee')}
      />
      <TextInput
        label={t('settings.maxDiscount')}
        description={t('settings.maxDiscountHelp')}
        inputMode="decimal"
        value={form.maxDiscount}
        maxLength={8}
        rightSection={<Text fw={700}>%</Text>}
        onChange={(event) => onChange({ maxDiscount: event.currentTarget.value })}
        error={errorOf(t, errors, 'maxDiscount')}
      />
    </Group>
  );
}

function HostPort(props: {
  host: string;
  port: string;
  hostError: string | undefined;
  portError: string | undefined;
  hostPlaceholder: string;
  portPlaceholder: string;
  onHost: (host: string) => void;
  onPort: (port: string) => void;
}) {
  const t = useT();
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label={t('settings.host')}
        placeholder={props.hostPlaceholder}
        value={props.host}
        maxLength={253}
        spellCheck={false}
        onChange={(event) => props.onHost(event.currentTarget.value)}
        error={props.hostError}
      />
      <TextInput
        w={130}
        label={t('settings.port')}
        placeholder={props.portPlaceholder}
        inputMode="numeric"
        value={props.port}
        maxLength={5}
        onChange={(event) => props.onPort(event.currentTarget.value)}
        error={props.portError}
      />
    </Group>
  );
}
