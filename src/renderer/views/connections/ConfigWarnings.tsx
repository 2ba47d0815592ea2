import { Alert, Tooltip } from '@patternfly/react-core';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import { useTranslation } from 'react-i18next';
import type { HostStatus } from '../../../shared/api/types';
import { backendText } from '../../api/apiError';
import { hostHash } from '../../routes';

/**
 * What the connection's configuration asked for that Virtdeck does not do (a `Match exec` block
 * of ~/.ssh/config, skipped: it would run a command here), in the user's language: on the host
 * page, so a ProxyJump or User that such a block would set is not silently missing.
 */
export function ConfigWarnings({ status }: { status: HostStatus | undefined }) {
  const { t } = useTranslation('connections');
  const warnings = status?.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <Alert
      isInline
      variant="warning"
      title={t('configWarnings.title')}
      className="vd-config-warnings"
    >
      <ul>
        {warnings.map((w) => (
          <li key={`${w.key}:${JSON.stringify(w.params)}`}>{backendText(w)}</li>
        ))}
      </ul>
    </Alert>
  );
}

/** The same, as one icon in the connection's row of the VM list, leading to the host page. */
export function ConfigWarningsIcon({
  status,
  connectionId,
  host,
}: {
  status: HostStatus | undefined;
  connectionId: string;
  host: string;
}) {
  const { t } = useTranslation('connections');
  const warnings = status?.warnings ?? [];
  if (warnings.length === 0) return null;
  const label = t('configWarnings.row', { host });
  return (
    <Tooltip content={warnings.map((w) => backendText(w)).join('\n')}>
      <a href={hostHash(connectionId)} aria-label={label} className="vd-config-warning-icon">
        <ExclamationTriangleIcon />
      </a>
    </Tooltip>
  );
}
