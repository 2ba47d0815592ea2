import { Button } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';

export type VolumeAction = 'resize' | 'clone' | 'download' | 'xml' | 'delete';

/** A pool's volumes: format, sizes, the VMs using each, and what can be done with it. */
export function VolumeList(props: {
  volumes: VolumeSummary[];
  onAction(volume: VolumeSummary, action: VolumeAction): void;
}) {
  const { t } = useTranslation('storage');
  return (
    <table className="pf-v6-c-table pf-m-compact vd-storage-table" aria-label={t('volumes.label')}>
      <thead className="pf-v6-c-table__thead">
        <tr className="pf-v6-c-table__tr">
          <th className="pf-v6-c-table__th">{t('volumes.name')}</th>
          <th className="pf-v6-c-table__th">{t('volumes.format')}</th>
          <th className="pf-v6-c-table__th">{t('volumes.capacity')}</th>
          <th className="pf-v6-c-table__th">{t('volumes.allocation')}</th>
          <th className="pf-v6-c-table__th">{t('volumes.usedBy')}</th>
          <th className="pf-v6-c-table__th">{t('volumes.actions')}</th>
        </tr>
      </thead>
      <tbody className="pf-v6-c-table__tbody">
        {props.volumes.map((vol) => (
          <tr key={vol.path} className="pf-v6-c-table__tr">
            <td className="pf-v6-c-table__td">
              <bdi>{vol.name}</bdi>
              <div className="vd-muted">
                <bdi>{vol.path}</bdi>
              </div>
            </td>
            <td className="pf-v6-c-table__td">{vol.format ?? vol.type}</td>
            <td className="pf-v6-c-table__td">{formatBytes(vol.capacity)}</td>
            <td className="pf-v6-c-table__td">{formatBytes(vol.allocation)}</td>
            <td className="pf-v6-c-table__td" data-label={t('volumes.usedBy')}>
              {vol.usedBy.length > 0 ? (
                vol.usedBy.map((vm) => (
                  <div key={vm}>
                    <bdi>{vm}</bdi>
                  </div>
                ))
              ) : (
                <span className="vd-muted">{t('volumes.notUsed')}</span>
              )}
            </td>
            <td className="pf-v6-c-table__td vd-actions">
              {(['resize', 'clone', 'download'] as const).map((action) => (
                <Button
                  key={action}
                  variant="secondary"
                  size="sm"
                  onClick={() => props.onAction(vol, action)}
                >
                  {t(`volumes.${action}`)}
                </Button>
              ))}
              <Button
                variant="secondary"
                size="sm"
                aria-label={t('volumes.xmlOf', { name: vol.name })}
                onClick={() => props.onAction(vol, 'xml')}
              >
                {t('xml.button')}
              </Button>
              <Button variant="danger" size="sm" onClick={() => props.onAction(vol, 'delete')}>
                {t('volumes.delete')}
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
