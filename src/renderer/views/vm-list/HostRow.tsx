import { Button } from '@patternfly/react-core';
import ServerIcon from '@patternfly/react-icons/dist/esm/icons/server-icon';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig, HostStatus } from '../../../shared/api/types';
import { hostHash } from '../../routes';
import { ConfigWarningsIcon } from '../connections/ConfigWarnings';
import { ForgetSecretsButton } from '../connections/ForgetSecretsButton';
import { connectionLabel, hostStateParts } from '../connections/hostState';
import { RemoveConnectionModal } from '../connections/RemoveConnectionModal';
import { useConnectionAction } from '../connections/useConnectionActions';
import { useCountdownNow } from '../connections/useCountdownNow';

/** The group header of one connection: what it is, its state, and Connect / Disconnect / Remove. */
export const HostRow = memo(function HostRow({
  connection,
  status,
  vmCount,
  index,
  focused,
  top,
}: {
  connection: ConnectionConfig;
  status: HostStatus | undefined;
  vmCount: number;
  index: number;
  focused: boolean;
  /** Offset in the list body; rows are placed by transform, never by layout. */
  top: number;
}) {
  const { t } = useTranslation('connections');
  const act = useConnectionAction();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const now = useCountdownNow(status?.retryAt);
  const { label, hypervisor, where } = connectionLabel(connection);
  const title = label ?? t('labelFromUri', { hypervisor, where });
  const phase = status?.phase ?? 'closed';
  const parts = hostStateParts(status, now);
  return (
    <div
      role="row"
      aria-label={title}
      aria-rowindex={index + 2}
      tabIndex={focused ? 0 : -1}
      data-index={index}
      className={`vd-row vd-row--host vd-row--host-${phase}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      <div role="gridcell" aria-colspan={7} className="vd-cell vd-host-cell">
        <ServerIcon className="vd-host-icon" />
        <bdi className="vd-host-title">{title}</bdi>
        {label && <bdi className="vd-host-uri">{connection.uri}</bdi>}
        <span className={`vd-host-state vd-host-state--${phase}`}>
          {parts.map((part) => t(part.key, part.params)).join(' · ')}
        </span>
        <ConfigWarningsIcon status={status} connectionId={connection.id} host={title} />
        <span className="vd-host-count">{t('vmCount', { count: vmCount })}</span>
        <span className="vd-host-actions">
          {(phase === 'closed' || phase === 'disconnected') && (
            <Button
              variant="link"
              size="sm"
              onClick={() => act('connections.connect', connection.id, title)}
            >
              {t('connect')}
            </Button>
          )}
          {phase !== 'closed' && (
            <Button
              variant="link"
              size="sm"
              onClick={() => act('connections.disconnect', connection.id, title)}
            >
              {t('disconnect')}
            </Button>
          )}
          <Button
            variant="link"
            size="sm"
            component="a"
            href={hostHash(connection.id)}
            aria-label={t('details.label', { host: title })}
          >
            {t('details.button')}
          </Button>
          <ForgetSecretsButton connectionId={connection.id} label={title} phase={phase} />
          <Button variant="link" size="sm" isDanger onClick={() => setConfirmRemove(true)}>
            {t('remove.button')}
          </Button>
        </span>
      </div>
      {confirmRemove && (
        <RemoveConnectionModal
          label={title}
          onCancel={() => setConfirmRemove(false)}
          onConfirm={() => {
            setConfirmRemove(false);
            act('connections.remove', connection.id, title);
          }}
        />
      )}
    </div>
  );
});
