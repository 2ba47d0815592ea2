import {
  Alert,
  Button,
  Checkbox,
  ExpandableSection,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hypervisor } from '../../../shared/api/types';
import { ApiError, errorMessage } from '../../api/apiError';
import { useClient } from '../../state/context';
import { useApiQuery } from '../../state/queries';
import { useConnectionForm, type FieldName } from './useConnectionForm';

const HYPERVISORS: readonly Hypervisor[] = ['qemu-system', 'qemu-session', 'xen', 'lxc', 'test'];

/** virt-manager's Add Connection dialog: hypervisor, optional SSH host, and a URI preview. */
export function AddConnectionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('connections');
  const client = useClient();
  const {
    form,
    uri,
    update,
    touch,
    localErrors,
    visibleError,
    touchAll,
    setRemoteErrors,
    checkNow,
  } = useConnectionForm();
  // The ~/.ssh/config aliases offered for the host field; none when they cannot be read.
  const aliases = useApiQuery('connections.sshAliases', null).data ?? [];
  const [customOpen, setCustomOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    touchAll();
    setFailure(null);
    if (Object.keys(localErrors).length > 0) return;
    setBusy(true);
    try {
      const errors = await checkNow();
      if (Object.keys(errors).length > 0) return;
      await client.call('connections.add', { form, connect: true });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.fields && Object.keys(err.fields).length > 0) {
        setRemoteErrors(err.fields);
      } else {
        setFailure(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const helper = (field: FieldName) => {
    const error = visibleError(field);
    return error ? (
      <FormHelperText>
        <HelperText>
          <HelperTextItem variant="error">{error}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    ) : null;
  };
  const validated = (field: FieldName) => (visibleError(field) ? 'error' : 'default');
  const customUri = form.customUri?.trim() ?? '';

  return (
    <Modal isOpen variant="medium" onEscapePress={onClose} aria-labelledby="vd-add-title">
      <ModalHeader title={t('add.title')} labelId="vd-add-title" />
      <ModalBody>
        {failure && (
          <Alert variant="danger" isInline title={t('add.failed')} className="vd-form-alert">
            {failure}
          </Alert>
        )}
        <Form id="vd-add-form" onSubmit={(e) => void submit(e)}>
          <FormGroup label={t('add.hypervisor')} fieldId="vd-add-hypervisor">
            <FormSelect
              id="vd-add-hypervisor"
              value={form.hypervisor}
              isDisabled={customUri !== ''}
              onChange={(_e, v) => update({ hypervisor: v as Hypervisor })}
            >
              {HYPERVISORS.map((h) => (
                <FormSelectOption key={h} value={h} label={t(`hypervisor.${h}`)} />
              ))}
            </FormSelect>
          </FormGroup>
          <Checkbox
            id="vd-add-remote"
            label={t('add.remote')}
            isChecked={form.remote}
            isDisabled={customUri !== ''}
            onChange={(_e, remote) => update({ remote })}
          />
          {form.remote && (
            <>
              <FormGroup label={t('add.user')} fieldId="vd-add-user">
                <TextInput
                  id="vd-add-user"
                  value={form.user}
                  validated={validated('user')}
                  placeholder={t('add.userPlaceholder')}
                  onChange={(_e, user) => update({ user }, 'user')}
                  autoComplete="off"
                />
                {helper('user')}
              </FormGroup>
              <FormGroup label={t('add.host')} fieldId="vd-add-host" isRequired>
                <TextInput
                  id="vd-add-host"
                  value={form.host}
                  validated={validated('host')}
                  list="vd-ssh-aliases"
                  onChange={(_e, host) => update({ host }, 'host')}
                  onBlur={() => touch('host')}
                  autoComplete="off"
                />
                <datalist id="vd-ssh-aliases">
                  {aliases.map((a) => (
                    <option key={a} value={a} />
                  ))}
                </datalist>
                {helper('host')}
              </FormGroup>
              <FormGroup label={t('add.port')} fieldId="vd-add-port">
                <TextInput
                  id="vd-add-port"
                  value={form.port}
                  validated={validated('port')}
                  placeholder="22"
                  inputMode="numeric"
                  onChange={(_e, port) => update({ port }, 'port')}
                />
                {helper('port')}
              </FormGroup>
            </>
          )}
          <Checkbox
            id="vd-add-autoconnect"
            label={t('add.autoconnect')}
            isChecked={form.autoconnect}
            onChange={(_e, autoconnect) => update({ autoconnect })}
          />
          <ExpandableSection
            toggleText={t('add.customUri')}
            isExpanded={customOpen}
            onToggle={(_e, open) => setCustomOpen(open)}
          >
            <FormGroup label={t('add.customUri')} fieldId="vd-add-custom">
              <TextInput
                id="vd-add-custom"
                value={form.customUri}
                validated={validated('customUri')}
                placeholder="qemu+ssh://root@kvm1/system"
                onChange={(_e, value) => update({ customUri: value }, 'customUri')}
              />
              {helper('customUri')}
            </FormGroup>
          </ExpandableSection>
          <FormGroup label={t('add.generatedUri')} fieldId="vd-add-uri">
            <TextInput id="vd-add-uri" value={uri} readOnlyVariant="default" />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="vd-add-form"
          isLoading={busy}
          isDisabled={busy}
        >
          {t('connect')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
