import { FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig } from '../../../shared/api/types';
import { connectionLabel } from '../connections/hostState';

/** What the New VM and New container wizards get: the hosts, the chosen one, and closing. */
export interface HostWizardProps {
  connections: readonly ConnectionConfig[];
  connectionId: string;
  onConnectionChange(connectionId: string): void;
  onClose(): void;
}

/** lxc:///, lxc+ssh://...: a connection to libvirt's LXC driver. */
export function isLxcUri(uri: string): boolean {
  return /^lxc(\+[a-z]+)?:/.test(uri);
}

/** xen:///, xen+ssh://...: a connection to libvirt's Xen (libxl) driver. */
export function isXenUri(uri: string): boolean {
  return /^xen(\+[a-z]+)?:/.test(uri);
}

/** The host a new VM or container is made on; changing it may change the wizard. */
export function HostPicker(props: HostWizardProps) {
  const { t } = useTranslation('newVm');
  return (
    <FormGroup label={t('host')} fieldId="vd-new-vm-host">
      <FormSelect
        id="vd-new-vm-host"
        value={props.connectionId}
        onChange={(_e, v) => props.onConnectionChange(v)}
      >
        {props.connections.map((c) => (
          <FormSelectOption key={c.id} value={c.id} label={connectionLabel(c).label ?? c.uri} />
        ))}
      </FormSelect>
    </FormGroup>
  );
}
