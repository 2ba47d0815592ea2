import { Banner } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useSlice, useStore } from '../state/context';

/**
 * The browser shell's WebSocket dropped: say so while it retries every 2 s. A page opened without
 * its token gets the way in instead, since retrying cannot help it.
 */
export function LinkBanner() {
  const { t } = useTranslation();
  const store = useStore();
  const state = useSlice(store.link, (l) => l.state);
  if (state === 'open') return null;
  return (
    <Banner status="danger" role="alert" screenReaderText={t('linkLostShort')}>
      {state === 'no-token' ? t('linkNoToken') : t('linkLost')}
    </Banner>
  );
}
