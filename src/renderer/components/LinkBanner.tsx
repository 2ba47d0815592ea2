import { Banner } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useSlice, useStore } from '../state/context';

/** The browser shell's WebSocket dropped: say so while it retries every 2 s. */
export function LinkBanner() {
  const { t } = useTranslation();
  const store = useStore();
  const lost = useSlice(store.link, (l) => l.state === 'lost');
  if (!lost) return null;
  return (
    <Banner status="danger" role="alert" screenReaderText={t('linkLostShort')}>
      {t('linkLost')}
    </Banner>
  );
}
