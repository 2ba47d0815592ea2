import { Button } from '@patternfly/react-core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';

/**
 * "Forget password" in a connection's actions, shown only when the connection has a remembered
 * password or passphrase (credentials.list, one query shared by every row).
 */
export function ForgetSecretsButton({
  connectionId,
  label,
  phase,
}: {
  connectionId: string;
  label: string;
  /** The connection's state: a login that just succeeded may have remembered something. */
  phase: string;
}) {
  const { t } = useTranslation('credentials');
  const client = useClient();
  const store = useStore();
  const { data, reload } = useApiQuery('credentials.list', null);
  useEffect(() => {
    if (phase === 'connected') reload();
  }, [phase, reload]);
  if (!data?.connectionIds.includes(connectionId)) return null;
  const forget = () => {
    client
      .call('credentials.forget', { connectionId })
      .then(() => {
        reload();
        store.notify({ variant: 'success', titleKey: 'credentials:forgotten', params: { label } });
      })
      .catch((err: unknown) =>
        store.notify({
          variant: 'danger',
          titleKey: 'credentials:forgetFailed',
          params: { label },
          message: errorMessage(err),
        }),
      );
  };
  return (
    <Button
      variant="link"
      size="sm"
      onClick={forget}
      aria-label={t('forgetLabel', { host: label })}
    >
      {t('forget')}
    </Button>
  );
}
