import { Alert, Checkbox } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

/**
 * Said on every page whose figures include receipts signed by a simulated control unit: they are
 * journaled and reported like real ones but are not valid for accounting (SKVFS 2014:9 wants a
 * certified control unit). Renders nothing when there are none.
 */
export function SimulatedNotice({ count }: { count: number | undefined }) {
  const t = useT();
  if (count === undefined || count <= 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('simulated.title')}
      data-testid="simulated-notice"
    >
      {t('simulated.notice', { count })}
    </Alert>
  );
}

/**
 * "Ta med kvitton från en simulerad kontrollenhet": the exports (SIE, Z and sales CSV) leave
 * those receipts out unless this is ticked, since they are not valid for accounting.
 */
export function IncludeSimulated({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useT();
  return (
    <Checkbox
      label={t('simulated.include')}
      description={t('simulated.includeHelp')}
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}
