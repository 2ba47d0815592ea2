import { Button, Label, Progress, ProgressSize, Switch } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { PoolSummary } from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';

export type PoolAction = 'start' | 'stop' | 'refresh';

/** The host's pools: type, state, a usage bar, autostart and the actions each state allows. */
export function PoolList(props: {
  pools: PoolSummary[];
  selected?: string;
  busy?: string;
  onSelect(name: string): void;
  onAction(pool: PoolSummary, action: PoolAction): void;
  onAutostart(pool: PoolSummary, autostart: boolean): void;
  onDelete(pool: PoolSummary): void;
  onEdit(pool: PoolSummary): void;
  onXml(pool: PoolSummary): void;
}) {
  const { t } = useTranslation('storage');
  return (
    <table className="pf-v6-c-table pf-m-compact vd-storage-table" aria-label={t('pools.label')}>
      <thead className="pf-v6-c-table__thead">
        <tr className="pf-v6-c-table__tr">
          <th className="pf-v6-c-table__th">{t('pools.name')}</th>
          <th className="pf-v6-c-table__th">{t('pools.type')}</th>
          <th className="pf-v6-c-table__th">{t('pools.state')}</th>
          <th className="pf-v6-c-table__th vd-usage-col">{t('pools.usage')}</th>
          <th className="pf-v6-c-table__th">{t('pools.autostart')}</th>
          <th className="pf-v6-c-table__th">{t('pools.actions')}</th>
        </tr>
      </thead>
      <tbody className="pf-v6-c-table__tbody">
        {props.pools.map((pool) => {
          const selected = pool.name === props.selected;
          const busy = props.busy === pool.name;
          return (
            <tr
              key={pool.uuid}
              className={`pf-v6-c-table__tr pf-m-clickable${selected ? ' pf-m-selected' : ''}`}
              aria-selected={selected}
              onClick={() => props.onSelect(pool.name)}
            >
              <td className="pf-v6-c-table__td">
                <Button
                  variant="link"
                  isInline
                  aria-label={t('pools.select', { name: pool.name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onSelect(pool.name);
                  }}
                >
                  <bdi>{pool.name}</bdi>
                </Button>
                {pool.path && (
                  <div className="vd-muted">
                    <bdi>{pool.path}</bdi>
                  </div>
                )}
              </td>
              <td className="pf-v6-c-table__td">
                {t(`poolType.${pool.type}`, { defaultValue: pool.type })}
              </td>
              <td className="pf-v6-c-table__td">
                <Label color={pool.active ? 'green' : 'grey'} isCompact>
                  {t(`poolState.${pool.state}`)}
                </Label>
              </td>
              <td className="pf-v6-c-table__td vd-usage-col">
                <UsageBar pool={pool} />
              </td>
              <td className="pf-v6-c-table__td" onClick={(e) => e.stopPropagation()}>
                <Switch
                  id={`vd-pool-autostart-${pool.uuid}`}
                  aria-label={t('pools.autostartOf', { name: pool.name })}
                  isChecked={pool.autostart}
                  isDisabled={!pool.persistent || busy}
                  onChange={(_e, checked) => props.onAutostart(pool, checked)}
                />
              </td>
              <td className="pf-v6-c-table__td vd-actions" onClick={(e) => e.stopPropagation()}>
                {pool.active ? (
                  <>
                    <Button
                      variant="secondary"
                      size="sm"
                      isDisabled={busy}
                      onClick={() => props.onAction(pool, 'stop')}
                    >
                      {t('pools.stop')}
                    </Button>
                    <Button
                      variant="secondary"
                      size="sm"
                      isDisabled={busy}
                      onClick={() => props.onAction(pool, 'refresh')}
                    >
                      {t('pools.refresh')}
                    </Button>
                  </>
                ) : (
                  <Button
                    variant="secondary"
                    size="sm"
                    isDisabled={busy}
                    onClick={() => props.onAction(pool, 'start')}
                  >
                    {t('pools.start')}
                  </Button>
                )}
                <Button
                  variant="secondary"
                  size="sm"
                  isDisabled={busy || !pool.persistent}
                  aria-label={t('pools.editOf', { name: pool.name })}
                  onClick={() => props.onEdit(pool)}
                >
                  {t('pools.edit')}
                </Button>
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t('pools.xmlOf', { name: pool.name })}
                  onClick={() => props.onXml(pool)}
                >
                  {t('xml.button')}
                </Button>
                <Button
                  variant="danger"
                  size="sm"
                  isDisabled={busy}
                  onClick={() => props.onDelete(pool)}
                >
                  {t('pools.delete')}
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function UsageBar({ pool }: { pool: PoolSummary }) {
  const { t } = useTranslation('storage');
  if (!pool.active || pool.capacity <= 0)
    return <span className="vd-muted">{t('pools.usageUnknown')}</span>;
  const percent = Math.min(100, (pool.allocation / pool.capacity) * 100);
  const text = t('pools.usageText', {
    allocation: formatBytes(pool.allocation),
    capacity: formatBytes(pool.capacity),
    available: formatBytes(pool.available),
  });
  return (
    <Progress
      value={percent}
      size={ProgressSize.sm}
      label={text}
      aria-label={text}
      variant={percent >= 90 ? 'danger' : percent >= 75 ? 'warning' : undefined}
    />
  );
}
