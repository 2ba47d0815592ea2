import {
  Button,
  FormSelect,
  FormSelectOption,
  SearchInput,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import CogIcon from '@patternfly/react-icons/dist/esm/icons/cog-icon';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig, VmSummary } from '../../../shared/api/types';
import { LifecycleButtons } from '../../components/lifecycle/LifecycleButtons';
import { connectionLabel } from '../connections/hostState';
import { DeleteVmsButton, useDeleteVms } from '../vm-delete/useDeleteVms';
import { useShortcutHandler } from '../../shortcuts/KeyboardProvider';
import { TemplateButton } from '../vm-template/TemplateButton';
import { CloneVmButton, useCloneVm } from '../vm-clone/useCloneVm';
import { STATE_FILTERS, type FilterUpdate, type StateFilter, type VmFilter } from './filterSort';
import { TagFilter } from './TagFilter';
import { ImportConfigButton } from '../native-config/NativeConfigButtons';

/**
 * The list's toolbar. A filter keystroke re-renders the filter group only: the buttons before
 * and after it are memoised on their own props (VmListView keeps those stable), which keeps a
 * keystroke on a 2000-VM list inside one frame (bench big-list).
 */
export function VmToolbar({
  filter,
  onFilter,
  connections,
  selectedVms,
  usable,
  onAddConnection,
  onSettings,
  onCreateVm,
  connectedIds,
}: {
  filter: VmFilter;
  /** setFilter's shape: the selects and the box each change their own field of the latest. */
  onFilter: FilterUpdate;
  connections: readonly ConnectionConfig[];
  selectedVms: readonly VmSummary[];
  usable: (vm: VmSummary) => boolean;
  onAddConnection: () => void;
  onSettings: () => void;
  /** Opens the New VM wizard; absent (button disabled) while no host is connected. */
  onCreateVm?: () => void;
  /** The connections that are connected now (Import config converts through one). */
  connectedIds?: ReadonlySet<string>;
}) {
  return (
    <Toolbar className="vd-toolbar" inset={{ default: 'insetMd' }}>
      <ToolbarContent>
        <CreateButtons
          connections={connections}
          onAddConnection={onAddConnection}
          onCreateVm={onCreateVm}
          connectedIds={connectedIds}
        />
        <FilterGroup filter={filter} onFilter={onFilter} connections={connections} />
        <SelectionButtons selectedVms={selectedVms} usable={usable} onSettings={onSettings} />
      </ToolbarContent>
    </Toolbar>
  );
}

const CreateButtons = memo(function CreateButtons({
  connections,
  onAddConnection,
  onCreateVm,
  connectedIds,
}: {
  connections: readonly ConnectionConfig[];
  onAddConnection: () => void;
  onCreateVm?: () => void;
  connectedIds?: ReadonlySet<string>;
}) {
  const { t } = useTranslation('vmList');
  return (
    <>
      <ToolbarItem>
        <Button variant="primary" icon={<PlusCircleIcon />} onClick={onAddConnection}>
          {t('connections:addConnection')}
        </Button>
      </ToolbarItem>
      <ToolbarItem>
        <Button variant="secondary" onClick={onCreateVm} isDisabled={!onCreateVm}>
          {t('newVm:createVm')}
        </Button>
      </ToolbarItem>
      <ImportConfigButton connections={connections.filter((c) => connectedIds?.has(c.id))} />
    </>
  );
});

/** The filter box and the selects; a keystroke re-renders the box, the selects are memoised. */
function FilterGroup({
  filter,
  onFilter,
  connections,
}: {
  filter: VmFilter;
  onFilter: FilterUpdate;
  connections: readonly ConnectionConfig[];
}) {
  const { t } = useTranslation('vmList');
  return (
    <ToolbarGroup variant="filter-group">
      <ToolbarItem>
        <SearchInput
          aria-label={t('filterLabel')}
          placeholder={t('filterPlaceholder')}
          value={filter.text}
          onChange={(_e, text) => onFilter((f) => ({ ...f, text }))}
          onClear={() => onFilter((f) => ({ ...f, text: '' }))}
        />
      </ToolbarItem>
      <FilterSelects
        state={filter.state}
        host={filter.host}
        tag={filter.tag}
        onFilter={onFilter}
        connections={connections}
      />
    </ToolbarGroup>
  );
}

const FilterSelects = memo(function FilterSelects({
  state,
  host,
  tag,
  onFilter,
  connections,
}: Pick<VmFilter, 'state' | 'host' | 'tag'> & {
  onFilter: FilterUpdate;
  connections: readonly ConnectionConfig[];
}) {
  const { t } = useTranslation('vmList');
  return (
    <>
      <ToolbarItem>
        <FormSelect
          aria-label={t('stateFilter')}
          value={state}
          onChange={(_e, next) => onFilter((f) => ({ ...f, state: next as StateFilter }))}
          className="vd-select"
        >
          {STATE_FILTERS.map((s) => (
            <FormSelectOption key={s} value={s} label={t(`stateFilterOption.${s}`)} />
          ))}
        </FormSelect>
      </ToolbarItem>
      <ToolbarItem>
        <FormSelect
          aria-label={t('hostFilter')}
          value={host}
          onChange={(_e, next) => onFilter((f) => ({ ...f, host: next }))}
          className="vd-select"
        >
          <FormSelectOption value="all" label={t('allHosts')} />
          {connections.map((c) => {
            const { label, hypervisor, where } = connectionLabel(c);
            return (
              <FormSelectOption
                key={c.id}
                value={c.id}
                label={label ?? t('connections:labelFromUri', { hypervisor, where })}
              />
            );
          })}
        </FormSelect>
      </ToolbarItem>
      <TagFilter tag={tag} onFilter={onFilter} />
    </>
  );
});

const SelectionButtons = memo(function SelectionButtons({
  selectedVms,
  usable,
  onSettings,
}: {
  selectedVms: readonly VmSummary[];
  usable: (vm: VmSummary) => boolean;
  onSettings: () => void;
}) {
  const { t } = useTranslation('vmList');
  const deleting = useDeleteVms();
  // The Delete key does what the Delete button does, on the VMs it would take.
  useShortcutHandler('delete', () => {
    const targets = selectedVms.filter(usable);
    if (targets.length > 0) deleting.start(targets);
  });
  const cloning = useCloneVm();
  return (
    <>
      <LifecycleButtons vms={selectedVms} usable={usable} />
      <TemplateButton vms={selectedVms} usable={usable} />
      <CloneVmButton vms={selectedVms} usable={usable} onClone={cloning.start} />
      {cloning.dialog}
      <DeleteVmsButton vms={selectedVms} usable={usable} onDelete={deleting.start} />
      {deleting.dialog}
      <ToolbarItem align={{ default: 'alignEnd' }}>
        <Button variant="plain" icon={<CogIcon />} onClick={onSettings}>
          {t('settings:title')}
        </Button>
      </ToolbarItem>
    </>
  );
});
