import { Button, Label } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import type { SnapshotInfo } from '../../../shared/api/methods/snapshots';
import { useApiQuery } from '../../state/queries';
import type { SnapshotRow } from './snapshotTree';

export type SnapshotAction = 'revert' | 'delete';

const cell = 'pf-v6-c-table__td';
const head = 'pf-v6-c-table__th';

/** The snapshot tree as a table: each child indented under its parent, the current one marked. */
export function SnapshotTable(props: {
  connectionId: string;
  uuid: string;
  rows: SnapshotRow[];
  onAction(row: SnapshotRow, action: SnapshotAction): void;
}) {
  const { t } = useTranslation('snapshots');
  return (
    <table className="pf-v6-c-table pf-m-compact vd-snapshot-table" aria-label={t('table.label')}>
      <thead className="pf-v6-c-table__thead">
        <tr className="pf-v6-c-table__tr">
          <th className={head}>{t('table.name')}</th>
          <th className={head}>{t('table.screen')}</th>
          <th className={head}>{t('table.time')}</th>
          <th className={head}>{t('table.description')}</th>
          <th className={head}>{t('table.state')}</th>
          <th className={head}>{t('table.kind')}</th>
          <th className={head}>{t('table.memory')}</th>
          <th className={head}>{t('table.actions')}</th>
        </tr>
      </thead>
      <tbody className="pf-v6-c-table__tbody">
        {props.rows.map((row) => {
          const s = row.snapshot;
          return (
            <tr key={s.name} className="pf-v6-c-table__tr" aria-level={row.depth + 1}>
              <th
                scope="row"
                className={cell}
                // Children sit under their parent; a logical property, so RTL indents rightwards.
                style={{ paddingInlineStart: `${1 + row.depth * 1.5}rem` }}
              >
                <bdi>{s.name}</bdi>{' '}
                {s.current && (
                  <Label color="blue" isCompact>
                    {t('table.current')}
                  </Label>
                )}
              </th>
              <td className={cell}>
                {s.hasThumbnail && <SnapshotThumbnail {...props} snapshot={s} />}
              </td>
              <td className={cell}>{formatDateTime(s.createdAt * 1000)}</td>
              <td className={cell}>
                <bdi>{s.description}</bdi>
              </td>
              <td className={cell}>{t(stateKey(s.state))}</td>
              <td className={cell}>{t(`location.${s.location}`)}</td>
              <td className={cell}>{s.memory ? t('table.withMemory') : t('table.diskOnly')}</td>
              <td className={`${cell} vd-actions`}>
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t('table.revertTo', { name: s.name })}
                  onClick={() => props.onAction(row, 'revert')}
                >
                  {t('table.revert')}
                </Button>
                <Button
                  variant="danger"
                  size="sm"
                  aria-label={t('table.deleteNamed', { name: s.name })}
                  onClick={() => props.onAction(row, 'delete')}
                >
                  {t('table.delete')}
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const STATES = ['running', 'paused', 'shutoff', 'shutdown', 'crashed', 'pmsuspended'];

/** libvirt's `<state>` of a snapshot, as a translation key ("disk-snapshot" and the rare ones). */
export function stateKey(state: string): string {
  if (STATES.includes(state)) return `state.${state}`;
  return state === 'disk-snapshot' ? 'state.diskSnapshot' : 'state.other';
}

/** The display at snapshot time, read only for a row that has one, once per snapshot. */
function SnapshotThumbnail(props: { connectionId: string; uuid: string; snapshot: SnapshotInfo }) {
  const { t } = useTranslation('snapshots');
  const { connectionId, uuid, snapshot } = props;
  const thumbnail = useApiQuery('vms.snapshots.thumbnail', {
    connectionId,
    uuid,
    name: snapshot.name,
  });
  if (!thumbnail.data) return null;
  return (
    <img
      className="vd-snapshot-thumbnail"
      src={thumbnail.data}
      alt={t('table.screenOf', { name: snapshot.name })}
    />
  );
}
