import {
  Alert,
  Button,
  Checkbox,
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
import type { PoolSummary } from '../../../shared/api/methods/storage';
import type { PoolEdit } from '../../../shared/api/methods/storageEdits';
import { useClient } from '../../state/context';
import { FieldError, useFormErrors } from './formErrors';

/**
 * A pool's autostart and target path. libvirt keeps a running pool on its old target, so the
 * path can be changed only while the pool is stopped (the field says so and is read-only).
 */
export function EditPoolModal(props: {
  connectionId: string;
  pool: PoolSummary;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const { pool } = props;
  const errors = useFormErrors(['path']);
  const [path, setPath] = useState(pool.path ?? '');
  const [autostart, setAutostart] = useState(pool.autostart);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    errors.clear();
    const edit: PoolEdit = {};
    if (!pool.active && path.trim() !== (pool.path ?? '')) edit.path = path;
    if (autostart !== pool.autostart) edit.autostart = autostart;
    setBusy(true);
    try {
      await client.call('storage.pools.edit', {
        connectionId: props.connectionId,
        pool: pool.name,
        edit,
      });
      props.onSaved();
    } catch (err) {
      errors.fail(err);
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="small" onClose={props.onClose} aria-labelledby="vd-pool-edit-title">
      <ModalHeader title={t('editPool.title', { name: pool.name })} labelId="vd-pool-edit-title" />
      <ModalBody>
        {errors.general && <Alert variant="danger" isInline title={errors.general} />}
        <Form id="vd-pool-edit-form" onSubmit={(e) => void submit(e)}>
          {pool.path !== undefined && (
            <FormGroup label={t('editPool.path')} fieldId="vd-pool-edit-path">
              <TextInput
                id="vd-pool-edit-path"
                value={path}
                readOnlyVariant={pool.active ? 'default' : undefined}
                validated={errors.validated('path')}
                onChange={(_e, v) => setPath(v)}
              />
              <FieldError message={errors.error('path')} />
              {pool.active && <p className="vd-muted">{t('editPool.stopFirst')}</p>}
            </FormGroup>
          )}
          <Checkbox
            id="vd-pool-edit-autostart"
            label={t('editPool.autostart')}
            isChecked={autostart}
            onChange={(_e, v) => setAutostart(v)}
          />
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button type="submit" form="vd-pool-edit-form" isLoading={busy} isDisabled={busy}>
          {t('editPool.save')}
        </Button>
        <Button variant="link" onClick={props.onClose}>
          {t('common:cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
