import {
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  DataList,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import { useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import { useApi } from '../../api/ApiProvider';
import { queries } from '../../api/queries';
import {
  terminalRegistrationBodySchema,
  type SkatteverketDetails,
  type Terminal,
} from '@kassa/contracts';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useApiData } from '../../hooks/useApiData';
import { useSchemaForm } from '../../hooks/useSchemaForm';
import { useSubmit } from '../../hooks/useSubmit';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/I18nProvider';
import type { PlainMessageKey } from '../../i18n/translate';
import { SyncPanel } from './SyncHealth';
import { ActiveBadge, BindingText, RegistrationBadge } from './TerminalParts';
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

/**
 * One terminal: the move checklist (after a PC replacement), overview, (admins) connection and
 * installation, the Skatteverket details to copy, and (admins) its registration.
 */
export function TerminalDrawer({
  terminal,
  canEdit,
  onClose,
  onRegistrationSaved,
  onSyncAcknowledged,
  onDownloadInstaller,
  onRemoveBinding,
}: {
  terminal: Terminal;
  canEdit: boolean;
  onClose: () => void;
  onRegistrationSaved: (terminal: Terminal) => void;
  onSyncAcknowledged: (terminal: Terminal) => void;
  onDownloadInstaller: () => void;
  onRemoveBinding: () => void;
}) {
  const t = useT();
  const skatteverketHeading = useRef<HTMLHeadingElement>(null);
  // A flagged problem or a silent register comes first; otherwise sync follows the overview.
  const syncNeedsAttention = terminal.sync.problem !== null || terminal.warnings.includes('silent');
  const sync = (
    <SyncPanel terminal={terminal} canAcknowledge={canEdit} onAcknowledged={onSyncAcknowledged} />
  );
  return (
    <DetailDrawer title={terminal.name} onClose={onClose}>
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
        {terminal.movedToNewPc !== null && (
          <MoveChecklist
            fromPcName={terminal.movedToNewPc.fromPcName}
            at={terminal.movedToNewPc.at}
            skatteverketHeading={skatteverketHeading}
          />
        )}
        {terminal.warnings.includes('not-registered') && (
          <Alert color="orange" variant="light" title={t('terminals.warning.notRegistered')}>
            {t('terminals.warning.notRegisteredBody')}
          </Alert>
        )}
        {syncNeedsAttention && sync}
        <Overview terminal={terminal} />
        {!syncNeedsAttention && sync}
        {canEdit && (
          <ConnectionPanel
            key={terminal.id}
            terminal={terminal}
            onDownloadInstaller={onDownloadInstaller}
            onRemoveBinding={onRemoveBinding}
          />
        )}
        <SkatteverketPanel details={terminal.skatteverket} headingRef={skatteverketHeading} />
        <RegistrationPanel
          key={terminal.id}
          terminal={terminal}
          canEdit={canEdit}
          onSaved={onRegistrationSaved}
        />
      </Stack>
    </DetailDrawer>
  );
}

/**
 * After a move to another PC: Skatteverket's ID stickers follow the register, a replaced control
 * unit is reported within two weeks, and the registration details are checked.
 */
function MoveChecklist({
  fromPcName,
  at,
  skatteverketHeading,
}: {
  fromPcName: string;
  at: string;
  skatteverketHeading: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useT();
  const reduceMotion = useReducedMotion();
  const showSkatteverket = () => {
    const heading = skatteverketHeading.current;
    if (heading === null) return;
    // The drawer's header is sticky: keep the heading below it, whatever the title's height.
    const header = heading
      .closest('.mantine-Drawer-content')
      ?.querySelector('.mantine-Drawer-header');
    const headerHeight = header instanceof HTMLElement ? header.offsetHeight : 0;
    heading.style.setProperty('scroll-margin-top', `${headerHeight + 16}px`);
    heading.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
    heading.focus({ preventScroll: true });
  };
  return (
    <Alert
      component="section"
      color="orange"
      variant="light"
      radius="md"
      // A region named by its title (Mantine labels it by the title), not an alert: it stays.
      role="region"
      title={t('moved.title')}
      icon={<span aria-hidden="true">⇄</span>}
    >
      <Stack gap="sm">
        <Text size="sm">{t('moved.intro', { time: formatDateTime(at), fromPcName })}</Text>
        <List type="ordered" spacing={6} size="sm">
          <List.Item>{t('moved.stickers', { fromPcName })}</List.Item>
          <List.Item>{t('moved.controlUnit')}</List.Item>
          <List.Item>{t('moved.checkRegistration')}</List.Item>
        </List>
        <Button
          size="xs"
          variant="white"
          color="orange"
          w="fit-content"
          onClick={showSkatteverket}
          rightSection={<span aria-hidden="true">↓</span>}
        >
          {t('moved.showSkatteverket')}
        </Button>
      </Stack>
    </Alert>
  );
}

/** Admins: whether a pairing code is waiting to be used, the installer, releasing the binding. */
function ConnectionPanel({
  terminal,
  onDownloadInstaller,
  onRemoveBinding,
}: {
  terminal: Terminal;
  onDownloadInstaller: () => void;
  onRemoveBinding: () => void;
}) {
  const t = useT();
  const { result, reload } = useApiData(queries.pairingCode(terminal.id));
  const bound = terminal.binding !== null;
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="connection">
      <Title order={3} size="h4" id="connection" mb="sm">
        {t('connection.title')}
      </Title>
      <Stack gap="sm">
        {result.status === 'loading' && <Loading />}
        {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
        {result.status === 'ready' &&
          (result.data === null ? (
            <Text size="sm" data-pairing-code="none">
              {t('connection.codeNone')}{' '}
              {!bound && (
                <Text span size="sm" c="dimmed">
                  {t('connection.codeHint')}
                </Text>
              )}
            </Text>
          ) : (
            <Text size="sm" fw={500} data-pairing-code="valid">
              {t('connection.codeValid', { time: formatDateTime(result.data.expiresAt) })}
            </Text>
          ))}
        <Group gap="sm">
          <Button variant={bound ? 'default' : 'filled'} onClick={onDownloadInstaller}>
            {t('terminals.action.installer')}
          </Button>
          {bound && (
            <Button variant="outline" color="red" onClick={onRemoveBinding}>
              {t('terminals.action.removeBinding')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
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

function SkatteverketPanel({
  details,
  headingRef,
}: {
  details: SkatteverketDetails;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useT();
  return (
    <Card component="section" withBorder radius="md" padding="lg" aria-labelledby="skatteverket">
      <Title
        order={3}
        size="h4"
        id="skatteverket"
        ref={headingRef}
        tabIndex={-1}
        style={{ outlineOffset: 4 }}
      >
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
  // The fields piped into the body the server parses (empty fields become null).
  const { form, fieldError } = useSchemaForm<RegistrationForm>(
    terminalRegistrationBodySchema,
    registrationForm(terminal.registration),
    { bodyOf: registrationBody },
  );
  const [saved, setSaved] = useState(false);

  const change: typeof form.setFieldValue = (field, value) => {
    setSaved(false);
    form.setFieldValue(field, value);
  };

  const submit = form.onSubmit((values) =>
    run(async () => {
      const updated = await api.setTerminalRegistration(terminal.id, registrationBody(values));
      form.setValues(registrationForm(updated.registration));
      setSaved(true);
      onSaved(updated);
    }),
  );

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
      <form noValidate onSubmit={submit}>
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
            value={form.values.controlUnitSerial}
            error={fieldError('controlUnitSerial')}
            onChange={(event) => change('controlUnitSerial', event.currentTarget.value)}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('registration.status')}
              data={statusOptions}
              disabled={!canEdit}
              value={form.values.status}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isRegistrationStatus(value)) change('status', value);
              }}
            />
            <TextInput
              type="date"
              label={t('registration.registeredOn')}
              readOnly={!canEdit}
              value={form.values.registeredOn}
              error={fieldError('registeredOn')}
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
