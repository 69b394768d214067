import { Button, Group, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

/** What an app's confirmation dialog is given; `onConfirm` resolves with the app's own result. */
export interface ConfirmDialogProps<Result> {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<Result>;
  onClose: () => void;
}

/**
 * The two buttons that end an "are you sure?" dialog: Cancel, which has the focus (Enter does not
 * confirm a drastic step by accident), and the red action.
 */
export function ConfirmActions({
  cancelLabel,
  confirmLabel,
  onCancel,
  onConfirm,
  working,
  color = 'red',
}: {
  cancelLabel: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
  working: boolean;
  color?: MantineColor;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} data-autofocus>
        {cancelLabel}
      </Button>
      <Button color={color} loading={working} onClick={onConfirm}>
        {confirmLabel}
      </Button>
    </Group>
  );
}
