import { Checkbox, FormGroup, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSummary } from '../../../shared/api/methods/storage';
import type { PoolEdit } from '../../../shared/api/methods/storageEdits';
import { useClient } from '../../state/context';
import { FieldError, useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';

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
  const { busy, run } = useSubmit(errors.fail);

  const submit = async () => {
    errors.clear();
    const edit: PoolEdit = {};
    if (!pool.active && path.trim() !== (pool.path ?? '')) edit.path = path;
    if (autostart !== pool.autostart) edit.autostart = autostart;
    await run(async () => {
      await client.call('storage.pools.edit', {
        connectionId: props.connectionId,
        pool: pool.name,
        edit,
      });
      props.onSaved();
    });
  };

  return (
    <FormModal
      id="vd-pool-edit"
      title={t('editPool.title', { name: pool.name })}
      onClose={props.onClose}
      closeButton
      error={errors.general}
      errorDetail={errors.detail}
      onSubmit={() => void submit()}
      submitLabel={t('editPool.save')}
      busy={busy}
    >
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
    </FormModal>
  );
}
