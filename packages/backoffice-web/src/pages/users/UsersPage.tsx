import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { BackofficeApi } from '../../api/backoffice-api';
import type { User } from '../../api/types';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useApiData } from '../../hooks/useApiData';
import { useT } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/translate';
import { ChangeRoleModal } from './ChangeRoleModal';
import { CreateUserModal } from './CreateUserModal';
import { DeactivateUserModal } from './DeactivateUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';
import { roleLabel } from './roleOptions';

const loadUsers = (api: BackofficeApi) => api.listUsers();

type Dialog =
  | { kind: 'create' }
  | { kind: 'role'; user: User }
  | { kind: 'password'; user: User }
  | { kind: 'deactivate'; user: User };

/** A confirmation, kept as a function so it follows a language switch. */
type Notice = (t: Translate) => string;

export function UsersPage() {
  const t = useT();
  const me = useMe();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('users.title')}</Title>
        <Text c="dimmed" mt={4}>
          {t('users.intro')}
        </Text>
      </div>
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
  const { result, reload } = useApiData(loadUsers);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const closeDialog = () => setDialog(null);
  const done = (next: Notice) => {
    setDialog(null);
    setActionError(null);
    setNotice(() => next);
    reload();
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

      {notice && (
        <Alert
          color="teal"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
        >
          {notice(t)}
        </Alert>
      )}
      {actionError !== null && <ErrorAlert error={actionError} />}

      {result.status === 'loading' && <Loading />}
      {result.status === 'error' && <ErrorAlert error={result.error} onRetry={reload} />}
      {result.status === 'ready' &&
        (result.data.length === 0 ? (
          <Text c="dimmed">{t('users.empty')}</Text>
        ) : (
          <Card withBorder radius="md" padding={0}>
            <Table.ScrollContainer minWidth={640} type="native">
              <Table
                aria-label={t('users.tableLabel')}
                verticalSpacing="sm"
                horizontalSpacing="md"
                highlightOnHover
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('users.column.username')}</Table.Th>
                    <Table.Th scope="col">{t('users.column.displayName')}</Table.Th>
                    <Table.Th scope="col">{t('users.column.role')}</Table.Th>
                    <Table.Th scope="col">{t('users.column.status')}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>{t('users.column.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.data.map((user) => {
                    const isSelf = user.id === currentUserId;
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
                          <Badge color={user.active ? 'teal' : 'gray'} variant="light">
                            {user.active ? t('users.status.active') : t('users.status.inactive')}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Button
                                variant="default"
                                size="xs"
                                aria-label={t('users.actionsFor', { username: user.username })}
                              >
                                {t('users.column.actions')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
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
                            </Menu.Dropdown>
                          </Menu>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
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
    </Stack>
  );
}
