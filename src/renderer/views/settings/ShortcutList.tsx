import { Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { keyLabel, SHORTCUTS } from '../../shortcuts/registry';

/** The keyboard shortcuts (shortcuts/registry.ts), as this platform writes them. */
export function ShortcutList() {
  const { t } = useTranslation('shortcuts');
  // Quit is the Electron menu's; a browser tab is closed by the browser.
  const shown = SHORTCUTS.filter((s) => !s.electronOnly || window.virtdeck !== undefined);
  return (
    <section className="vd-shortcut-list" aria-labelledby="vd-shortcuts-title">
      <Title headingLevel="h2" size="md" id="vd-shortcuts-title">
        {t('list.title')}
      </Title>
      <dl>
        {shown.map((s) => (
          <div key={s.id}>
            <dt>{t(s.label)}</dt>
            <dd>
              <kbd>{keyLabel(s)}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
