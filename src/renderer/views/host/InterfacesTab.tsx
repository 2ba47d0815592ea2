import { Alert, Button, Label, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../state/queries';

/** The host's interfaces and bridges, read-only: where br0 is, what is in it, its addresses. */
export function InterfacesTab({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation('host');
  // libvirt sends no event for host interfaces: read when shown and on Refresh.
  const { data, error, reload } = useApiQuery(
    'host.interfaces',
    { connectionId },
    { keepOnError: true },
  );
  const cell = 'pf-v6-c-table__td';
  const head = 'pf-v6-c-table__th';
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button variant="secondary" onClick={reload}>
              {t('interfaces.refresh')}
            </Button>
          </ToolbarItem>
          {data && (
            <ToolbarItem>
              <span className="vd-muted">
                {t(`interfaces.source.${data.source}`)}
                {data.addressesFrom && ` ${t('interfaces.addressesFromIp')}`}
              </span>
            </ToolbarItem>
          )}
        </ToolbarContent>
      </Toolbar>
      {error && <Alert variant="danger" isInline title={error} />}
      {data && (
        <table className="pf-v6-c-table pf-m-compact" aria-label={t('interfaces.label')}>
          <thead className="pf-v6-c-table__thead">
            <tr className="pf-v6-c-table__tr">
              <th className={head}>{t('interfaces.name')}</th>
              <th className={head}>{t('interfaces.type')}</th>
              <th className={head}>{t('interfaces.state')}</th>
              <th className={head}>{t('interfaces.mac')}</th>
              <th className={head}>{t('interfaces.addresses')}</th>
              <th className={head}>{t('interfaces.members')}</th>
            </tr>
          </thead>
          <tbody className="pf-v6-c-table__tbody">
            {data.interfaces.map((i) => (
              <tr key={i.name} className="pf-v6-c-table__tr">
                <td className={cell}>
                  <bdi>{i.name}</bdi>
                  {i.bridge && (
                    <div className="vd-muted">{t('interfaces.inBridge', { bridge: i.bridge })}</div>
                  )}
                </td>
                <td className={cell}>{t(`interfaces.kind.${i.type}`, { defaultValue: i.type })}</td>
                <td className={cell}>
                  <Label color={i.state === 'up' ? 'green' : 'grey'} isCompact>
                    {t(`interfaces.linkState.${i.state}`)}
                  </Label>
                </td>
                <td className={cell}>
                  <bdi>{i.mac ?? '—'}</bdi>
                </td>
                <td className={cell}>
                  {i.addresses.length === 0
                    ? '—'
                    : i.addresses.map((a) => (
                        <div key={a.address}>
                          <bdi>
                            {a.address}/{a.prefix}
                          </bdi>
                        </div>
                      ))}
                </td>
                <td className={cell}>{i.members.length > 0 ? i.members.join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
