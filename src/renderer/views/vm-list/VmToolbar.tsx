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
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig, VmSummary } from '../../../shared/api/types';
import { LifecycleButtons } from '../../components/lifecycle/LifecycleButtons';
import { connectionLabel } from '../connections/hostState';
import { DeleteVmsButton, useDeleteVms } from '../vm-delete/useDeleteVms';
import { useShortcutHandler } from '../../shortcuts/KeyboardProvider';
import { TemplateButton } from '../vm-template/TemplateButton';
import { CloneVmButton, useCloneVm } from '../vm-clone/useCloneVm';
import { STATE_FILTERS, type StateFilter, type VmFilter } from './filterSort';
import { TagFilter } from './TagFilter';
import { ImportConfigButton } from '../native-config/NativeConfigButtons';

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
  onFilter: (next: VmFilter) => void;
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
  const { t } = useTranslation('vmList');
  const deleting = useDeleteVms();
  // The Delete key does what the Delete button does, on the VMs it would take.
  useShortcutHandler('delete', () => {
    const targets = selectedVms.filter(usable);
    if (targets.length > 0) deleting.start(targets);
  });
  const cloning = useCloneVm();
  return (
    <Toolbar className="vd-toolbar" inset={{ default: 'insetMd' }}>
      <ToolbarContent>
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
        <ToolbarGroup variant="filter-group">
          <ToolbarItem>
            <SearchInput
              aria-label={t('filterLabel')}
              placeholder={t('filterPlaceholder')}
              value={filter.text}
              onChange={(_e, text) => onFilter({ ...filter, text })}
              onClear={() => onFilter({ ...filter, text: '' })}
            />
          </ToolbarItem>
          <ToolbarItem>
            <FormSelect
              aria-label={t('stateFilter')}
              value={filter.state}
              onChange={(_e, state) => onFilter({ ...filter, state: state as StateFilter })}
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
              value={filter.host}
              onChange={(_e, host) => onFilter({ ...filter, host })}
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
          <TagFilter filter={filter} onFilter={onFilter} />
        </ToolbarGroup>
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
      </ToolbarContent>
    </Toolbar>
  );
}
