import { SegmentedControl } from '@mantine/core';
import { useLanguage, useT } from '../i18n/I18nProvider';
import { isLanguage } from '../i18n/translate';

export function LanguageSwitch() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  return (
    <SegmentedControl
      size="xs"
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
