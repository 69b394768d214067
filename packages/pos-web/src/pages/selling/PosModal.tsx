import { Modal, type ModalProps } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';

/**
 * Every dialog of the sales screen: a Mantine modal with a large title and a close button a finger
 * can hit (48 px), named in the user's language. Its title is the dialog's accessible name.
 */
export function PosModal({ children, size = 'lg', ...props }: ModalProps) {
  const t = useT();
  return (
    <Modal
      size={size}
      centered
      closeButtonProps={{
        'aria-label': t('sales.close'),
        style: { width: 48, height: 48, minWidth: 48, minHeight: 48 },
      }}
      styles={{
        title: { fontSize: 'var(--mantine-font-size-xl)', fontWeight: 800 },
        body: { paddingBottom: 'var(--mantine-spacing-lg)' },
      }}
      {...props}
    >
      {children}
    </Modal>
  );
}
