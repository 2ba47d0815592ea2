import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  VM_STATES,
  type HostStatus,
  type VmState,
  type VmSummary,
} from '../../../shared/api/types';
import { hostReason } from '../connections/hostState';
import { HEADER_HEIGHT, ROW_HEIGHT } from './columns';
import type { ListRow, SortColumn, SortSpec } from './filterSort';
import { GridHeader } from './GridHeader';
import { HostRow } from './HostRow';
import { moveFocus } from './selection';
import { isInteractive, VmRow, type RowHandlers, type RowLabels } from './VmRow';

export interface GridProps {
  rows: readonly ListRow[];
  hosts: ReadonlyMap<string, HostStatus>;
  selected: ReadonlySet<string>;
  sort: SortSpec;
  onSort: (column: SortColumn) => void;
  onRowClick: (key: string, mods: { toggle: boolean; range: boolean }) => void;
  onToggle: (key: string) => void;
  onSelectAll: () => void;
  onOpen: (vm: VmSummary) => void;
}

/**
 * All hosts' VMs in one ARIA grid. Only the rows on screen exist in the DOM (fixed row height,
 * so placing them needs no measuring); focus moves with a roving tabindex.
 */
export function VmGrid(props: GridProps) {
  const { rows, hosts, selected, sort, onSort } = props;
  const { t } = useTranslation('vmList');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The sticky column header sits above the rows inside the same scroll box.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const current = Math.min(focusIndex, Math.max(rows.length - 1, 0));

  // The latest props for handlers that rows keep across renders (rows stay memoised).
  const latest = useRef(props);
  latest.current = props;

  const handlers: RowHandlers = useMemo(
    () => ({
      onClick(index: number, event: MouseEvent) {
        if (isInteractive(event.target)) return;
        const row = latest.current.rows[index];
        setFocusIndex(index);
        if (row?.kind !== 'vm') return;
        latest.current.onRowClick(row.key, {
          toggle: event.ctrlKey || event.metaKey,
          range: event.shiftKey,
        });
      },
      onOpen: (vm: VmSummary) => latest.current.onOpen(vm),
    }),
    [],
  );

  useEffect(() => {
    // A pooled row hidden while it had focus (the list got shorter) stays focusable: hidden rows
    // are not display:none (app.css says why). Focus goes to the current row, or the grid.
    const grid = scrollRef.current;
    const active = document.activeElement;
    // The row itself, or its autostart switch.
    if (
      grid &&
      active instanceof HTMLElement &&
      grid.contains(active) &&
      active.closest('[hidden]')
    ) {
      const row = grid.querySelector<HTMLElement>(`[data-index="${current}"]`);
      (row ?? grid).focus({ preventScroll: true });
    }
  });

  useEffect(() => {
    if (!focusPending.current) return;
    // After a long jump the row exists only once the virtualiser has rendered the new window;
    // keep the request until then.
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
    if (!el) return;
    focusPending.current = false;
    el.focus({ preventScroll: true });
  });

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      if (target.getAttribute('role') !== 'row' && target !== scrollRef.current) return;
      const { rows: list } = latest.current;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        latest.current.onSelectAll();
        return;
      }
      const row = list[current];
      if (event.key === ' ' && row?.kind === 'vm') {
        event.preventDefault();
        latest.current.onToggle(row.key);
        return;
      }
      if (event.key === 'Enter' && row?.kind === 'vm') {
        event.preventDefault();
        latest.current.onOpen(row.vm);
        return;
      }
      const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
      const next = moveFocus(event.key, current, list.length, page);
      if (next === null) return;
      event.preventDefault();
      setFocusIndex(next);
      focusPending.current = true;
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [current, virtualizer],
  );

  const labels: RowLabels = useMemo(
    () => ({
      state: Object.fromEntries(VM_STATES.map((s) => [s, t(`state.${s}`)])) as Record<
        VmState,
        string
      >,
      sparklines: { cpu: t('cpuUsage'), memory: t('memoryUsage') },
      autostartOf: remembered((name: string) => t('autostartOf', { name })),
      template: t('templates:badge'),
    }),
    [t],
  );

  const items = virtualizer.getVirtualItems();
  const vmSlots = useVmSlots(items, rows);
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={t('gridLabel')}
      aria-rowcount={rows.length + 1}
      aria-colcount={7}
      aria-multiselectable="true"
      className="vd-grid"
      onKeyDown={onKeyDown}
      tabIndex={rows.length === 0 ? 0 : -1}
    >
      <GridHeader sort={sort} onSort={onSort} />
      <div role="rowgroup" className="vd-grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (row?.kind !== 'host') return null;
          return (
            <HostRow
              key={`host:${row.connection.id}`}
              connection={row.connection}
              status={hosts.get(row.connection.id)}
              vmCount={row.vmCount}
              index={item.index}
              focused={item.index === current}
              top={item.start - HEADER_HEIGHT}
            />
          );
        })}
        {vmSlots.map((slot, i) => {
          if (!slot.shown) {
            // A slot the window does not need now keeps its last VM, hidden, for the next growth.
            return (
              <VmRow
                key={`vm-slot:${i}`}
                {...slot.row}
                hidden
                selected={false}
                focused={false}
                hostReason={undefined}
                handlers={handlers}
                labels={labels}
              />
            );
          }
          const { vm } = slot.row;
          const status = hosts.get(vm.connectionId);
          return (
            <VmRow
              key={`vm-slot:${i}`}
              {...slot.row}
              hidden={false}
              selected={selected.has(slot.row.vmKey)}
              focused={slot.row.index === current}
              hostReason={status?.phase === 'connected' ? undefined : hostReasonText(status, t)}
              handlers={handlers}
              labels={labels}
            />
          );
        })}
      </div>
    </div>
  );
}

interface SlotRow {
  vm: VmSummary;
  vmKey: string;
  index: number;
  top: number;
}

/**
 * The VM rows on screen, pooled by position: slot `index % pool` shows the row at `index`, so a
 * filter keystroke or a scroll swaps the content of rows already mounted instead of unmounting
 * some and mounting others (consecutive indices modulo the pool size never collide, since the
 * pool is as large as the largest window seen). Slots the window does not use now stay mounted,
 * hidden, with their last VM.
 */
function useVmSlots(
  items: readonly { index: number; start: number }[],
  rows: readonly ListRow[],
): { shown: boolean; row: SlotRow }[] {
  const pool = useRef<SlotRow[]>([]);
  const size = Math.max(pool.current.length, items.length);
  const shown = new Array<boolean>(size).fill(false);
  const next = pool.current.slice();
  for (const item of items) {
    const row = rows[item.index];
    if (row?.kind !== 'vm') continue;
    const slot = item.index % size;
    shown[slot] = true;
    next[slot] = { vm: row.vm, vmKey: row.key, index: item.index, top: item.start - HEADER_HEIGHT };
  }
  pool.current = next;
  // Slots never filled yet (a host row's position) are left out.
  return next.flatMap((row, i) => (row ? [{ shown: shown[i] ?? false, row }] : []));
}

function hostReasonText(status: HostStatus | undefined, t: (key: string) => string): string {
  return hostReason(status) ?? t('hostNotConnected');
}

/**
 * `label` remembered per name: pooled rows show other VMs at each filter keystroke, and an
 * i18next call with a parameter per row was a visible share of a keystroke on 2000 VMs.
 */
function remembered(label: (name: string) => string): (name: string) => string {
  const known = new Map<string, string>();
  return (name) => {
    let text = known.get(name);
    if (text === undefined) known.set(name, (text = label(name)));
    return text;
  };
}
