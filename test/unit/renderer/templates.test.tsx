/**
 * The template mark in the renderer, on the list's toolbar and row as the list shows the store's
 * VM (the VM page uses the same TemplateButton, LifecycleButtons and TemplateBadge; its graphs
 * need a canvas, so the page itself is seen in the e2e): "Mark as template" / "Convert to VM"
 * sends vms.setTemplate, the badge appears when the row comes back marked, Run is disabled with
 * the reason in a tooltip; a running VM says why it cannot become one; a refusal becomes a
 * notice; several selected VMs are not marked at once.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { useSlice, useStore } from '../../../src/renderer/state/context';
import { vmKey } from '../../../src/renderer/state/vmKey';
import { NotRunning } from '../../../src/renderer/views/console/ConsoleStates';
import { VmRow } from '../../../src/renderer/views/vm-list/VmRow';
import { VmToolbar } from '../../../src/renderer/views/vm-list/VmToolbar';
import type { VmSummary } from '../../../src/shared/api/types';
import { ROW_LABELS, vm } from './fixtures';
import { fakeBackend, Refusal, renderWithServices, type FakeBackend } from './support/fakeBackend';

afterEach(cleanup);

const NOT_RUN = 'A template is not run: clone it, or convert it back to a VM';

function Row({ vm: v }: { vm: VmSummary }) {
  return (
    <VmRow
      vm={v}
      vmKey={v.uuid}
      index={0}
      selected
      focused={false}
      hostReason={undefined}
      top={0}
      handlers={{ onClick: () => {}, onOpen: () => {} }}
      labels={ROW_LABELS}
    />
  );
}

function Toolbar({ selected }: { selected: readonly VmSummary[] }) {
  return (
    <VmToolbar
      filter={{ text: '', state: 'all', host: 'all' }}
      onFilter={() => {}}
      connections={[]}
      selectedVms={selected}
      usable={() => true}
      onAddConnection={() => {}}
      onSettings={() => {}}
    />
  );
}

/** The list's toolbar and row for the VMs `keys`, as the store holds them now. */
function Selection({ keys }: { keys: readonly string[] }) {
  const store = useStore();
  const all = useSlice(store.vms);
  const vms = keys.map((k) => all.get(k)).filter((v): v is VmSummary => v !== undefined);
  return (
    <>
      <Toolbar selected={vms} />
      {vms.map((v) => (
        <Row key={v.uuid} vm={v} />
      ))}
    </>
  );
}

function renderSelection(
  start: readonly VmSummary[],
  answers: Parameters<typeof fakeBackend>[0] = {},
) {
  const backend = fakeBackend({ 'vms.setTemplate': () => null, ...answers });
  const store = createAppStore();
  store.vmDelta({ connectionId: 'c1', upsert: [...start], remove: [] });
  renderWithServices(
    backend,
    <Selection keys={start.map((v) => vmKey(v.connectionId, v.uuid))} />,
    store,
  );
  return { backend, store };
}

const rowOf = (name: string) => screen.getByRole('row', { name });
const button = (name: string) => screen.getByRole('button', { name });

async function tooltipOf(target: HTMLElement): Promise<string> {
  fireEvent.mouseEnter(target);
  fireEvent.focus(target);
  return (await screen.findByRole('tooltip')).textContent ?? '';
}

function emitRow(backend: FakeBackend, row: VmSummary) {
  backend.emit('vms.delta', { connectionId: row.connectionId, upsert: [row], remove: [] });
}

describe('Template mark', () => {
  it('marks a shut-off VM, then shows the badge and disables Run, saying why', async () => {
    const base = vm('base 名', { state: 'shutoff' });
    const { backend } = renderSelection([base]);
    await screen.findByRole('button', { name: 'Mark as template' });
    expect(within(rowOf('base 名')).queryByText('Template')).toBeNull();
    expect(button('Run').hasAttribute('disabled')).toBe(false);

    fireEvent.click(button('Mark as template'));
    await waitFor(() => expect(backend.count('vms.setTemplate')).toBe(1));
    expect(backend.calls.find((c) => c.method === 'vms.setTemplate')?.params).toEqual({
      connectionId: 'c1',
      uuid: 'uuid-base 名',
      template: true,
    });

    // The backend's metadata event brings the row back marked.
    emitRow(backend, { ...base, template: true });
    await within(rowOf('base 名')).findByText('Template');
    const run = button('Run');
    expect(run.getAttribute('aria-disabled')).toBe('true');
    expect(await tooltipOf(run)).toBe(NOT_RUN);
    expect(button('Restore').getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(button('Convert to VM'));
    await waitFor(() => expect(backend.count('vms.setTemplate')).toBe(2));
    expect(backend.calls.at(-1)?.params).toMatchObject({ template: false });
    expect(backend.calls.filter((c) => c.method === 'vms.action')).toEqual([]);
  });

  it('says why a running VM cannot become a template, and sends nothing', async () => {
    const { backend } = renderSelection([vm('web', { state: 'running' })]);
    const mark = await screen.findByRole('button', { name: 'Mark as template' });
    expect(mark.getAttribute('aria-disabled')).toBe('true');
    expect(await tooltipOf(mark)).toBe('Shut the VM down to make it a template');
    fireEvent.click(mark);
    expect(backend.count('vms.setTemplate')).toBe(0);
  });

  it("turns the backend's refusal into a notice naming the VM", async () => {
    const { store } = renderSelection([vm('web', { state: 'shutoff' })], {
      'vms.setTemplate': () => {
        throw new Refusal({ code: 'invalid-input', message: '"web" cannot become a template' });
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Mark as template' }));
    await waitFor(() => expect(store.notices.get()).toHaveLength(1));
    expect(store.notices.get()[0]).toMatchObject({
      variant: 'danger',
      titleKey: 'templates:failed.mark',
      params: { name: 'web' },
      message: '"web" cannot become a template',
    });
  });
});

describe('Template mark with several VMs', () => {
  it('shows the badge in template rows only, and marks none of several at once', () => {
    const { backend } = renderSelection([
      vm('base', { state: 'shutoff', template: true }),
      vm('web', { state: 'shutoff' }),
    ]);
    expect(within(rowOf('base')).getByText('Template')).toBeTruthy();
    expect(within(rowOf('web')).queryByText('Template')).toBeNull();

    expect(button('Mark as template').hasAttribute('disabled')).toBe(true);
    fireEvent.click(button('Mark as template'));
    expect(backend.count('vms.setTemplate')).toBe(0);
    // The plain VM of the selection can still run.
    expect(button('Run').hasAttribute('disabled')).toBe(false);
  });
});

describe("A template's console", () => {
  it('offers no Run, and says why', () => {
    renderWithServices(
      fakeBackend({}),
      <>
        <NotRunning vm={vm('base', { state: 'shutoff', template: true })} usable />
        <NotRunning vm={vm('web', { state: 'shutoff' })} usable />
      </>,
    );
    const [templateRun, plainRun] = screen.getAllByRole('button', { name: 'Run' });
    expect(templateRun?.hasAttribute('disabled')).toBe(true);
    expect(plainRun?.hasAttribute('disabled')).toBe(false);
    expect(screen.getByText(NOT_RUN)).toBeTruthy();
    expect(screen.getAllByText('Start the virtual machine to see its console.')).toHaveLength(1);
  });
});
