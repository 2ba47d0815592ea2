import { describe, expect, it } from 'vitest';
import {
  clickRow,
  EMPTY_SELECTION,
  moveFocus,
  pruneSelection,
  selectAll,
} from '../../../src/renderer/views/vm-list/selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const keys = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('selection', () => {
  it('click selects one; ctrl toggles; shift selects a range from the anchor', () => {
    let s = clickRow(EMPTY_SELECTION, order, 'b', { toggle: false, range: false });
    expect(keys(s)).toEqual(['b']);
    s = clickRow(s, order, 'd', { toggle: true, range: false });
    expect(keys(s)).toEqual(['b', 'd']);
    s = clickRow(s, order, 'b', { toggle: true, range: false });
    expect(keys(s)).toEqual(['d']);
    // The last Ctrl+click (on b) moved the anchor.
    s = clickRow(s, order, 'a', { toggle: false, range: true });
    expect(keys(s)).toEqual(['a', 'b']);
    s = clickRow(s, order, 'e', { toggle: false, range: true });
    expect(keys(s)).toEqual(['b', 'c', 'd', 'e']);
  });
  it('selects all and prunes rows no longer shown', () => {
    const s = selectAll(order);
    expect(keys(s)).toEqual(order);
    const pruned = pruneSelection(s, new Set(['b', 'c']));
    expect(keys(pruned)).toEqual(['b', 'c']);
    expect(pruned.anchor).toBeNull();
    expect(pruneSelection(pruned, new Set(order))).toBe(pruned);
  });
  it('moves focus with navigation keys, clamped', () => {
    expect(moveFocus('ArrowDown', 4, 5, 3)).toBe(4);
    expect(moveFocus('ArrowUp', 0, 5, 3)).toBe(0);
    expect(moveFocus('End', 0, 5, 3)).toBe(4);
    expect(moveFocus('Home', 3, 5, 3)).toBe(0);
    expect(moveFocus('PageDown', 1, 5, 3)).toBe(4);
    expect(moveFocus('PageUp', 4, 5, 3)).toBe(1);
    expect(moveFocus('x', 1, 5, 3)).toBeNull();
  });
});
