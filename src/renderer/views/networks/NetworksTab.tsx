import { Alert, Button, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkEditResult, NetworkSummary } from '../../../shared/api/networkTypes';
import { errorMessage } from '../../api/apiError';
import { useClient, useStore } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { CreateNetworkModal } from './CreateNetworkModal';
import { DeleteNetworkModal } from './DeleteNetworkModal';
import { EditNetworkModal } from './EditNetworkModal';
import { NetworkLeases } from './NetworkLeases';
import { NetworkTable, type NetworkAction } from './NetworkTable';
import { NetworkXmlModal } from './NetworkXmlModal';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; network: NetworkSummary }
  | { kind: 'xml'; network: NetworkSummary }
  | { kind: 'delete'; network: NetworkSummary };

/** virt-manager's "Virtual Networks" tab: the list, create, edit, delete and DHCP leases. */
export function NetworksTab({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation('networks');
  const client = useClient();
  const store = useStore();
  // Read again when libvirt says a network changed, whoever changed it.
  const networks = useApiQuery('networks.list', { connectionId }, { keepOnError: true });
  const [selected, setSelected] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const list = networks.data ?? [];
  const shown = list.find((n) => n.name === selected);

  /** Runs one call on a network; a failure becomes a toast naming the network. */
  const run = async (name: string, call: () => Promise<unknown>) => {
    setBusy(name);
    try {
      await call();
    } catch (err) {
      store.notify({
        variant: 'danger',
        titleKey: 'networks:actionFailed',
        params: { name },
        message: errorMessage(err),
      });
    } finally {
      setBusy(undefined);
      networks.reload();
    }
  };

  const saved = (name: string, result: NetworkEditResult) => {
    setDialog(undefined);
    store.notify({
      variant: result.pendingRestart ? 'warning' : 'success',
      titleKey: result.pendingRestart ? 'networks:form.pendingRestart' : 'networks:form.saved',
      params: { name },
    });
    networks.reload();
  };

  const onAction = (network: NetworkSummary, action: NetworkAction) => {
    const { name } = network;
    if (action === 'edit' || action === 'xml' || action === 'delete') {
      setDialog({ kind: action, network });
    } else void run(name, () => client.call(`networks.${action}`, { connectionId, name }));
  };

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button onClick={() => setDialog({ kind: 'create' })}>{t('create')}</Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" onClick={networks.reload}>
              {t('refresh')}
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {networks.error && (
        <Alert variant="danger" isInline title={t('loadFailed', { message: networks.error })} />
      )}
      {networks.data && list.length === 0 && <p className="vd-muted">{t('empty')}</p>}
      {list.length > 0 && (
        <NetworkTable
          networks={list}
          selected={selected}
          busy={busy}
          onSelect={setSelected}
          onAction={onAction}
          onAutostart={(n, autostart) =>
            void run(n.name, () =>
              client.call('networks.setAutostart', { connectionId, name: n.name, autostart }),
            )
          }
        />
      )}
      {shown && <NetworkLeases connectionId={connectionId} network={shown} />}
      {dialog?.kind === 'create' && (
        <CreateNetworkModal
          connectionId={connectionId}
          existing={list}
          onClose={() => setDialog(undefined)}
          onCreated={(n) => {
            setDialog(undefined);
            setSelected(n.name);
            networks.reload();
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditNetworkModal
          connectionId={connectionId}
          network={dialog.network}
          onClose={() => setDialog(undefined)}
          onSaved={(result) => saved(dialog.network.name, result)}
        />
      )}
      {dialog?.kind === 'xml' && (
        <NetworkXmlModal
          connectionId={connectionId}
          network={dialog.network}
          onClose={() => setDialog(undefined)}
          onDefined={(result) => saved(dialog.network.name, result)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteNetworkModal
          name={dialog.network.name}
          onCancel={() => setDialog(undefined)}
          onConfirm={() => {
            const { name } = dialog.network;
            setDialog(undefined);
            if (selected === name) setSelected(undefined);
            void run(name, () => client.call('networks.delete', { connectionId, name }));
          }}
        />
      )}
    </>
  );
}
