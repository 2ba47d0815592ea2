import {
  Masthead,
  MastheadBrand,
  MastheadLogo,
  MastheadMain,
  Page,
  PageSection,
  Spinner,
} from '@patternfly/react-core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplyTheme } from './appearance/theme';
import { LinkBanner } from './components/LinkBanner';
import { Toasts } from './components/Toasts';
import { applyLanguage } from './i18n/i18n';
import { useJobNotifications } from './notifications/jobNotifications';
import { KeyboardProvider } from './shortcuts/KeyboardProvider';
import { systemLanguage } from './i18n/systemLanguage';
import { useClient, useSlice, useStore } from './state/context';
import { useRoute } from './useRoute';
import { AddConnectionModal } from './views/connections/AddConnectionModal';
import { FirstRun } from './views/connections/FirstRun';
import { HostPage } from './views/host/HostPage';
import { HostKeyChangedDialog } from './views/connections/HostKeyChangedDialog';
import { PromptDialog } from './views/connections/PromptDialog';
import { ConsolePage } from './views/console/lazy';
import { saveSettings } from './views/settings/saveSettings';
import { SettingsModal } from './views/settings/SettingsModal';
import { VmPage } from './views/vm/VmPage';
import { VmListView } from './views/vm-list/VmListView';

export function App() {
  const { t } = useTranslation();
  const store = useStore();
  const client = useClient();
  const loaded = useSlice(store.link, (l) => l.loaded);
  const language = useSlice(store.settings, (s) => s?.language);
  useApplyTheme(useSlice(store.settings, (s) => s?.theme ?? 'system'));
  useJobNotifications();
  const languageChosen = useSlice(store.settings, (s) => s?.languageChosen);
  const hasConnections = useSlice(store.connections, (list) => list.length > 0);
  const route = useRoute();
  const [adding, setAdding] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);

  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  // The first start speaks the system's language, and saves it so that it sticks. Once per run:
  // a failed save (its notice shown) is not retried in a loop.
  const systemLanguageSaved = useRef(false);
  useEffect(() => {
    if (languageChosen !== false || systemLanguageSaved.current) return;
    systemLanguageSaved.current = true;
    saveSettings(client, store, { language: systemLanguage(navigator.languages) });
  }, [languageChosen, client, store]);

  const openAdd = () => setAdding(true);
  const openSettings = () => setSettingsOpen(true);

  let content;
  if (!loaded) {
    content = (
      <PageSection isFilled className="vd-loading">
        <Spinner aria-label={t('loading')} />
      </PageSection>
    );
  } else if (route.page === 'vm') {
    content = <VmPage connectionId={route.connectionId} uuid={route.uuid} />;
  } else if (route.page === 'host') {
    content = <HostPage connectionId={route.connectionId} tab={route.tab} />;
  } else if (route.page === 'console') {
    content = <ConsolePage connectionId={route.connectionId} uuid={route.uuid} />;
  } else if (!hasConnections) {
    content = <FirstRun onAddConnection={openAdd} onSettings={openSettings} />;
  } else {
    content = <VmListView onAddConnection={openAdd} onSettings={openSettings} />;
  }

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <MastheadLogo component="span" className="vd-brand">
            {t('appName')}
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
    </Masthead>
  );

  return (
    <Page masthead={masthead} banner={<LinkBanner />} mainAriaLabel={t('mainLabel')}>
      <KeyboardProvider>{content}</KeyboardProvider>
      {adding && <AddConnectionModal onClose={() => setAdding(false)} />}
      {settingsOpen && <SettingsModal onClose={() => setSettingsOpen(false)} />}
      <PromptDialog />
      <HostKeyChangedDialog />
      <Toasts />
    </Page>
  );
}
