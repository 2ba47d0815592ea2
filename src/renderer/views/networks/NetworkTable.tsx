import { Button, Label, Switch } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { NetworkSummary } from '../../../shared/api/networkTypes';
import { addressesOf, dhcpRangesOf, KNOWN_MODES } from './networkText';

export type NetworkAction = 'start' | 'stop' | 'edit' | 'xml' | 'delete';

/** The host's networks: state, mode, bridge, addresses, DHCP range, autostart and actions. */
export function NetworkTable(props: {
  networks: NetworkSummary[];
  selected?: string;
  busy?: string;
  onSelect(name: string): void;
  onAction(network: NetworkSummary, action: NetworkAction): void;
  onAutostart(network: NetworkSummary, autostart: boolean): void;
}) {
  const { t } = useTranslation('networks');
  const cell = 'pf-v6-c-table__td';
  const head = 'pf-v6-c-table__th';
  const none = t('none');
  return (
    <table className="pf-v6-c-table pf-m-compact" aria-label={t('label')}>
      <thead className="pf-v6-c-table__thead">
        <tr className="pf-v6-c-table__tr">
          {(
            [
              'name',
              'state',
              'mode',
              'bridge',
              'ipv4',
              'ipv6',
              'dhcp',
              'autostart',
              'actions',
            ] as const
          ).map((c) => (
            <th key={c} className={head} scope="col">
              {t(`column.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="pf-v6-c-table__tbody">
        {props.networks.map((n) => {
          const selected = n.name === props.selected;
          const busy = props.busy === n.name;
          const mode = KNOWN_MODES.includes(n.forwardMode) ? n.forwardMode : 'other';
          return (
            <tr
              key={n.uuid || n.name}
              className={`pf-v6-c-table__tr${selected ? ' pf-m-selected' : ''}`}
              aria-selected={selected}
            >
              <td className={cell}>
                <Button
                  variant="link"
                  isInline
                  aria-label={t('select', { name: n.name })}
                  onClick={() => props.onSelect(n.name)}
                >
                  <bdi>{n.name}</bdi>
                </Button>
                {!n.persistent && <div className="vd-muted">{t('transient')}</div>}
              </td>
              <td className={cell}>
                <Label color={n.active ? 'green' : 'grey'} isCompact>
                  {t(n.active ? 'state.active' : 'state.inactive')}
                </Label>
              </td>
              <td className={cell}>
                {t(`mode.${mode}`, { mode: n.forwardMode })}
                {n.forwardDev && <div className="vd-muted">{n.forwardDev}</div>}
              </td>
              <td className={cell}>{n.bridge ?? none}</td>
              <td className={cell}>
                <bdi>{addressesOf(n, 'ipv4') || none}</bdi>
              </td>
              <td className={cell}>
                <bdi>{addressesOf(n, 'ipv6') || none}</bdi>
              </td>
              <td className={cell}>
                <bdi>{dhcpRangesOf(n) || none}</bdi>
              </td>
              <td className={cell}>
                <Switch
                  id={`vd-net-autostart-${n.uuid || n.name}`}
                  aria-label={t('autostartOf', { name: n.name })}
                  isChecked={n.autostart}
                  isDisabled={!n.persistent || busy}
                  onChange={(_e, checked) => props.onAutostart(n, checked)}
                />
              </td>
              <td className={`${cell} vd-actions`}>
                <Button
                  variant="secondary"
                  size="sm"
                  isDisabled={busy}
                  aria-label={t(n.active ? 'stopOf' : 'startOf', { name: n.name })}
                  onClick={() => props.onAction(n, n.active ? 'stop' : 'start')}
                >
                  {t(n.active ? 'stop' : 'start')}
                </Button>{' '}
                <Button
                  variant="secondary"
                  size="sm"
                  isDisabled={busy || !n.persistent}
                  aria-label={t('editOf', { name: n.name })}
                  onClick={() => props.onAction(n, 'edit')}
                >
                  {t('edit')}
                </Button>{' '}
                <Button
                  variant="secondary"
                  size="sm"
                  isDisabled={busy}
                  aria-label={t('xmlOf', { name: n.name })}
                  onClick={() => props.onAction(n, 'xml')}
                >
                  {t('xmlButton')}
                </Button>{' '}
                <Button
                  variant="danger"
                  size="sm"
                  isDisabled={busy}
                  aria-label={t('deleteOf', { name: n.name })}
                  onClick={() => props.onAction(n, 'delete')}
                >
                  {t('delete')}
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
