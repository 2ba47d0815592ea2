import { memo, type MouseEvent } from 'react';
import type { VmState, VmSummary } from '../../../shared/api/types';
import { AutostartSwitch } from './AutostartSwitch';
import { formatKiB } from '../../format';
import { StateLabel } from './StateLabel';
import { StatsCells } from './StatsCells';
import { TemplateBadge } from '../vm-template/TemplateBadge';

/** A size the host's first listing has not read yet (VmSummary.pending): the same in every language. */
export const NOT_READ_YET = '…';

const ACTIVE_STATES = new Set(['running', 'blocked', 'paused', 'shutdown', 'pmsuspended']);

/** A row's words, translated once by the grid for all rows. */
export interface RowLabels {
  state: Record<VmState, string>;
  sparklines: { cpu: string; memory: string };
  autostartOf(name: string): string;
  /** The template badge's word. */
  template: string;
}

export interface RowHandlers {
  onClick(index: number, event: MouseEvent): void;
  onOpen(vm: VmSummary): void;
}

/**
 * One VM. Memoised on its props: a stats tick, a filter keystroke or a selection change
 * re-renders only the rows whose own VM, position, selection or focus changed. The grid pools
 * rows by position, so one instance shows different VMs over time: keep no per-VM state here.
 */
export const VmRow = memo(function VmRow({
  vm,
  vmKey,
  index,
  selected,
  focused,
  hostReason,
  top,
  handlers,
  labels,
  hidden = false,
}: {
  vm: VmSummary;
  vmKey: string;
  index: number;
  selected: boolean;
  focused: boolean;
  /** Set when the VM's host is not connected: the row is greyed out and says why. */
  hostReason: string | undefined;
  /** Offset in the list body; rows are placed by transform, never by layout. */
  top: number;
  handlers: RowHandlers;
  labels: RowLabels;
  /** A pooled row the list does not need now (VmGrid keeps it mounted for the next one). */
  hidden?: boolean;
}) {
  const disabled = hostReason !== undefined;
  const active = !disabled && ACTIVE_STATES.has(vm.state);
  const sizesKnown = vm.pending !== 'sizes';
  return (
    <div
      role="row"
      aria-label={vm.name}
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-disabled={disabled || undefined}
      tabIndex={focused ? 0 : -1}
      data-index={hidden ? undefined : index}
      data-key={hidden ? undefined : vmKey}
      hidden={hidden}
      aria-hidden={hidden || undefined}
      className={`vd-row vd-row--vm${selected ? ' vd-row--selected' : ''}${disabled ? ' vd-row--disabled' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      title={hostReason}
      onClick={(event) => handlers.onClick(index, event)}
      onDoubleClick={(event) => {
        if (!isInteractive(event.target)) handlers.onOpen(vm);
      }}
    >
      <div role="gridcell" className="vd-cell vd-cell--name vd-col--name">
        <bdi className="vd-vm-name">{vm.name}</bdi>
        {vm.template && <TemplateBadge text={labels.template} />}
      </div>
      <div role="gridcell" className="vd-cell vd-col--state">
        <StateLabel state={vm.state} text={labels.state[vm.state]} />
        {hostReason && <span className="vd-row-reason">{hostReason}</span>}
      </div>
      <StatsCells
        vmKey={vmKey}
        maxMemoryKiB={vm.maxMemoryKiB || vm.memoryKiB}
        active={active}
        labels={labels.sparklines}
      />
      <div role="gridcell" className="vd-cell vd-cell--number vd-col--vcpus">
        {sizesKnown ? vm.vcpus : NOT_READ_YET}
      </div>
      <div role="gridcell" className="vd-cell vd-cell--number vd-col--memorySize">
        <bdi>{sizesKnown ? formatKiB(vm.memoryKiB) : NOT_READ_YET}</bdi>
      </div>
      <div role="gridcell" className="vd-cell vd-col--autostart">
        <AutostartSwitch vm={vm} disabled={disabled} label={labels.autostartOf(vm.name)} />
      </div>
    </div>
  );
});

/** Clicks on a row's own controls (the autostart switch) do not select or open the row. */
export function isInteractive(target: EventTarget): boolean {
  return target instanceof Element && target.closest('button, input, a, label, select') !== null;
}
