import { Button, FormGroup, TextInput } from '@patternfly/react-core';
import MinusCircleIcon from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import { useTranslation } from 'react-i18next';
import type { HostRow } from './networkForm';
import './networks.css';
import type { FieldErrorsState } from './useFieldErrors';

/** Static DHCP hosts (MAC -> address, name), one row each; errors named ipv4.hosts.N.*. */
export function DhcpHostsField({
  rows,
  onChange,
  errors,
}: {
  rows: HostRow[];
  onChange(rows: HostRow[]): void;
  errors: FieldErrorsState;
}) {
  const { t } = useTranslation('networks');
  const set = (i: number, patch: Partial<HostRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <FormGroup label={t('form.hosts')} role="group" fieldId="vd-net-hosts">
      {rows.map((row, i) => {
        const n = i + 1;
        const at = `ipv4.hosts.${i}`;
        const error =
          errors.of(at) ??
          errors.of(`${at}.mac`) ??
          errors.of(`${at}.ip`) ??
          errors.of(`${at}.name`);
        return (
          <div key={i} className="vd-net-host-row">
            <TextInput
              aria-label={t('form.hostMac', { n })}
              placeholder="52:54:00:12:34:56"
              value={row.mac}
              validated={errors.validated(`${at}.mac`)}
              onChange={(_e, v) => set(i, { mac: v })}
            />
            <TextInput
              aria-label={t('form.hostIp', { n })}
              value={row.ip}
              validated={errors.validated(`${at}.ip`)}
              onChange={(_e, v) => set(i, { ip: v })}
            />
            <TextInput
              aria-label={t('form.hostName', { n })}
              value={row.name}
              validated={errors.validated(`${at}.name`)}
              onChange={(_e, v) => set(i, { name: v })}
            />
            <Button
              variant="plain"
              aria-label={t('form.removeHost', { n })}
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
        {t('form.addHost')}
      </Button>
    </FormGroup>
  );
}
