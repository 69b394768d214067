import { Button, Menu } from '@mantine/core';
import type { ReactNode } from 'react';

/** A table row's actions: a small button named after the row, its menu items below it. */
export function RowActionsMenu({
  label,
  text,
  children,
}: {
  /** The button's accessible name ("Åtgärder för …"). */
  label: string;
  text: string;
  /** The Menu.Items. */
  children: ReactNode;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" aria-label={label}>
          {text}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
