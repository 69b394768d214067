import { SegmentedControl } from '@mantine/core';
import { useLanguage, useT } from '../i18n/I18nProvider';
import { isLanguage } from '../i18n/translate';

export function LanguageSwitch() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
      styles={{ label: { minHeight: 48, display: 'flex', alignItems: 'center' } }}
      data={[
        { value: 'sv', label: <span title={t('language.sv')}>SV</span> },
        { value: 'en', label: <span title={t('language.en')}>EN</span> },
      ]}
    />
  );
}
