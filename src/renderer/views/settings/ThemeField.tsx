import { FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { THEMES, type Theme } from '../../../shared/api/types';
import { useSlice, useStore } from '../../state/context';

/** Light, dark, or as the system says (followed live: appearance/theme.ts). */
export function ThemeField({ onChange }: { onChange(theme: Theme): void }) {
  const { t } = useTranslation('appearance');
  const store = useStore();
  const theme = useSlice(store.settings, (s) => s?.theme ?? 'system');
  return (
    <FormGroup label={t('theme')} fieldId="vd-settings-theme">
      <FormSelect
        id="vd-settings-theme"
        value={theme}
        onChange={(_e, value) => {
          const picked = THEMES.find((choice) => choice === value);
          if (picked) onChange(picked);
        }}
      >
        {THEMES.map((choice) => (
          <FormSelectOption key={choice} value={choice} label={t(`themes.${choice}`)} />
        ))}
      </FormSelect>
    </FormGroup>
  );
}
