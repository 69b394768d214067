import { Badge, Button, Group, Menu, Text, Title } from '@mantine/core';
import type { LocalSignedIn } from '@kassa/contracts';
import { useT } from '../../i18n/I18nProvider';

export function canManage(cashier: LocalSignedIn): boolean {
  return cashier.role === 'manager' || cashier.role === 'admin';
}

/**
 * The top of the sales screen: who is signed in, the business day, the menu with the training
 * switch and the register's settings, and "Logga ut". The control unit's state is in the status
 * bar at the bottom.
 */
export function SellingBar({
  cashier,
  businessDay,
  training,
  onTraining,
  onSettings,
  onSignOut,
  signingOut,
}: {
  cashier: LocalSignedIn;
  businessDay: string | undefined;
  training: boolean;
  onTraining: (on: boolean) => void;
  /** Opens "Inställningar för kassan" (managers and admins). */
  onSettings: () => void;
  onSignOut: () => void;
  signingOut: boolean;
}) {
  const t = useT();
  const manager = canManage(cashier);
  return (
    <Group
      component="section"
      aria-label={t('bar.label')}
      className="selling-bar"
      justify="space-between"
      gap="sm"
      wrap="nowrap"
    >
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={1} size="h4" lh={1.2} style={{ whiteSpace: 'nowrap' }}>
            {t('sales.signedInAs', { name: cashier.displayName })}
          </Title>
          <Badge size="lg" variant="outline" color="teal.9" tt="none" style={{ flex: 'none' }}>
            {t(`role.${cashier.role}`)}
          </Badge>
        </Group>
        {businessDay !== undefined && (
          <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
            {t('bar.businessDay', { day: businessDay })}
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
        <Menu position="bottom-end" shadow="md" width={320}>
          <Menu.Target>
            <Button variant="default">{t('bar.menu')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('bar.training')}</Menu.Label>
            <Menu.Item
              className="menu-item"
              disabled={!manager}
              onClick={() => onTraining(!training)}
            >
              {training ? t('bar.trainingOff') : t('bar.trainingOn')}
            </Menu.Item>
            {!manager && (
              <Text size="sm" px="sm" pb="xs">
                {t('bar.trainingManagerOnly')}
              </Text>
            )}
            <Menu.Divider />
            <Menu.Label>{t('bar.register')}</Menu.Label>
            <Menu.Item className="menu-item" disabled={!manager} onClick={onSettings}>
              {t('bar.settings')}
            </Menu.Item>
            {!manager && (
              <Text size="sm" px="sm" pb="xs">
                {t('bar.settingsManagerOnly')}
              </Text>
            )}
          </Menu.Dropdown>
        </Menu>
        <Button variant="outline" onClick={onSignOut} loading={signingOut}>
          {t('sales.signOut')}
        </Button>
      </Group>
    </Group>
  );
}
