import {
  Alert,
  Button,
  Form,
  FormGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { useClient } from '../../state/context';
import { FieldError, useFormErrors } from './formErrors';

/** "disk.qcow2" -> "disk-clone.qcow2", as virt-manager suggests clone names. */
function cloneName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-clone${name.slice(dot)}` : `${name}-clone`;
}

/** virsh vol-clone: a full copy under a new name in the same pool. */
export function CloneVolumeModal(props: {
  connectionId: string;
  volume: VolumeSummary;
  onClose(): void;
  onCloned(): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const errors = useFormErrors(['newName']);
  const [newName, setNewName] = useState(() => cloneName(props.volume.name));
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      await client.call('storage.volumes.clone', {
        connectionId: props.connectionId,
        pool: props.volume.pool,
        name: props.volume.name,
        newName: newName.trim(),
      });
      props.onCloned();
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      isOpen
      variant="small"
      onEscapePress={props.onClose}
      aria-labelledby="vd-vol-clone-title"
    >
      <ModalHeader
        title={t('cloneVolume.title', { name: props.volume.name })}
        labelId="vd-vol-clone-title"
      />
      <ModalBody>
        {errors.general && (
          <Alert
            variant="danger"
            isInline
            title={t('cloneVolume.failed')}
            className="vd-form-alert"
          >
            {errors.general}
          </Alert>
        )}
        <Form id="vd-vol-clone-form" onSubmit={(e) => void submit(e)}>
          <FormGroup label={t('cloneVolume.newName')} fieldId="vd-vol-clone-name" isRequired>
            <TextInput
              id="vd-vol-clone-name"
              value={newName}
              validated={errors.validated('newName')}
              onChange={(_e, v) => {
                setNewName(v);
                errors.clear('newName');
              }}
              autoComplete="off"
            />
            <FieldError message={errors.error('newName')} />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="vd-vol-clone-form"
          isLoading={busy}
          isDisabled={busy}
        >
          {t('cloneVolume.submit')}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t('cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
