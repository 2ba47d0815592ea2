import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_READ_YET, VmRow } from '../../../src/renderer/views/vm-list/VmRow';
import { fakeBackend, renderWithServices } from './support/fakeBackend';
import { ROW_LABELS, vm } from './fixtures';

afterEach(cleanup);

function cellsOf(row: Parameters<typeof VmRow>[0]['vm']): string[] {
  renderWithServices(
    fakeBackend({}),
    <div role="grid">
      <VmRow
        vm={row}
        vmKey={`c1/${row.uuid}`}
        index={0}
        selected={false}
        focused={false}
        hostReason={undefined}
        top={0}
        handlers={{ onClick: () => {}, onOpen: () => {} }}
        labels={ROW_LABELS}
      />
    </div>,
  );
  return screen.getAllByRole('gridcell').map((cell) => cell.textContent ?? '');
}

describe('a VM row while the first listing is still reading sizes', () => {
  it('shows its sizes as not read yet instead of zero', () => {
    const cells = cellsOf(vm('big-0001', { vcpus: 0, memoryKiB: 0, pending: 'sizes' }));
    expect(cells.filter((text) => text === NOT_READ_YET)).toHaveLength(2);
    expect(cells.join(' ')).not.toMatch(/\b0 (B|KiB|MiB)\b/);
  });

  it('shows them once the row is whole', () => {
    const cells = cellsOf(vm('big-0001', { vcpus: 3, memoryKiB: 2 * 1024 * 1024 }));
    expect(cells).not.toContain(NOT_READ_YET);
    expect(cells).toContain('3');
    expect(cells.join(' ')).toMatch(/2(\.0)? GiB/);
  });
});
