import { FormGroup, FormSelect, FormSelectOption, Radio } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../components/forms/formErrors';
import type { StepProps } from './stepProps';

/** The network: a libvirt network (NAT "default" or another), a host bridge, macvtap, or none. */
export function NetworkStep({ form, update, facts, errors }: StepProps) {
  const { t } = useTranslation('newVm');
  const kinds = ['network', 'bridge', 'direct', 'none'] as const;
  const choices =
    form.netKind === 'network'
      ? (facts?.networks ?? []).map((n) => ({
          value: n.name,
          label: n.active ? n.name : t('network.inactive', { name: n.name }),
        }))
      : form.netKind === 'bridge'
        ? (facts?.bridges ?? []).map((b) => ({ value: b, label: b }))
        : (facts?.interfaces ?? []).map((i) => ({ value: i, label: i }));
  const pick = (kind: (typeof kinds)[number]) => {
    const first =
      kind === 'network'
        ? (facts?.networks.find((n) => n.name === 'default') ?? facts?.networks[0])?.name
        : kind === 'bridge'
          ? facts?.bridges[0]
          : facts?.interfaces[0];
    update({ netKind: kind, netName: first ?? '' });
  };
  return (
    <>
      <FormGroup role="radiogroup" isStack label={t('network.label')} fieldId="vd-net">
        {kinds.map((k) => (
          <Radio
            key={k}
            id={`vd-net-${k}`}
            name="vd-net"
            label={t(`network.${k}`)}
            isChecked={form.netKind === k}
            onChange={() => pick(k)}
          />
        ))}
      </FormGroup>
      {form.netKind !== 'none' && (
        <FormGroup label={t(`network.${form.netKind}Source`)} fieldId="vd-net-name">
          <FormSelect
            id="vd-net-name"
            value={form.netName}
            validated={errors.name ? 'error' : 'default'}
            onChange={(_e, v) => update({ netName: v })}
          >
            {!choices.some((c) => c.value === form.netName) && (
              <FormSelectOption value={form.netName} label={form.netName || '—'} />
            )}
            {choices.map((c) => (
              <FormSelectOption key={c.value} value={c.value} label={c.label} />
            ))}
          </FormSelect>
          <FieldError message={errors.name} />
        </FormGroup>
      )}
    </>
  );
}
