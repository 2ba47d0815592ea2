import {
  Alert,
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  NetworkChanges,
  NetworkEditResult,
  NetworkSummary,
} from '../../../shared/api/networkTypes';
import { useClient } from '../../state/context';
import { DhcpHostsField } from './DhcpHostsField';
import { FormField } from './FormField';
import { hostRowsToHosts, hostsToRows, type HostRow } from './networkForm';
import { useFieldErrors } from './useFieldErrors';

const EDITABLE_MODES = ['nat', 'route', 'isolated', 'open'] as const;
type EditableMode = (typeof EDITABLE_MODES)[number];
const FIELDS = /^(mode|ipv4\..*)$/;

/** Changes the forward mode, the IPv4 DHCP range and the static hosts of a defined network. */
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
  const ipv4 = network.ips.find((ip) => ip.family === 'ipv4');
  const range = ipv4?.dhcpRanges[0];
  const modeEditable = (EDITABLE_MODES as readonly string[]).includes(network.forwardMode);
  const [mode, setMode] = useState(network.forwardMode);
  const [dhcp, setDhcp] = useState(range !== undefined);
  const [start, setStart] = useState(range?.start ?? '');
  const [end, setEnd] = useState(range?.end ?? '');
  const [hosts, setHosts] = useState<HostRow[]>(() => hostsToRows(ipv4?.hosts ?? []));
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors((f) => FIELDS.test(f));

  const changes = (): NetworkChanges => {
    const out: NetworkChanges = {};
    if (modeEditable && mode !== network.forwardMode) out.mode = mode as EditableMode;
    if (ipv4) {
      if (!dhcp && range) out.ipv4Range = null;
      if (dhcp && (start !== range?.start || end !== range?.end)) out.ipv4Range = { start, end };
      out.ipv4Hosts = dhcp ? hostRowsToHosts(hosts) : [];
    }
    return out;
  };

  const submit = async () => {
    setBusy(true);
    errors.reset();
    try {
      onSaved(
        await client.call('networks.edit', {
          connectionId,
          name: network.name,
          changes: changes(),
        }),
      );
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="vd-net-edit-title">
      <ModalHeader
        title={t('form.editTitle', { name: network.name })}
        labelId="vd-net-edit-title"
      />
      <ModalBody>
        {errors.general && <Alert variant="danger" isInline title={errors.general} />}
        {!ipv4 && !modeEditable && (
          <Alert variant="info" isInline title={t('form.bridgeModeNoEdit')} />
        )}
        <Form
          id="vd-net-edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {modeEditable && (
            <FormGroup label={t('form.mode')} fieldId="vd-net-edit-mode">
              <FormSelect id="vd-net-edit-mode" value={mode} onChange={(_e, m) => setMode(m)}>
                {EDITABLE_MODES.map((m) => (
                  <FormSelectOption key={m} value={m} label={t(`mode.${m}`)} />
                ))}
              </FormSelect>
              {errors.of('mode') && <div className="vd-error">{errors.of('mode')}</div>}
            </FormGroup>
          )}
          {ipv4 && (
            <>
              <Checkbox
                id="vd-net-edit-dhcp"
                label={t('form.dhcp')}
                isChecked={dhcp}
                onChange={(_e, on) => setDhcp(on)}
              />
              {dhcp && (
                <>
                  <FormField
                    id="vd-net-edit-start"
                    label={t('form.dhcpStart', { family: 'IPv4' })}
                    value={start}
                    onChange={setStart}
                    error={errors.of('ipv4.dhcpStart')}
                  />
                  <FormField
                    id="vd-net-edit-end"
                    label={t('form.dhcpEnd', { family: 'IPv4' })}
                    value={end}
                    onChange={setEnd}
                    error={errors.of('ipv4.dhcpEnd')}
                  />
                  <DhcpHostsField rows={hosts} onChange={setHosts} errors={errors} />
                </>
              )}
            </>
          )}
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="vd-net-edit-form" isLoading={busy} isDisabled={busy}>
          {t('form.save')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
