import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useAuth, useMe } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { useLicensedModules } from '../licence/LicenceProvider';
import { visibleRoutes } from '../router/access';
import { linkProps } from '../router/router';
import { routes, type RouteDefinition } from '../router/routes';
import { Brand } from '@kassa/web-kit';
import { LanguageSwitch } from '@kassa/web-kit';

export function AppLayout({
  current,
  children,
}: {
  current: RouteDefinition | undefined;
  children: ReactNode;
}) {
  const t = useT();
  const { user, environment } = useMe();
  const { signOut } = useAuth();
  const [navOpened, nav] = useDisclosure(false);
  const menu = visibleRoutes(routes, user.role, useLicensedModules());

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
            />
            <Brand badge={t('app.backoffice')} />
            <Text fw={600} visibleFrom="md" truncate data-testid="company-name">
              {environment.companyName}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end" visibleFrom="sm">
              <Text size="sm" fw={600} lh={1.3}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.3}>
                {user.username} · {t(`role.${user.role}`)}
              </Text>
            </Stack>
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {menu.map((route) => (
            <NavLink
              key={route.page}
              component="a"
              {...linkProps(route.path, nav.close)}
              label={t(route.label)}
              active={route === current}
              aria-current={route === current ? 'page' : undefined}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="md" pt="sm">
          <Text size="xs" c="dimmed" px="sm">
            {environment.companyName}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">{children}</AppShell.Main>
    </AppShell>
  );
}
