import { ActionIcon, Alert, Anchor, Button, Menu, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { queries, resources } from '../../api/queries';
import type { Terminal } from '@kassa/contracts';
import { useMe } from '../../auth/AuthProvider';
import { ListTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { NoticeAlert, type Notice } from '../../components/NoticeAlert';
import { PageHeader } from '../../components/PageHeader';
import { useApiData, useInvalidate } from '../../hooks/useApiData';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import { DeactivateTerminalModal } from './DeactivateTerminalModal';
import { InstallerModal } from './InstallerModal';
import { LicenceSummary } from './LicenceSummary';
import { RemoveBindingModal } from './RemoveBindingModal';
import { SyncCell, SyncOverviewCard } from './SyncHealth';
import { TerminalDrawer } from './TerminalDrawer';
import { TerminalFormModal } from './TerminalFormModal';
import {
  ActiveBadge,
  BindingText,
  LastContactText,
  MovedBadge,
  RegistrationBadge,
} from './TerminalParts';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; terminal: Terminal }
  | { kind: 'deactivate'; terminal: Terminal }
  | { kind: 'installer'; terminal: Terminal }
  | { kind: 'remove-binding'; terminal: Terminal };

/** Terminaler och kassor: the licence, the terminals, and (admins) their administration. */
export function TerminalsPage() {
  const t = useT();
  const api = useApi();
  const me = useMe();
  const isAdmin = me.user.role === 'admin';
  const { result, reload } = useApiData(queries.terminals);
  const invalidate = useInvalidate();
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  // What a terminal's change touches: the list and the licence's counts.
  const refresh = () => void invalidate(resources.terminals, resources.licence);
  const open = (next: Dialog) => {
    setNotice(null);
    setActionError(null);
    setDialog(next);
  };
  const done = (next: Notice) => {
    setDialog(null);
    setActionError(null);
    setNotice(() => next);
    refresh();
  };

  async function activate(terminal: Terminal) {
    setNotice(null);
    setActionError(null);
    try {
      await api.updateTerminal(terminal.id, { active: true });
      done((tr) => tr('terminals.success.activated', { name: terminal.name }));
    } catch (error) {
      setActionError(error);
      void invalidate(resources.licence);
    }
  }

  const terminals = result.status === 'ready' ? result.data : [];
  const shown = terminals.find((terminal) => terminal.id === detailsId);

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('terminals.title')}
        description={t('terminals.intro')}
        actions={
          isAdmin ? (
            <Button onClick={() => open({ kind: 'create' })}>{t('terminals.create')}</Button>
          ) : null
        }
      />

      <LicenceSummary />
      {result.status === 'ready' && <SyncOverviewCard terminals={result.data} />}

      {!isAdmin && (
        <Alert color="blue" variant="light">
          {t('terminals.readOnly')}
        </Alert>
      )}
      <NoticeAlert notice={notice} onClose={() => setNotice(null)} />
      {actionError !== null && <ErrorAlert error={actionError} />}

      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' &&
        (terminals.length === 0 ? (
          <Text c="dimmed">{isAdmin ? t('terminals.emptyAdmin') : t('terminals.empty')}</Text>
        ) : (
          <ListTable
            label={t('terminals.tableLabel')}
            minWidth={1000}
            verticalSpacing="sm"
            horizontalSpacing="xs"
            highlightOnHover
            fz="sm"
            columns={[
              { label: t('terminals.column.name') },
              { label: t('terminals.column.registerId') },
              { label: t('terminals.column.hardware'), w: 170 },
              { label: t('terminals.column.lastContact') },
              { label: t('terminals.column.sync'), w: 180 },
              { label: t('terminals.column.registration'), w: 150 },
              { label: t('terminals.column.status') },
              { label: t('terminals.column.actions'), w: 48, hidden: true },
            ]}
          >
            {terminals.map((terminal) => (
              <Table.Tr key={terminal.id} data-inactive={!terminal.active || undefined}>
                <Table.Th scope="row" fw={400}>
                  <Anchor
                    component="button"
                    type="button"
                    fw={600}
                    size="sm"
                    ta="left"
                    onClick={() => setDetailsId(terminal.id)}
                    title={t('terminals.openDetails', { name: terminal.name })}
                  >
                    {terminal.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {terminal.placeOfBusinessName}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {terminal.registerId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <BindingText terminal={terminal} />
                  <MovedBadge terminal={terminal} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LastContactText terminal={terminal} />
                  <Text size="xs" c="dimmed">
                    {t('terminals.versionShort', { version: terminal.programVersion })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SyncCell terminal={terminal} now={now} />
                </Table.Td>
                <Table.Td>
                  <RegistrationBadge terminal={terminal} />
                </Table.Td>
                <Table.Td>
                  <ActiveBadge active={terminal.active} />
                </Table.Td>
                <Table.Td ta="right">
                  {isAdmin ? (
                    <TerminalMenu
                      terminal={terminal}
                      onDetails={() => setDetailsId(terminal.id)}
                      onEdit={() => open({ kind: 'edit', terminal })}
                      onInstaller={() => open({ kind: 'installer', terminal })}
                      onRemoveBinding={() => open({ kind: 'remove-binding', terminal })}
                      onDeactivate={() => open({ kind: 'deactivate', terminal })}
                      onActivate={() => void activate(terminal)}
                    />
                  ) : (
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => setDetailsId(terminal.id)}
                      aria-label={t('terminals.openDetails', { name: terminal.name })}
                    >
                      {t('terminals.action.show')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        ))}

      {dialog?.kind === 'create' && (
        <TerminalFormModal
          onClose={() => setDialog(null)}
          onSaved={(terminal) => {
            done((tr) => tr('terminals.success.created', { name: terminal.name }));
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <TerminalFormModal
          terminal={dialog.terminal}
          onClose={() => setDialog(null)}
          onSaved={(terminal) =>
            done((tr) => tr('terminals.success.updated', { name: terminal.name }))
          }
        />
      )}
      {dialog?.kind === 'deactivate' && (
        <DeactivateTerminalModal
          terminal={dialog.terminal}
          onClose={() => setDialog(null)}
          onDeactivated={(terminal) =>
            done((tr) => tr('terminals.success.deactivated', { name: terminal.name }))
          }
        />
      )}
      {shown !== undefined && (
        <TerminalDrawer
          terminal={shown}
          canEdit={isAdmin}
          onClose={() => setDetailsId(null)}
          onRegistrationSaved={() => void invalidate(resources.terminals)}
          onSyncAcknowledged={(terminal) => {
            setNotice(
              () => (tr: Translate) => tr('sync.problem.acknowledged', { name: terminal.name }),
            );
            void invalidate(resources.terminals);
          }}
          onDownloadInstaller={() => open({ kind: 'installer', terminal: shown })}
          onRemoveBinding={() => open({ kind: 'remove-binding', terminal: shown })}
        />
      )}
      {/* After the drawer, so these dialogs open above it. */}
      {dialog?.kind === 'installer' && (
        <InstallerModal
          terminal={dialog.terminal}
          onClose={() => setDialog(null)}
          // The drawer reads the pairing-code status again.
          onDownloaded={() => void invalidate(resources.pairingCodes)}
        />
      )}
      {dialog?.kind === 'remove-binding' && (
        <RemoveBindingModal
          terminal={dialog.terminal}
          onClose={() => setDialog(null)}
          onRemoved={(terminal) => {
            setNotice(
              () => (tr: Translate) =>
                tr('terminals.success.bindingRemoved', { name: terminal.name }),
            );
            refresh();
          }}
          onDownloadInstaller={(terminal) => open({ kind: 'installer', terminal })}
        />
      )}
    </Stack>
  );
}

function TerminalMenu({
  terminal,
  onDetails,
  onEdit,
  onInstaller,
  onRemoveBinding,
  onDeactivate,
  onActivate,
}: {
  terminal: Terminal;
  onDetails: () => void;
  onEdit: () => void;
  onInstaller: () => void;
  onRemoveBinding: () => void;
  onDeactivate: () => void;
  onActivate: () => void;
}) {
  const t = useT();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="default"
          size="md"
          aria-label={t('terminals.actionsFor', { name: terminal.name })}
        >
          <span aria-hidden="true">⋯</span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onDetails}>{t('terminals.action.details')}</Menu.Item>
        <Menu.Item onClick={onEdit}>{t('terminals.action.edit')}</Menu.Item>
        <Menu.Item onClick={onInstaller}>{t('terminals.action.installer')}</Menu.Item>
        <Menu.Divider />
        {terminal.binding !== null && (
          <Menu.Item color="red" onClick={onRemoveBinding}>
            {t('terminals.action.removeBinding')}
          </Menu.Item>
        )}
        {terminal.active ? (
          <Menu.Item color="red" onClick={onDeactivate}>
            {t('terminals.action.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item onClick={onActivate}>{t('terminals.action.activate')}</Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
