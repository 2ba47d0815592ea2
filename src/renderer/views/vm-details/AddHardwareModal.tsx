import { Form, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiError';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useApiQuery } from '../../state/queries';
import { FormError } from './cards/FormError';
import { NEW_DEVICE_KINDS } from '../../../shared/api/vmDetailsTypes';
import { VOLUME_FORMATS } from '../../../shared/api/methods/storage';
import { NIC_MODELS } from '../../../shared/deviceOptions';
import {
  ADD_DISK_BUSES,
  choicesFor,
  INITIAL_FORM,
  toNewDevice,
  type HardwareForm,
} from './newDevice';
import type { DetailsState } from './useVmDetails';

/** Add hardware: pick a kind, fill its few fields, Add (live where the guest can take it). */
export function AddHardwareModal({
  connectionId,
  state,
  onClose,
}: {
  connectionId: string;
  state: DetailsState;
  onClose(): void;
}) {
  const { t } = useTranslation('vmDetails');
  const [form, setForm] = useState<HardwareForm>(INITIAL_FORM);
  const [error, setError] = useState<string>();
  const { busy, run } = useSubmit((err) => setError(errorMessage(err)));
  // The host's devices are read only when the user picks the host device kind.
  const hostDevices = useApiQuery(
    'vms.hostDevices',
    form.kind === 'hostdev' ? { connectionId } : undefined,
  );
  // A new kind starts from its own first choice, not the last kind's.
  const set = (patch: Partial<HardwareForm>) =>
    setForm((f) => ({ ...f, ...patch, ...(patch.kind ? { choice: '' } : {}) }));

  const add = () =>
    run(async () => {
      const failed = await state.edit({ kind: 'addDevice', device: toNewDevice(form) });
      if (failed) setError(failed);
      else onClose();
    });

  const text = (id: keyof HardwareForm, label: string, type: 'text' | 'number' = 'text') => (
    <FormGroup label={label} fieldId={`vd-add-${id}`}>
      <TextInput
        id={`vd-add-${id}`}
        type={type}
        value={String(form[id])}
        onChange={(_e, v) => set({ [id]: v })}
      />
    </FormGroup>
  );
  const select = (id: keyof HardwareForm, label: string, options: [string, string][]) => (
    <FormGroup label={label} fieldId={`vd-add-${id}`}>
      <FormSelect
        id={`vd-add-${id}`}
        value={String(form[id])}
        onChange={(_e, v) => set({ [id]: v })}
      >
        {options.map(([value, name]) => (
          <FormSelectOption key={value} value={value} label={name} />
        ))}
      </FormSelect>
    </FormGroup>
  );
  const same = (values: readonly string[]): [string, string][] => values.map((v) => [v, v]);
  const choices = choicesFor(form.kind, state.details?.arch);

  return (
    <FormModal
      id="vd-add"
      title={t('add.title')}
      variant="medium"
      onClose={onClose}
      closeButton
      // Enter in a field does not add: the device is added only with the Add button.
      plain
      onSubmit={() => void add()}
      submitLabel={t('add.add')}
      busy={busy}
    >
      <Form onSubmit={(e) => e.preventDefault()}>
        {select(
          'kind',
          t('add.kind'),
          NEW_DEVICE_KINDS.map((k) => [k, t(`add.kinds.${k}`)]),
        )}
        {form.kind === 'disk' && (
          <>
            {select('device', t('add.device'), [
              ['disk', t('add.devices.disk')],
              ['cdrom', t('add.devices.cdrom')],
            ])}
            {select('storage', t('add.storage'), [
              ['new', t('add.storages.new')],
              ['existing', t('add.storages.existing')],
              ['empty', t('add.storages.empty')],
            ])}
            {form.storage === 'new' && (
              <>
                {text('pool', t('add.pool'))}
                {text('volume', t('add.volume'))}
                {text('sizeMiB', t('add.sizeMiB'), 'number')}
                {select('format', t('add.format'), same(VOLUME_FORMATS))}
              </>
            )}
            {form.storage === 'existing' && text('path', t('add.path'))}
            {select('bus', t('add.bus'), same(ADD_DISK_BUSES))}
          </>
        )}
        {form.kind === 'interface' && (
          <>
            {select('nicSource', t('add.nicSource'), [
              ['network', t('add.nicSources.network')],
              ['bridge', t('add.nicSources.bridge')],
            ])}
            {text('network', t('add.network'))}
            {select('model', t('add.model'), same(NIC_MODELS))}
            {text('mac', t('add.mac'))}
          </>
        )}
        {form.kind === 'hostdev' &&
          select('choice', t('add.hostDevice'), [
            ['', '—'],
            ...(hostDevices.data ?? []).map((d): [string, string] => [
              d.name,
              `${d.kind.toUpperCase()} ${d.label}`,
            ]),
          ])}
        {form.kind === 'filesystem' && (
          <>
            {text('path', t('add.sharedDir'))}
            {text('target', t('add.mountTag'))}
          </>
        )}
        {choices.length > 0 && select('choice', t('add.type'), same(choices))}
        <FormError message={error ?? hostDevices.error} />
      </Form>
    </FormModal>
  );
}
