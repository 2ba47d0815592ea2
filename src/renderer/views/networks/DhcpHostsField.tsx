import { Button, FormGroup, TextInput } from '@patternfly/react-core';
import MinusCircleIcon from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import { useTranslation } from 'react-i18next';
import type { HostRow } from './networkForm';
import './networks.css';
import type { FormErrors } from '../../components/forms/formErrors';

/**
 * Static DHCP hosts, one row each: IPv4 MAC -> address, name (errors named ipv4.hosts.N.*);
 * IPv6 DUID -> address, name (the row's first column holds the DUID; errors ipv6.hosts.N.*).
 */
export function DhcpHostsField({
  rows,
  onChange,
  errors,
  family = 'ipv4',
}: {
  rows: HostRow[];
  onChange(rows: HostRow[]): void;
  errors: FormErrors;
  family?: 'ipv4' | 'ipv6';
}) {
  const { t } = useTranslation('networks');
  const v6 = family === 'ipv6';
  const key = v6 ? 'id' : 'mac';
  const set = (i: number, patch: Partial<HostRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <FormGroup
      label={t(v6 ? 'form.hosts6' : 'form.hosts')}
      role="group"
      fieldId={`vd-net-hosts-${family}`}
    >
      {rows.map((row, i) => {
        const n = i + 1;
        const at = `${family}.hosts.${i}`;
        const error =
          errors.error(at) ??
          errors.error(`${at}.${key}`) ??
          errors.error(`${at}.ip`) ??
          errors.error(`${at}.name`);
        return (
          <div key={i} className="vd-net-host-row">
            <TextInput
              aria-label={t(v6 ? 'form.hostDuid' : 'form.hostMac', { n })}
              placeholder={v6 ? '0:3:0:1:52:54:0:12:34:56' : '52:54:00:12:34:56'}
              value={row.mac}
              validated={errors.validated(`${at}.${key}`)}
              onChange={(_e, v) => set(i, { mac: v })}
            />
            <TextInput
              aria-label={t(v6 ? 'form.hostIp6' : 'form.hostIp', { n })}
              value={row.ip}
              validated={errors.validated(`${at}.ip`)}
              onChange={(_e, v) => set(i, { ip: v })}
            />
            <TextInput
              aria-label={t(v6 ? 'form.hostName6' : 'form.hostName', { n })}
              value={row.name}
              validated={errors.validated(`${at}.name`)}
              onChange={(_e, v) => set(i, { name: v })}
            />
            <Button
              variant="plain"
              aria-label={t(v6 ? 'form.removeHost6' : 'form.removeHost', { n })}
              icon={<MinusCircleIcon />}
              onClick={() => onChange(rows.filter((_r, j) => j !== i))}
            />
            {error && (
              <div className="pf-v6-c-helper-text__item pf-m-error vd-net-host-error">{error}</div>
            )}
          </div>
        );
      })}
      <Button
        variant="link"
        icon={<PlusCircleIcon />}
        onClick={() => onChange([...rows, { mac: '', ip: '', name: '' }])}
      >
        {t(v6 ? 'form.addHost6' : 'form.addHost')}
      </Button>
    </FormGroup>
  );
}
