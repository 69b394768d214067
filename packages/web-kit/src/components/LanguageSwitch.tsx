import { SegmentedControl } from '@mantine/core';
import { useKitT, useLanguage } from '../i18n/i18n';
import { isLanguage } from '../i18n/translate';

/**
 * SV | EN. `touch` makes each choice 48 px high, for a finger on the till; the backoffice uses the
 * small size.
 */
export function LanguageSwitch({ touch = false }: { touch?: boolean }) {
  const t = useKitT();
  const [language, setLanguage] = useLanguage();
  return (
    <SegmentedControl
      {...(touch
        ? { styles: { label: { minHeight: 48, display: 'flex', alignItems: 'center' } } }
        : { size: 'xs' })}
      aria-label={t('language.label')}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
      data={[
        { value: 'sv', label: <span title={t('language.sv')}>SV</span> },
        { value: 'en', label: <span title={t('language.en')}>EN</span> },
      ]}
    />
  );
}
