import { Alert, Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { NetworkSummary } from '../../../shared/api/networkTypes';
import { useApiQuery } from '../../state/queries';

/** Which VM has which address on the network: its DHCP leases, asked again every 5 s. */
export function NetworkLeases({
  connectionId,
  network,
}: {
  connectionId: string;
  network: NetworkSummary;
}) {
  const { t } = useTranslation('networks');
  // libvirt sends no event for a lease: asked again every 5 s, so a booting guest's shows.
  const leases = useApiQuery(
    'networks.leases',
    network.active ? { connectionId, name: network.name } : undefined,
    { everyMs: 5000, keepOnError: true },
  );
  const cell = 'pf-v6-c-table__td';
  const head = 'pf-v6-c-table__th';
  return (
    <section className="vd-net-leases">
      <Title headingLevel="h2" size="lg">
        {t('leases.title', { name: network.name })}
      </Title>
      {!network.active ? (
        <p className="vd-muted">{t('leases.stopped')}</p>
      ) : leases.error ? (
        <Alert variant="danger" isInline title={leases.error} />
      ) : leases.data && leases.data.length === 0 ? (
        <p className="vd-muted">{t('leases.empty')}</p>
      ) : (
        <table className="pf-v6-c-table pf-m-compact" aria-label={t('leases.label')}>
          <thead className="pf-v6-c-table__thead">
            <tr className="pf-v6-c-table__tr">
              <th className={head}>{t('leases.ip')}</th>
              <th className={head}>{t('leases.mac')}</th>
              <th className={head}>{t('leases.vm')}</th>
              <th className={head}>{t('leases.hostname')}</th>
              <th className={head}>{t('leases.expires')}</th>
            </tr>
          </thead>
          <tbody className="pf-v6-c-table__tbody">
            {(leases.data ?? []).map((l) => (
              <tr key={`${l.ip}-${l.mac ?? ''}`} className="pf-v6-c-table__tr">
                <td className={cell}>
                  <bdi>
                    {l.ip}/{l.prefix}
                  </bdi>
                </td>
                <td className={cell}>
                  <bdi>{l.mac ?? t('none')}</bdi>
                </td>
                <td className={cell}>
                  {l.vm ? (
                    <bdi>{l.vm.name}</bdi>
                  ) : (
                    <span className="vd-muted">{t('leases.unknownVm')}</span>
                  )}
                </td>
                <td className={cell}>
                  <bdi>{l.hostname ?? t('none')}</bdi>
                </td>
                <td className={cell}>
                  {l.expiresAt > 0 ? formatDateTime(l.expiresAt) : t('leases.never')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
