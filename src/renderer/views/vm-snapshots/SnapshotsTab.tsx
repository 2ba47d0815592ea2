import '@patternfly/react-styles/css/components/Table/table.css';
import './snapshots.css';
import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VmSummary } from '../../../shared/api/types';
import { useApiQuery } from '../../state/queries';
import { CreateSnapshotModal } from './CreateSnapshotModal';
import { DeleteSnapshotModal } from './DeleteSnapshotModal';
import { RevertSnapshotModal } from './RevertSnapshotModal';
import { SnapshotTable, type SnapshotAction } from './SnapshotTable';
import { snapshotRows, type SnapshotRow } from './snapshotTree';

type Dialog = { kind: 'create' } | { kind: SnapshotAction; row: SnapshotRow };

/** The VM's snapshots as a tree, with Take snapshot, Revert and Delete. */
export function SnapshotsTab({ vm }: { vm: VmSummary }) {
  const { t } = useTranslation('snapshots');
  const { connectionId, uuid } = vm;
  // The VM's own events (vms.delta) re-read it; `virsh snapshot-*` behind the app's back sends
  // none for a snapshot, so it is also asked again every 3 s while the tab is shown.
  const list = useApiQuery(
    'vms.snapshots.list',
    { connectionId, uuid },
    { everyMs: 3000, keepOnError: true },
  );
  const [dialog, setDialog] = useState<Dialog>();
  const close = () => setDialog(undefined);
  const changed = () => {
    setDialog(undefined);
    list.reload();
  };
  const rows = snapshotRows(list.data?.snapshots ?? []);
  return (
    <section className="vd-snapshots" aria-label={t('tab')}>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button
              variant="primary"
              isDisabled={!list.data}
              onClick={() => setDialog({ kind: 'create' })}
            >
              {t('create.button')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button variant="secondary" onClick={list.reload} isLoading={list.loading}>
              {t('refresh')}
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {list.error && (
        <Alert variant="danger" isInline title={t('loadFailed')} className="vd-form-alert">
          {list.error}
        </Alert>
      )}
      {!list.data ? (
        !list.error && <Spinner size="lg" aria-label={t('loading')} />
      ) : rows.length === 0 ? (
        <EmptyState titleText={t('empty.title')} headingLevel="h2">
          <EmptyStateBody>{t('empty.text')}</EmptyStateBody>
        </EmptyState>
      ) : (
        <SnapshotTable
          connectionId={connectionId}
          uuid={uuid}
          rows={rows}
          onAction={(row, kind) => setDialog({ kind, row })}
        />
      )}
      {dialog?.kind === 'create' && list.data && (
        <CreateSnapshotModal
          vm={vm}
          capability={list.data.capability}
          onClose={close}
          onCreated={changed}
        />
      )}
      {dialog?.kind === 'revert' && (
        <RevertSnapshotModal
          vm={vm}
          snapshot={dialog.row.snapshot}
          onClose={close}
          onReverted={changed}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteSnapshotModal vm={vm} row={dialog.row} onClose={close} onDeleted={changed} />
      )}
    </section>
  );
}
