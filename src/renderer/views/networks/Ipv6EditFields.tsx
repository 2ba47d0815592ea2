import { Checkbox } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { DhcpHostsField } from './DhcpHostsField';
import type { EditForm } from './editNetworkForm';
import { FormField } from '../../components/forms/FormField';
import type { FormErrors } from '../../components/forms/formErrors';

/** The IPv6 part of the edit dialog: the subnet, the DHCPv6 range and the static hosts. */
export function Ipv6EditFields({
  form,
  set,
  errors,
}: {
  form: EditForm;
  set(patch: Partial<EditForm>): void;
  errors: FormErrors;
}) {
  const { t } = useTranslation('networks');
  return (
    <>
      <Checkbox
        id="vd-net-edit-ipv6"
        label={t('form.enableIpv6')}
        isChecked={form.ipv6}
        onChange={(_e, ipv6) => set({ ipv6 })}
      />
      {form.ipv6 && (
        <>
          <FormField
            id="vd-net-edit-ipv6-address"
            label={t('form.address', { family: 'IPv6' })}
            value={form.ipv6Address}
            onChange={(ipv6Address) => set({ ipv6Address })}
            error={errors.error('ipv6.address')}
            isRequired
          />
          <FormField
            id="vd-net-edit-ipv6-prefix"
            label={t('form.prefix', { family: 'IPv6' })}
            value={form.ipv6Prefix}
            onChange={(ipv6Prefix) => set({ ipv6Prefix })}
            error={errors.error('ipv6.prefix')}
            isRequired
          />
          <Checkbox
            id="vd-net-edit-ipv6-dhcp"
            label={t('form.dhcp6')}
            isChecked={form.ipv6Dhcp}
            onChange={(_e, ipv6Dhcp) => set({ ipv6Dhcp })}
          />
          {form.ipv6Dhcp && (
            <>
              <FormField
                id="vd-net-edit-ipv6-start"
                label={t('form.dhcpStart', { family: 'IPv6' })}
                value={form.ipv6Start}
                onChange={(ipv6Start) => set({ ipv6Start })}
                error={errors.error('ipv6.dhcpStart')}
              />
              <FormField
                id="vd-net-edit-ipv6-end"
                label={t('form.dhcpEnd', { family: 'IPv6' })}
                value={form.ipv6End}
                onChange={(ipv6End) => set({ ipv6End })}
                error={errors.error('ipv6.dhcpEnd')}
              />
              <DhcpHostsField
                family="ipv6"
                rows={form.ipv6Hosts}
                onChange={(ipv6Hosts) => set({ ipv6Hosts })}
                errors={errors}
              />
            </>
          )}
        </>
      )}
    </>
  );
}
