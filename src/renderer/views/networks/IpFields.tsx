import { Checkbox } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { DhcpHostsField } from './DhcpHostsField';
import { FormField } from '../../components/forms/FormField';
import type { IpForm } from './networkForm';
import type { FormErrors } from '../../components/forms/formErrors';

/** The IPv4 or IPv6 part of the network form: address, prefix, DHCP range, static hosts. */
export function IpFields({
  family,
  value,
  onChange,
  errors,
}: {
  family: 'ipv4' | 'ipv6';
  value: IpForm;
  onChange(value: IpForm): void;
  errors: FormErrors;
}) {
  const { t } = useTranslation('networks');
  const name = family === 'ipv4' ? 'IPv4' : 'IPv6';
  const set = (patch: Partial<IpForm>) => onChange({ ...value, ...patch });
  return (
    <>
      <FormField
        id={`vd-net-${family}-address`}
        label={t('form.address', { family: name })}
        value={value.address}
        onChange={(address) => set({ address })}
        error={errors.error(`${family}.address`)}
        isRequired
      />
      <FormField
        id={`vd-net-${family}-prefix`}
        label={t('form.prefix', { family: name })}
        value={value.prefix}
        onChange={(prefix) => set({ prefix })}
        error={errors.error(`${family}.prefix`)}
        isRequired
      />
      <Checkbox
        id={`vd-net-${family}-dhcp`}
        label={t('form.dhcp')}
        isChecked={value.dhcp}
        onChange={(_e, dhcp) => set({ dhcp })}
      />
      {value.dhcp && (
        <>
          <FormField
            id={`vd-net-${family}-dhcp-start`}
            label={t('form.dhcpStart', { family: name })}
            value={value.dhcpStart}
            onChange={(dhcpStart) => set({ dhcpStart })}
            error={errors.error(`${family}.dhcpStart`)}
          />
          <FormField
            id={`vd-net-${family}-dhcp-end`}
            label={t('form.dhcpEnd', { family: name })}
            value={value.dhcpEnd}
            onChange={(dhcpEnd) => set({ dhcpEnd })}
            error={errors.error(`${family}.dhcpEnd`)}
          />
          {family === 'ipv4' && (
            <DhcpHostsField
              rows={value.hosts}
              onChange={(hosts) => set({ hosts })}
              errors={errors}
            />
          )}
        </>
      )}
    </>
  );
}
