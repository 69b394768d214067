import { Alert, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { queries, resources } from '../../api/queries';
import type { User } from '@kassa/contracts';
import { useMe } from '../../auth/AuthProvider';
import { ListTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { NoticeAlert, type Notice } from '../../components/NoticeAlert';
import { PageHeader } from '../../components/PageHeader';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { useApiDataAll, useInvalidate } from '../../hooks/useApiData';
import { useT } from '../../i18n/I18nProvider';
import { ChangeRoleModal } from './ChangeRoleModal';
import { CreateUserModal } from './CreateUserModal';
import { DeactivateUserModal } from './DeactivateUserModal';
import { ChooseTerminalsModal } from './ChooseTerminalsModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { roleLabel } from './roleOptions';
import { SetPinModal } from './SetPinModal';
import { terminalNames } from './terminalLabels';

type Dialog =
  | { kind: 'create' }
  | { kind: 'role'; user: User }
  | { kind: 'password'; user: User }
  | { kind: 'deactivate'; user: User }
  | { kind: 'pin'; user: User }
  | { kind: 'terminals'; user: User };

export function UsersPage() {
  const t = useT();
  const me = useMe();
  return (
    <Stack gap="lg">
      <PageHeader title={t('users.title')} description={t('users.intro')} />
      {me.user.role === 'admin' ? (
        <UserAdministration currentUserId={me.user.id} />
      ) : (
        <Alert color="yellow" variant="light">
          {t('users.adminOnly')}
        </Alert>
      )}
    </Stack>
  );
}

function UserAdministration({ currentUserId }: { currentUserId: string }) {
  const t = useT();
  const api = useApi();
  const { result, reload } = useApiDataAll({ users: queries.users, terminals: queries.terminals });
  const invalidate = useInvalidate();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const closeDialog = () => setDialog(null);
  const done = (next: Notice) => {
    setDialog(null);
    setActionError(null);
    setNotice(() => next);
    void invalidate(resources.users);
  };

  async function activate(user: User) {
    setNotice(null);
    setActionError(null);
    try {
      await api.updateUser(user.id, { active: true });
      done((tr) => tr('users.success.activated', { username: user.username }));
    } catch (error) {
      setActionError(error);
    }
  }

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button
          onClick={() => {
            setNotice(null);
            setDialog({ kind: 'create' });
          }}
        >
          {t('users.create')}
        </Button>
      </Group>

      <NoticeAlert notice={notice} onClose={() => setNotice(null)} />
      {actionError !== null && <ErrorAlert error={actionError} />}

      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' &&
        (result.data.users.length === 0 ? (
          <Text c="dimmed">{t('users.empty')}</Text>
        ) : (
          <ListTable
            label={t('users.tableLabel')}
            minWidth={860}
            verticalSpacing="sm"
            horizontalSpacing="md"
            highlightOnHover
            columns={[
              { label: t('users.column.username') },
              { label: t('users.column.displayName') },
              { label: t('users.column.role') },
              { label: t('users.column.pin') },
              { label: t('users.column.terminals') },
              { label: t('users.column.status') },
              { label: t('users.column.actions'), hidden: true },
            ]}
          >
            {result.data.users.map((user) => {
              const isSelf = user.id === currentUserId;
              const isCashier = user.role === 'cashier';
              return (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {user.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>{user.displayName}</Table.Td>
                  <Table.Td>{roleLabel(t, user.role)}</Table.Td>
                  <Table.Td>
                    {isCashier ? <PinBadge hasPin={user.hasPin} /> : <NotApplicable />}
                  </Table.Td>
                  <Table.Td>
                    {isCashier ? (
                      <TerminalList
                        names={terminalNames(t, user.terminalIds, result.data.terminals)}
                      />
                    ) : (
                      <NotApplicable />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                      {user.active ? t('users.status.active') : t('users.status.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <RowActionsMenu
                      label={t('users.actionsFor', { username: user.username })}
                      text={t('users.column.actions')}
                    >
                      <Menu.Item
                        disabled={isSelf}
                        onClick={() => {
                          setNotice(null);
                          setDialog({ kind: 'role', user });
                        }}
                      >
                        {t('users.action.changeRole')}
                      </Menu.Item>
                      <Menu.Item
                        onClick={() => {
                          setNotice(null);
                          setDialog({ kind: 'password', user });
                        }}
                      >
                        {t('users.action.resetPassword')}
                      </Menu.Item>
                      {isCashier && (
                        <>
                          <Menu.Item
                            onClick={() => {
                              setNotice(null);
                              setDialog({ kind: 'pin', user });
                            }}
                          >
                            {t('users.action.setPin')}
                          </Menu.Item>
                          <Menu.Item
                            onClick={() => {
                              setNotice(null);
                              setDialog({ kind: 'terminals', user });
                            }}
                          >
                            {t('users.action.chooseTerminals')}
                          </Menu.Item>
                        </>
                      )}
                      {user.active ? (
                        <Menu.Item
                          color="red"
                          disabled={isSelf}
                          onClick={() => {
                            setNotice(null);
                            setDialog({ kind: 'deactivate', user });
                          }}
                        >
                          {t('users.action.deactivate')}
                        </Menu.Item>
                      ) : (
                        <Menu.Item onClick={() => void activate(user)}>
                          {t('users.action.activate')}
                        </Menu.Item>
                      )}
                    </RowActionsMenu>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ListTable>
        ))}

      {dialog?.kind === 'create' && (
        <CreateUserModal
          onClose={closeDialog}
          onCreated={(user) =>
            done((tr) => tr('users.success.created', { username: user.username }))
          }
        />
      )}
      {dialog?.kind === 'role' && (
        <ChangeRoleModal
          user={dialog.user}
          onClose={closeDialog}
          onChanged={(user) =>
            done((tr) =>
              tr('users.success.roleChanged', {
                username: user.username,
                role: roleLabel(tr, user.role),
              }),
            )
          }
        />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={closeDialog}
          onReset={() =>
            done((tr) => tr('users.success.passwordReset', { username: dialog.user.username }))
          }
        />
      )}
      {dialog?.kind === 'deactivate' && (
        <DeactivateUserModal
          user={dialog.user}
          onClose={closeDialog}
          onDeactivated={(user) =>
            done((tr) => tr('users.success.deactivated', { username: user.username }))
          }
        />
      )}
      {dialog?.kind === 'pin' && (
        <SetPinModal
          user={dialog.user}
          onClose={closeDialog}
          onSet={() => done((tr) => tr('users.success.pinSet', { username: dialog.user.username }))}
        />
      )}
      {dialog?.kind === 'terminals' && result.status === 'ready' && (
        <ChooseTerminalsModal
          user={dialog.user}
          terminals={result.data.terminals}
          onClose={closeDialog}
          onSaved={(user) =>
            done((tr) => tr('users.success.terminalsSet', { username: user.username }))
          }
        />
      )}
    </Stack>
  );
}

function PinBadge({ hasPin }: { hasPin: boolean }) {
  const t = useT();
  return (
    <Badge color={hasPin ? 'teal' : 'gray'} variant={hasPin ? 'light' : 'outline'} radius="sm">
      {hasPin ? t('users.pin.set') : t('users.pin.none')}
    </Badge>
  );
}

function TerminalList({ names }: { names: string[] }) {
  const t = useT();
  if (names.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('users.terminals.none')}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      {names.map((name) => (
        <Text key={name} size="sm">
          {name}
        </Text>
      ))}
    </Stack>
  );
}

function NotApplicable() {
  const t = useT();
  return (
    <Text size="sm" c="dimmed" aria-label={t('users.notApplicable')}>
      {t('common.dash')}
    </Text>
  );
}
