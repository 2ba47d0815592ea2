import { Alert, AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useSlice, useStore } from '../state/context';

const TIMEOUT_MS = 8000;

/** Errors stay until closed (they must never pass unseen); other toasts fade after 8 s. */
export function Toasts() {
  const { t } = useTranslation();
  const store = useStore();
  const notices = useSlice(store.notices);
  return (
    <AlertGroup isToast isLiveRegion aria-label={t('notifications')}>
      {notices.map((n) => (
        <Alert
          key={n.id}
          variant={n.variant}
          title={t(n.titleKey, n.params)}
          timeout={n.variant === 'danger' ? false : TIMEOUT_MS}
          onTimeout={() => store.dismissNotice(n.id)}
          actionClose={<AlertActionCloseButton onClose={() => store.dismissNotice(n.id)} />}
        >
          {n.message}
        </Alert>
      ))}
    </AlertGroup>
  );
}
