import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  DataList,
  Drawer,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { SkatteverketDetails, Terminal } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSubmit } from '../../hooks/useSubmit';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translate';
import {
  ActiveBadge,
  BindingText,
  LastContactText,
  RegistrationBadge,
  UnsyncedText,
} from './TerminalParts';
import {
  isRegistrationStatus,
  registrationBody,
  registrationForm,
  type RegistrationForm,
} from './terminalRules';

/** The Skatteverket fields in the order of the e-service, with their labels. */
const skatteverketFields: readonly { key: keyof SkatteverketDetails; label: PlainMessageKey }[] = [
  { key: 'companyName', label: 'skatteverket.companyName' },
  { key: 'organisationNumber', label: 'skatteverket.organisationNumber' },
  { key: 'addressOfUse', label: 'skatteverket.addressOfUse' },
  { key: 'registerId', label: 'skatteverket.registerId' },
  { key: 'modelDesignation', label: 'skatteverket.modelDesignation' },
  { key: 'programVersion', label: 'skatteverket.programVersion' },
  { key: 'serialNumber', label: 'skatteverket.serialNumber' },
  { key: 'controlUnitSerial', label: 'skatteverket.controlUnitSerial' },
];

/** One terminal: overview, the Skatteverket details to copy, and (admins) its registration. */
export function TerminalDrawer({
  terminal,
  canEdit,
  onClose,
  onRegistrationSaved,
}: {
  terminal: Terminal;
  canEdit: boolean;
  onClose: () => void;
  onRegistrationSaved: (terminal: Terminal) => void;
}) {
  const t = useT();
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={terminal.name}
      styles={{ title: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 700 } }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="lg">
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('terminals.column.registerId')}
          </Text>
          <Badge variant="outline" color="gray" radius="sm" ff="monospace">
            {terminal.registerId}
          </Badge>
          <ActiveBadge active={terminal.active} />
        </Group>
        {terminal.warnings.includes('not-registered') && (
          <Alert color="orange" variant="light" title={t('terminals.warning.notRegistered')}>
            {t('terminals.warning.notRegisteredBody')}
          </Alert>
        )}
        <Overview terminal={terminal} />
        <SkatteverketPanel details={terminal.skatteverket} />
        <RegistrationPanel
          key={terminal.id}
          terminal={terminal}
          canEdit={canEdit}
          onSaved={onRegistrationSaved}
        />
      </Stack>
    </Drawer>
  );
}

function Overview({ terminal }: { terminal: Terminal }) {
  const t = useT();
  return (
    <Card
      component="section"
      withBorder
      radius="md"
      padding="lg"
      aria-labelledby="terminal-overview"
    >
      <Title order={3} size="h4" id="terminal-overview" mb="sm">
        {t('terminals.details.overview')}
      </Title>
      <DataList labelWidth={270} withDivider>
        <Item label={t('terminals.column.place')}>{terminal.placeOfBusinessName}</Item>
        <Item label={t('terminals.column.hardware')}>
          <BindingText terminal={terminal} />
        </Item>
        <Item label={t('terminals.column.lastContact')}>
          <LastContactText terminal={terminal} />
        </Item>
        <Item label={t('terminals.column.version')}>{terminal.programVersion}</Item>
        <Item label={t('terminals.column.unsynced')}>
          <UnsyncedText terminal={terminal} />
        </Item>
        <Item label={t('terminals.column.registration')}>
          <RegistrationBadge terminal={terminal} />
        </Item>
        <Item label={t('terminals.details.createdAt')}>{formatDateTime(terminal.createdAt)}</Item>
      </DataList>
    </Card>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

function SkatteverketPanel({ details }: { details: SkatteverketDetails }) {
  const t = useT();
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="skatteverket">
      <Title order={3} size="h4" id="skatteverket">
        {t('skatteverket.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {t('skatteverket.intro')}
      </Text>
      <DataList labelWidth={270} withDivider>
        {skatteverketFields.map(({ key, label }) => (
          <CopyRow key={key} label={t(label)} value={details[key]} />
        ))}
      </DataList>
    </Card>
  );
}

function CopyRow({ label, value }: { label: string; value: string | null }) {
  const t = useT();
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ flex: 1 }}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          {value === null ? (
            <Text size="sm" c="dimmed" style={{ flex: 1 }}>
              {t('skatteverket.notSet')}
            </Text>
          ) : (
            <Text size="sm" ff="monospace" style={{ flex: 1, wordBreak: 'break-word' }}>
              {value}
            </Text>
          )}
          {value !== null && (
            <CopyButton value={value} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  size="compact-xs"
                  variant={copied ? 'filled' : 'light'}
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label={t('skatteverket.copy', { field: label })}
                  miw={76}
                >
                  {copied ? t('skatteverket.copied') : t('skatteverket.copyShort')}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function RegistrationPanel({
  terminal,
  canEdit,
  onSaved,
}: {
  terminal: Terminal;
  canEdit: boolean;
  onSaved: (terminal: Terminal) => void;
}) {
  const t = useT();
  const api = useApi();
  const { submitting, error, run } = useSubmit();
  const [form, setForm] = useState<RegistrationForm>(() => registrationForm(terminal.registration));
  const [saved, setSaved] = useState(false);

  const change = <K extends keyof RegistrationForm>(field: K, value: RegistrationForm[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [field]: value }));
  };

  const submit = () =>
    run(async () => {
      const updated = await api.setTerminalRegistration(terminal.id, registrationBody(form));
      setForm(registrationForm(updated.registration));
      setSaved(true);
      onSaved(updated);
    });

  const statusOptions = [
    { value: 'unregistered', label: t('registration.status.unregistered') },
    { value: 'registered', label: t('registration.status.registered') },
  ];

  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="registration">
      <Title order={3} size="h4" id="registration">
        {t('registration.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {canEdit ? t('registration.intro') : t('registration.readOnly')}
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {error !== null && <ErrorAlert error={error} />}
          {saved && (
            <Alert color="teal" variant="light" role="status">
              {t('registration.saved')}
            </Alert>
          )}
          <TextInput
            label={t('registration.controlUnitSerial')}
            description={t('registration.controlUnitSerialHint')}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            readOnly={!canEdit}
            value={form.controlUnitSerial}
            onChange={(event) => change('controlUnitSerial', event.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('registration.status')}
              data={statusOptions}
              disabled={!canEdit}
              value={form.status}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isRegistrationStatus(value)) change('status', value);
              }}
            />
            <TextInput
              type="date"
              label={t('registration.registeredOn')}
              readOnly={!canEdit}
              value={form.registeredOn}
              onChange={(event) => change('registeredOn', event.currentTarget.value)}
            />
          </Group>
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={submitting}>
                {t('registration.submit')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
