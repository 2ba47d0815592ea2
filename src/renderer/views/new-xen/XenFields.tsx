import { Checkbox, FormGroup, Radio } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { XEN_GUEST_KINDS, type XenHostFacts } from '../../../shared/api/methods/xen';
import { FormField } from '../../components/forms/FormField';
import type { FormErrors } from '../../components/forms/formErrors';
import { SelectField } from '../../components/forms/SelectField';
import type { XenForm } from './xenForm';

/** Every field of a new Xen guest; each backend error shows under the field it names. */
export function XenFields(props: {
  form: XenForm;
  update(patch: Partial<XenForm>, field: string): void;
  facts?: XenHostFacts;
  errors: FormErrors;
}) {
  const { t } = useTranslation('xen');
  const { form, update, facts, errors } = props;
  const set =
    (field: keyof XenForm, errorField: string = field) =>
    (value: string) =>
      update({ [field]: value }, errorField);
  const bridges = facts?.bridges ?? [];
  return (
    <>
      <FormGroup role="radiogroup" isStack label={t('kind.label')} fieldId="vd-xen-kind">
        {XEN_GUEST_KINDS.map((kind) => (
          <Radio
            key={kind}
            id={`vd-xen-kind-${kind}`}
            name="vd-xen-kind"
            label={t(`kind.${kind}`)}
            description={t(`kind.${kind}-help`)}
            isChecked={form.kind === kind}
            onChange={() => update({ kind }, 'kind')}
          />
        ))}
      </FormGroup>
      <FormField
        id="vd-xen-name"
        label={t('name')}
        isRequired
        value={form.name}
        onChange={set('name')}
        error={errors.error('name')}
      />
      {form.kind === 'pv-kernel' && (
        <>
          <FormField
            id="vd-xen-kernel"
            label={t('kernel')}
            isRequired
            value={form.kernel}
            onChange={set('kernel')}
            placeholder="/boot/vmlinuz"
            help={t('kernelHelp')}
            error={errors.error('kernel')}
          />
          <FormField
            id="vd-xen-initrd"
            label={t('initrd')}
            value={form.initrd}
            onChange={set('initrd')}
            placeholder="/boot/initrd.img"
            help={t('optional')}
            error={errors.error('initrd')}
          />
          <FormField
            id="vd-xen-cmdline"
            label={t('cmdline')}
            value={form.cmdline}
            onChange={set('cmdline')}
            placeholder="root=/dev/xvda1 ro console=hvc0"
            help={t('optional')}
            error={errors.error('cmdline')}
          />
        </>
      )}
      {form.kind === 'pv-bootloader' && (
        <FormField
          id="vd-xen-bootloader"
          label={t('bootloader')}
          value={form.bootloader}
          onChange={set('bootloader')}
          help={t('bootloaderHelp')}
          error={errors.error('bootloader')}
        />
      )}
      {form.kind === 'hvm' && (
        <FormField
          id="vd-xen-iso"
          label={t('iso')}
          isRequired
          value={form.iso}
          onChange={set('iso')}
          placeholder="/var/lib/xen/images/debian.iso"
          help={t('isoHelp')}
          error={errors.error('iso')}
        />
      )}
      <FormField
        id="vd-xen-memory"
        label={t('memory')}
        type="number"
        value={form.memoryMiB}
        onChange={set('memoryMiB')}
        help={facts && t('hostMemory', { mib: facts.memoryMiB })}
        error={errors.error('memoryMiB')}
      />
      <FormField
        id="vd-xen-vcpus"
        label={t('vcpus')}
        type="number"
        value={form.vcpus}
        onChange={set('vcpus')}
        help={facts && t('hostCpus', { cpus: facts.cpus })}
        error={errors.error('vcpus')}
      />
      <FormField
        id="vd-xen-disk"
        label={t('disk')}
        isRequired
        value={form.disk}
        onChange={set('disk')}
        placeholder="/var/lib/xen/images/NAME.img"
        help={t('diskHelp')}
        error={errors.error('disk')}
      />
      <SelectField
        id="vd-xen-disk-format"
        label={t('diskFormat')}
        value={form.diskFormat}
        options={[
          ['raw', t('diskFormats.raw')],
          ['qcow2', t('diskFormats.qcow2')],
        ]}
        onChange={(diskFormat) => update({ diskFormat }, 'disk')}
      />
      <SelectField
        id="vd-xen-net-kind"
        label={t('network.label')}
        value={form.netKind}
        options={[
          ['bridge', t('network.bridge')],
          ['none', t('network.none')],
        ]}
        onChange={(netKind) => update({ netKind }, 'network.name')}
      />
      {form.netKind === 'bridge' && (
        <>
          <FormField
            id="vd-xen-bridge"
            label={t('network.bridgeName')}
            value={form.bridge}
            onChange={set('bridge', 'network.name')}
            help={
              bridges.length > 0
                ? t('network.hostBridges', { names: bridges.join(', ') })
                : undefined
            }
            error={errors.error('network.name')}
          />
          <FormField
            id="vd-xen-mac"
            label={t('network.mac')}
            value={form.mac}
            onChange={set('mac', 'network.mac')}
            error={errors.error('network.mac')}
          />
        </>
      )}
      <Checkbox
        id="vd-xen-start"
        label={t('start')}
        isChecked={form.start}
        onChange={(_e, start) => update({ start }, 'start')}
      />
    </>
  );
}
