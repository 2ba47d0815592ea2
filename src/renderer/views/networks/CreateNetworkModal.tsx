import { Checkbox, FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NETWORK_MODES,
  type NetworkMode,
  type NetworkSummary,
} from '../../../shared/api/networkTypes';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { FormField } from '../../components/forms/FormField';
import { IpFields } from './IpFields';
import { defaultNetworkForm, formToSpec, type NetworkForm } from './networkForm';
import { useFormErrors } from '../../components/forms/formErrors';

const FIELDS = /^(name|mode|bridge|forwardDev|ipv4\..*|ipv6\..*)$/;

/** virt-manager's "Add network": the fields each mode needs, checked by the backend first. */
export function CreateNetworkModal({
  connectionId,
  existing,
  onCreated,
  onClose,
}: {
  connectionId: string;
  existing: NetworkSummary[];
  onCreated(network: NetworkSummary): void;
  onClose(): void;
}) {
  const { t } = useTranslation('networks');
  const client = useClient();
  const [form, setForm] = useState<NetworkForm>(() => defaultNetworkForm(existing));
  const errors = useFormErrors((f) => FIELDS.test(f));
  const { busy, run } = useSubmit(errors.fail);
  const set = (patch: Partial<NetworkForm>) => setForm((f) => ({ ...f, ...patch }));
  const bridged = form.mode === 'bridge';

  // The host's bridges, named in the bridge field's help (none named when they cannot be read).
  const interfaces = useApiQuery('host.interfaces', bridged ? { connectionId } : undefined);
  const bridges = interfaces.data?.interfaces.filter((i) => i.type === 'bridge').map((i) => i.name);

  const submit = async () => {
    errors.clear();
    await run(async () =>
      onCreated(await client.call('networks.create', { connectionId, spec: formToSpec(form) })),
    );
  };

  return (
    <FormModal
      id="vd-net-create"
      title={t('form.createTitle')}
      variant="medium"
      onClose={onClose}
      closeButton
      error={errors.general}
      errorDetail={errors.detail}
      onSubmit={() => void submit()}
      submitLabel={t('form.create')}
      busy={busy}
    >
      <FormField
        id="vd-net-name"
        label={t('form.name')}
        value={form.name}
        onChange={(name) => set({ name })}
        error={errors.error('name')}
        isRequired
      />
      <FormGroup label={t('form.mode')} fieldId="vd-net-mode">
        <FormSelect
          id="vd-net-mode"
          value={form.mode}
          onChange={(_e, mode) => set({ mode: mode as NetworkMode })}
        >
          {NETWORK_MODES.map((m) => (
            <FormSelectOption key={m} value={m} label={t(`mode.${m}`)} />
          ))}
        </FormSelect>
        <div className="vd-muted">{t(`modeHelp.${form.mode}`)}</div>
      </FormGroup>
      <FormField
        id="vd-net-bridge"
        label={t(bridged ? 'form.hostBridge' : 'form.bridge')}
        value={form.bridge}
        onChange={(bridge) => set({ bridge })}
        error={errors.error('bridge')}
        isRequired={bridged}
        placeholder={bridged ? 'br0' : 'virbr10'}
        help={
          bridged
            ? `${t('form.hostBridgeHelp')}${bridges && bridges.length > 0 ? ` (${bridges.join(', ')})` : ''}`
            : t('form.bridgeHelp')
        }
      />
      {(form.mode === 'nat' || form.mode === 'route') && (
        <FormField
          id="vd-net-forward-dev"
          label={t('form.forwardDev')}
          value={form.forwardDev}
          onChange={(forwardDev) => set({ forwardDev })}
          error={errors.error('forwardDev')}
          help={t('form.forwardDevHelp')}
        />
      )}
      {!bridged && (
        <>
          <IpFields
            family="ipv4"
            value={form.ipv4}
            onChange={(ipv4) => set({ ipv4 })}
            errors={errors}
          />
          <Checkbox
            id="vd-net-ipv6"
            label={t('form.enableIpv6')}
            isChecked={form.ipv6Enabled}
            onChange={(_e, ipv6Enabled) => set({ ipv6Enabled })}
          />
          {form.ipv6Enabled && (
            <IpFields
              family="ipv6"
              value={form.ipv6}
              onChange={(ipv6) => set({ ipv6 })}
              errors={errors}
            />
          )}
        </>
      )}
      <Checkbox
        id="vd-net-autostart"
        label={t('form.autostart')}
        isChecked={form.autostart}
        onChange={(_e, autostart) => set({ autostart })}
      />
      <Checkbox
        id="vd-net-start"
        label={t('form.start')}
        isChecked={form.start}
        onChange={(_e, start) => set({ start })}
      />
    </FormModal>
  );
}
