import { PageSection } from '@patternfly/react-core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { VmSummary } from '../../../shared/api/types';
import { useSlice, useStore } from '../../state/context';
import { navigate } from '../../useRoute';
import { vmHash } from '../../routes';
import {
  filterVms,
  groupRows,
  sortVms,
  type SortColumn,
  type SortSpec,
  type VmFilter,
} from './filterSort';
import {
  clickRow,
  EMPTY_SELECTION,
  pruneSelection,
  selectAll,
  toggleRow,
  type SelectionState,
} from './selection';
import { VmGrid } from './VmGrid';
import { VmToolbar } from './VmToolbar';
import { NewVmWizard } from '../new-vm/NewVmWizard';
import { useShortcutHandler, useShortcutTarget } from '../../shortcuts/KeyboardProvider';

/** The main window: every host's VMs in one list, with the toolbar acting on the selection. */
export function VmListView({
  onAddConnection,
  onSettings,
}: {
  onAddConnection: () => void;
  onSettings: () => void;
}) {
  const store = useStore();
  const vms = useSlice(store.vms);
  const connections = useSlice(store.connections);
  const hosts = useSlice(store.hosts);
  const [filter, setFilter] = useState<VmFilter>({ text: '', state: 'all', host: 'all' });
  const [sort, setSort] = useState<SortSpec>({ column: 'name', direction: 'ascending' });
  const [selection, setSelection] = useState<SelectionState>(EMPTY_SELECTION);
  const [creating, setCreating] = useState(false);
  const connectedHosts = useMemo(
    () => connections.filter((c) => hosts.get(c.id)?.phase === 'connected'),
    [connections, hosts],
  );
  const connectedIds = useMemo(() => new Set(connectedHosts.map((c) => c.id)), [connectedHosts]);
  const firstHost = connectedHosts.find((c) => c.id === filter.host) ?? connectedHosts[0];

  // Sort all VMs only when the VMs or the sort change; a filter keystroke then costs one linear
  // pass over the already sorted list (stats ticks change none of these inputs).
  const sortedAll = useMemo(
    () => sortVms([...vms.values()], sort, (key) => store.stats.last(key)),
    [vms, sort, store],
  );
  const sorted = useMemo(() => filterVms(sortedAll, filter), [sortedAll, filter]);
  const rows = useMemo(
    () => groupRows(connections, sorted, filter.host),
    [connections, sorted, filter.host],
  );
  const order = useMemo(() => rows.flatMap((r) => (r.kind === 'vm' ? [r.key] : [])), [rows]);

  // Nothing selected, the usual case while typing a filter: no set of every shown key to build.
  const hasSelection = selection.selected.size > 0;
  useEffect(() => {
    if (hasSelection) setSelection((s) => pruneSelection(s, new Set(order)));
  }, [order, hasSelection]);

  const selectedVms = useMemo(() => {
    const out: VmSummary[] = [];
    for (const key of selection.selected) {
      const vm = vms.get(key);
      if (vm) out.push(vm);
    }
    return out;
  }, [selection, vms]);

  const usable = useCallback(
    (vm: VmSummary) => hosts.get(vm.connectionId)?.phase === 'connected',
    [hosts],
  );

  const onSort = useCallback((column: SortColumn) => {
    setSort((s) =>
      s.column === column
        ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: 'ascending' },
    );
  }, []);
  const onRowClick = useCallback(
    (key: string, mods: { toggle: boolean; range: boolean }) =>
      setSelection((s) => clickRow(s, order, key, mods)),
    [order],
  );
  const onToggle = useCallback((key: string) => setSelection((s) => toggleRow(s, key)), []);
  const onSelectAll = useCallback(() => setSelection(selectAll(order)), [order]);
  useShortcutTarget(selectedVms);
  const openCreate = useCallback(() => setCreating(true), []);
  useShortcutHandler('newVm', firstHost ? openCreate : undefined);
  const onOpen = useCallback((vm: VmSummary) => navigate(vmHash(vm.connectionId, vm.uuid)), []);

  return (
    <>
      <PageSection
        variant="default"
        padding={{ default: 'noPadding' }}
        className="vd-toolbar-section"
      >
        <VmToolbar
          filter={filter}
          onFilter={setFilter}
          connections={connections}
          selectedVms={selectedVms}
          usable={usable}
          onAddConnection={onAddConnection}
          onSettings={onSettings}
          onCreateVm={firstHost ? openCreate : undefined}
          connectedIds={connectedIds}
        />
        {creating && firstHost && (
          <NewVmWizard
            connections={connectedHosts}
            initialConnectionId={firstHost.id}
            onClose={() => setCreating(false)}
          />
        )}
      </PageSection>
      <PageSection isFilled padding={{ default: 'noPadding' }} className="vd-list-section">
        <VmGrid
          rows={rows}
          hosts={hosts}
          selected={selection.selected}
          sort={sort}
          onSort={onSort}
          onRowClick={onRowClick}
          onToggle={onToggle}
          onSelectAll={onSelectAll}
          onOpen={onOpen}
        />
      </PageSection>
    </>
  );
}
