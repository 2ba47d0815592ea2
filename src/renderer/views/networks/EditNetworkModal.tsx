import {
  Alert,
  Checkbox,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Spinner,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkEditResult, NetworkSummary } from '../../../shared/api/networkTypes';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { DhcpHostsField } from './DhcpHostsField';
import {
  EDITABLE_MODES,
  editChanges,
  editFormOf,
  isRoutedLike,
  type EditForm,
} from './editNetworkForm';
import { FormField } from '../../components/forms/FormField';
import { Ipv6EditFields } from './Ipv6EditFields';
import { useFormErrors } from '../../components/forms/formErrors';

const FIELDS = /^(mode|bridge|domain|ipv4\..*|ipv6\..*)$/;

/**
 * Edits a defined network from its persistent definition (edits waiting for a restart
 * included): forward mode, bridge, DNS domain, the IPv4 DHCP range and static hosts, and the
 * IPv6 subnet with its DHCPv6 range and static hosts. Only what changed is sent.
 */
export function EditNetworkModal({
  connectionId,
  network,
  onSaved,
  onClose,
}: {
  connectionId: string;
  network: NetworkSummary;
  onSaved(result: NetworkEditResult): void;
  onClose(): void;
}) {
  const { t } = useTranslation('networks');
  const client = useClient();
  const loaded = useApiQuery('networks.definition', { connectionId, name: network.name });
  const definition = loaded.data;
  // The form as the user changed it; undefined while it is the definition as read.
  const [edited, setEdited] = useState<EditForm>();
  const form = edited ?? (definition && editFormOf(definition));
  const errors = useFormErrors((f) => FIELDS.test(f));
  const { busy, run } = useSubmit(errors.fail);
  const set = (patch: Partial<EditForm>) =>
    setEdited((f) => {
      const base = f ?? (definition && editFormOf(definition));
      return base && { ...base, ...patch };
    });

  const submit = async () => {
    if (!definition || !form) return;
    errors.clear();
    await run(async () => {
      const changes = editChanges(definition, form);
      onSaved(await client.call('networks.edit', { connectionId, name: network.name, changes }));
    });
  };

  const routed = definition ? isRoutedLike(definition) : false;
  const hasIpv4 = definition?.ips.some((ip) => ip.family === 'ipv4') ?? false;
  return (
    <FormModal
      id="vd-net-edit"
      title={t('form.editTitle', { name: network.name })}
      variant="medium"
      onClose={onClose}
      closeButton
      // Nothing can be submitted until the definition is loaded, so one of the two at most.
      error={loaded.error ?? errors.general}
      errorDetail={loaded.error ? undefined : errors.detail}
      onSubmit={() => void submit()}
      submitLabel={t('form.save')}
      busy={busy}
      submitDisabled={!form}
    >
      {!form && !loaded.error && <Spinner size="lg" aria-label={t('form.loading')} />}
      {form && definition && (
        <>
          {!routed && <Alert variant="info" isInline title={t('form.bridgeModeNoEdit')} />}
          {routed && (
            <FormGroup label={t('form.mode')} fieldId="vd-net-edit-mode">
              <FormSelect
                id="vd-net-edit-mode"
                value={form.mode}
                onChange={(_e, mode) => set({ mode })}
              >
                {EDITABLE_MODES.map((m) => (
                  <FormSelectOption key={m} value={m} label={t(`mode.${m}`)} />
                ))}
              </FormSelect>
              {errors.error('mode') && <div className="vd-error">{errors.error('mode')}</div>}
            </FormGroup>
          )}
          {(routed || definition.forwardMode === 'bridge') && (
            <FormField
              id="vd-net-edit-bridge"
              label={t(routed ? 'form.bridge' : 'form.hostBridge')}
              value={form.bridge}
              onChange={(bridge) => set({ bridge })}
              error={errors.error('bridge')}
              help={t(routed ? 'form.bridgeEditHelp' : 'form.hostBridgeHelp')}
            />
          )}
          {routed && (
            <FormField
              id="vd-net-edit-domain"
              label={t('form.domain')}
              value={form.domain}
              onChange={(domain) => set({ domain })}
              error={errors.error('domain')}
              help={t('form.domainHelp')}
              placeholder="lab.example"
            />
          )}
          {hasIpv4 && (
            <>
              <Checkbox
                id="vd-net-edit-dhcp"
                label={t('form.dhcp')}
                isChecked={form.ipv4Dhcp}
                onChange={(_e, ipv4Dhcp) => set({ ipv4Dhcp })}
              />
              {form.ipv4Dhcp && (
                <>
                  <FormField
                    id="vd-net-edit-start"
                    label={t('form.dhcpStart', { family: 'IPv4' })}
                    value={form.ipv4Start}
                    onChange={(ipv4Start) => set({ ipv4Start })}
                    error={errors.error('ipv4.dhcpStart')}
                  />
                  <FormField
                    id="vd-net-edit-end"
                    label={t('form.dhcpEnd', { family: 'IPv4' })}
                    value={form.ipv4End}
                    onChange={(ipv4End) => set({ ipv4End })}
                    error={errors.error('ipv4.dhcpEnd')}
                  />
                  <DhcpHostsField
                    rows={form.ipv4Hosts}
                    onChange={(ipv4Hosts) => set({ ipv4Hosts })}
                    errors={errors}
                  />
                </>
              )}
            </>
          )}
          {routed && <Ipv6EditFields form={form} set={set} errors={errors} />}
        </>
      )}
    </FormModal>
  );
}
