import { Button, Group } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';

export type Action =
  'park' | 'parked' | 'orderDiscount' | 'proForma' | 'receipts' | 'cash' | 'reports' | 'clear';

/** The bottom row: the sale's other steps, then receipts, the cash drawer and the reports. */
export function ActionBar({
  hasLines,
  parkedCount,
  onAction,
}: {
  hasLines: boolean;
  parkedCount: number;
  onAction: (action: Action) => void;
}) {
  const t = useT();
  const action = (name: Action, label: string, needsLines: boolean) => (
    <Button
      variant="default"
      className="action-button"
      disabled={needsLines && !hasLines}
      onClick={() => onAction(name)}
    >
      {label}
    </Button>
  );
  return (
    <Group
      component="nav"
      aria-label={t('actions.label')}
      className="action-bar"
      gap="xs"
      wrap="nowrap"
    >
      <div className="action-buttons">
        {action('park', t('actions.park'), true)}
        {action('parked', t('actions.parked', { count: parkedCount }), false)}
        {action('orderDiscount', t('actions.orderDiscount'), true)}
        {action('proForma', t('actions.proForma'), true)}
        {action('clear', t('actions.clear'), true)}
      </div>
      <div className="action-buttons action-buttons-end">
        {action('receipts', t('actions.receipts'), false)}
        {action('cash', t('actions.cash'), false)}
        {action('reports', t('actions.reports'), false)}
      </div>
    </Group>
  );
}
