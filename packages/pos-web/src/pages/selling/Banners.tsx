import { Alert, Text } from '@mantine/core';
import type { ControlUnitState } from '@kassa/contracts';
import { useLanguage, useT } from '../../i18n/I18nProvider';

/** ÖVNINGSLÄGE: a striped orange band nobody can miss. */
export function TrainingBand() {
  const t = useT();
  return (
    <div className="training-band" role="status">
      <strong>{t('training.band')}</strong>
      <span>{t('training.bandText')}</span>
    </div>
  );
}

/** Earlier business days with sales and no Z report. */
export function ZPendingBanner({ days }: { days: string[] }) {
  const t = useT();
  return (
    <Alert color="yellow" variant="filled" className="banner" role="alert">
      <Text fw={700} c="black">
        {t('bar.zPending', { days: days.join(', ') })}
      </Text>
    </Alert>
  );
}

/**
 * Payment is blocked while the control unit does not answer: the register's own words (what to do,
 * including reporting to Skatteverket), or ours when it gave none.
 */
export function PaymentBlockedBanner({ controlUnit }: { controlUnit: ControlUnitState }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <Alert
      color="red"
      variant="light"
      className="banner banner-blocked"
      role="alert"
      title={t('blocked.title')}
      styles={{ title: { fontSize: 'var(--mantine-font-size-md)', marginBottom: 2 } }}
    >
      <Text c="black" size="sm" fw={600}>
        {controlUnit.problem === null ? t('blocked.advice') : controlUnit.problem[language]}
      </Text>
    </Alert>
  );
}
