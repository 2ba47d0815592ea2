import '@patternfly/react-styles/css/components/Table/table.css';
import './storage.css';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  EmptyState,
  EmptyStateBody,
  Spinner,
  Title,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSummary, VolumeSummary } from '../../../shared/api/methods/storage';
import { errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { CloneVolumeModal } from './CloneVolumeModal';
import { CreatePoolModal } from './CreatePoolModal';
import { CreateVolumeModal } from './CreateVolumeModal';
import { DeletePoolModal } from './DeletePoolModal';
import { DeleteVolumeModal } from './DeleteVolumeModal';
import { EditPoolModal } from './EditPoolModal';
import { PoolList, type PoolAction } from './PoolList';
import { ResizeVolumeModal } from './ResizeVolumeModal';
import { StorageXmlModal } from './StorageXmlModal';
import { TransferList } from './TransferList';
import { openDownload } from './transfers';
import { UploadVolumeModal } from './UploadVolumeModal';
import { VolumeList, type VolumeAction } from './VolumeList';

type Dialog =
  | { kind: 'createPool' }
  | { kind: 'deletePool'; pool: PoolSummary }
  | { kind: 'createVolume' }
  | { kind: 'upload'; file?: File }
  | { kind: 'resize' | 'clone' | 'deleteVolume' | 'volumeXml'; volume: VolumeSummary }
  | { kind: 'editPool' | 'poolXml'; pool: PoolSummary };

/** virt-manager's Storage tab: the pools with their usage, and the volumes of the one picked. */
export function StorageTab({ connectionId }: { connectionId: string }) {
  const { t } = useTranslation('storage');
  const client = useClient();
  // Pools started, stopped or refreshed elsewhere (virsh pool-*) are read again by their events.
  const pools = useApiQuery('storage.pools.list', { connectionId });
  const [selectedName, setSelectedName] = useState<string>();
  const selected =
    pools.data?.find((p) => p.name === selectedName) ??
    pools.data?.find((p) => p.active) ??
    pools.data?.[0];
  // The volumes of the pool picked (none while no pool is picked or it is not running).
  const volumes = useApiQuery(
    'storage.volumes.list',
    selected?.active ? { connectionId, pool: selected.name } : undefined,
  );
  const [dialog, setDialog] = useState<Dialog>();
  const [busyPool, setBusyPool] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [jobIds, setJobIds] = useState<string[]>([]);

  const reloadAll = () => {
    pools.reload();
    volumes.reload();
  };
  const closeAndReload = () => {
    setDialog(undefined);
    reloadAll();
  };
  const addJob = (jobId: string) =>
    setJobIds((ids) => [jobId, ...ids.filter((id) => id !== jobId)]);

  const poolAction = async (
    pool: PoolSummary,
    action: PoolAction | 'autostart',
    autostart?: boolean,
  ) => {
    setBusyPool(pool.name);
    setFailure(undefined);
    try {
      if (action === 'autostart') {
        await client.call('storage.pools.setAutostart', {
          connectionId,
          pool: pool.name,
          autostart: autostart === true,
        });
      } else {
        await client.call(`storage.pools.${action}`, { connectionId, pool: pool.name });
      }
    } catch (err) {
      setFailure(`${t('pools.actionFailed', { name: pool.name })}: ${errorMessage(err)}`);
    } finally {
      setBusyPool(undefined);
      reloadAll();
    }
  };

  const volumeAction = async (volume: VolumeSummary, action: VolumeAction) => {
    if (action !== 'download') {
      const kind = action === 'delete' ? 'deleteVolume' : action === 'xml' ? 'volumeXml' : action;
      setDialog({ kind, volume });
      return;
    }
    setFailure(undefined);
    try {
      const ticket = await client.call('storage.volumes.download', {
        connectionId,
        pool: volume.pool,
        name: volume.name,
      });
      addJob(ticket.jobId);
      openDownload(ticket.url);
    } catch (err) {
      setFailure(`${t('volumes.downloadFailed')}: ${errorMessage(err)}`);
    }
  };

  const onDropFile = (event: DragEvent) => {
    const file = event.dataTransfer.files[0];
    if (!file || !selected?.active) return;
    event.preventDefault();
    setDialog({ kind: 'upload', file });
  };

  return (
    <div className="vd-storage">
      {failure && (
        <Alert
          variant="danger"
          isInline
          title={failure}
          className="vd-form-alert"
          actionClose={<AlertActionCloseButton onClose={() => setFailure(undefined)} />}
        />
      )}
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Title headingLevel="h2" size="lg">
              {t('pools.title')}
            </Title>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="primary" onClick={() => setDialog({ kind: 'createPool' })}>
              {t('pools.create')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" onClick={reloadAll} isLoading={pools.loading}>
              {t('pools.refreshList')}
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {pools.error && (
        <Alert variant="danger" isInline title={t('pools.loadFailed')}>
          {pools.error}
        </Alert>
      )}
      {!pools.data && pools.loading && <Spinner size="lg" aria-label={t('pools.title')} />}
      {pools.data && pools.data.length === 0 && (
        <EmptyState titleText={t('pools.empty')} headingLevel="h3" variant="sm">
          <EmptyStateBody />
        </EmptyState>
      )}
      {pools.data && pools.data.length > 0 && (
        <PoolList
          pools={pools.data}
          selected={selected?.name}
          busy={busyPool}
          onSelect={setSelectedName}
          onAction={(pool, action) => void poolAction(pool, action)}
          onAutostart={(pool, value) => void poolAction(pool, 'autostart', value)}
          onDelete={(pool) => setDialog({ kind: 'deletePool', pool })}
          onEdit={(pool) => setDialog({ kind: 'editPool', pool })}
          onXml={(pool) => setDialog({ kind: 'poolXml', pool })}
        />
      )}

      <TransferList
        jobIds={jobIds}
        onDismiss={(id) => setJobIds((ids) => ids.filter((x) => x !== id))}
      />

      <section
        className="vd-volumes"
        aria-label={t('volumes.label')}
        onDragOver={(e) => selected?.active && e.preventDefault()}
        onDrop={onDropFile}
      >
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <Title headingLevel="h2" size="lg">
                {selected ? t('volumes.title', { pool: selected.name }) : t('volumes.label')}
              </Title>
            </ToolbarItem>
            {selected?.active && (
              <>
                <ToolbarItem>
                  <Button variant="primary" onClick={() => setDialog({ kind: 'createVolume' })}>
                    {t('volumes.create')}
                  </Button>
                </ToolbarItem>
                <ToolbarItem>
                  <Button variant="secondary" onClick={() => setDialog({ kind: 'upload' })}>
                    {t('volumes.upload')}
                  </Button>
                </ToolbarItem>
              </>
            )}
          </ToolbarContent>
        </Toolbar>
        {!selected && <p className="vd-muted">{t('volumes.none')}</p>}
        {selected && !selected.active && <p className="vd-muted">{t('volumes.inactive')}</p>}
        {volumes.error && (
          <Alert variant="danger" isInline title={t('volumes.loadFailed')}>
            {volumes.error}
          </Alert>
        )}
        {selected?.active && volumes.data?.length === 0 && (
          <p className="vd-muted">{t('volumes.empty')}</p>
        )}
        {selected?.active && volumes.data && volumes.data.length > 0 && (
          <VolumeList volumes={volumes.data} onAction={(v, a) => void volumeAction(v, a)} />
        )}
      </section>

      {dialog?.kind === 'createPool' && (
        <CreatePoolModal
          connectionId={connectionId}
          onClose={() => setDialog(undefined)}
          onCreated={(pool) => {
            setSelectedName(pool.name);
            closeAndReload();
          }}
        />
      )}
      {dialog?.kind === 'deletePool' && (
        <DeletePoolModal
          connectionId={connectionId}
          pool={dialog.pool}
          onClose={() => setDialog(undefined)}
          onDeleted={() => {
            setSelectedName(undefined);
            closeAndReload();
          }}
        />
      )}
      {dialog?.kind === 'createVolume' && selected && (
        <CreateVolumeModal
          connectionId={connectionId}
          pool={selected}
          volumes={volumes.data ?? []}
          onClose={() => setDialog(undefined)}
          onCreated={closeAndReload}
        />
      )}
      {dialog?.kind === 'upload' && selected && (
        <UploadVolumeModal
          connectionId={connectionId}
          pool={selected}
          initialFile={dialog.file}
          onClose={() => setDialog(undefined)}
          onStarted={(jobId, done) => {
            addJob(jobId);
            setDialog(undefined);
            // The new volume is listed at once; its bytes arrive meanwhile.
            volumes.reload();
            done.then(reloadAll, reloadAll);
          }}
        />
      )}
      {dialog?.kind === 'resize' && (
        <ResizeVolumeModal
          connectionId={connectionId}
          volume={dialog.volume}
          onClose={() => setDialog(undefined)}
          onResized={closeAndReload}
        />
      )}
      {dialog?.kind === 'clone' && (
        <CloneVolumeModal
          connectionId={connectionId}
          volume={dialog.volume}
          onClose={() => setDialog(undefined)}
          onCloned={closeAndReload}
        />
      )}
      {dialog?.kind === 'editPool' && (
        <EditPoolModal
          connectionId={connectionId}
          pool={dialog.pool}
          onClose={() => setDialog(undefined)}
          onSaved={closeAndReload}
        />
      )}
      {dialog?.kind === 'poolXml' && (
        <StorageXmlModal
          title={t('xml.poolTitle', { name: dialog.pool.name })}
          connectionId={connectionId}
          of={{ pool: dialog.pool.name }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'volumeXml' && (
        <StorageXmlModal
          title={t('xml.volumeTitle', { name: dialog.volume.name })}
          connectionId={connectionId}
          of={{ pool: dialog.volume.pool, volume: dialog.volume.name }}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'deleteVolume' && (
        <DeleteVolumeModal
          connectionId={connectionId}
          volume={dialog.volume}
          onClose={() => setDialog(undefined)}
          onDeleted={closeAndReload}
        />
      )}
    </div>
  );
}
