/** Multi-select as in a file manager: click, Ctrl/Cmd+click toggles, Shift+click a range. */

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where a Shift range starts: the last row clicked without Shift. */
  anchor: string | null;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), anchor: null };

export function clickRow(
  state: SelectionState,
  order: readonly string[],
  key: string,
  mods: { toggle: boolean; range: boolean },
): SelectionState {
  if (mods.range && state.anchor !== null) {
    const from = order.indexOf(state.anchor);
    const to = order.indexOf(key);
    if (from >= 0 && to >= 0) {
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      const range = order.slice(lo, hi + 1);
      const selected = mods.toggle ? new Set([...state.selected, ...range]) : new Set(range);
      return { selected, anchor: state.anchor };
    }
  }
  if (mods.toggle) return toggleRow(state, key);
  return { selected: new Set([key]), anchor: key };
}

export function toggleRow(state: SelectionState, key: string): SelectionState {
  const selected = new Set(state.selected);
  if (selected.has(key)) selected.delete(key);
  else selected.add(key);
  return { selected, anchor: key };
}

export function selectAll(order: readonly string[]): SelectionState {
  return { selected: new Set(order), anchor: order[0] ?? null };
}

/** Keeps only rows still shown (after a filter change or a VM going away). */
export function pruneSelection(state: SelectionState, shown: ReadonlySet<string>): SelectionState {
  let changed = false;
  for (const key of state.selected) if (!shown.has(key)) changed = true;
  if (!changed) return state;
  const selected = new Set([...state.selected].filter((key) => shown.has(key)));
  const anchor = state.anchor !== null && shown.has(state.anchor) ? state.anchor : null;
  return { selected, anchor };
}

/** Where a navigation key moves focus in a list of `count` rows; null when it is not one. */
export function moveFocus(
  key: string,
  index: number,
  count: number,
  pageSize: number,
): number | null {
  const last = count - 1;
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, last);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(index + pageSize, last);
    case 'PageUp':
      return Math.max(index - pageSize, 0);
    default:
      return null;
  }
}
