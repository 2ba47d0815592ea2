import { Alert, Checkbox, TextArea } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotCapability } from '../../../shared/api/methods/snapshots';
import type { VmSummary } from '../../../shared/api/types';
import { timestampName } from '../../../shared/snapshotNames';
import { FormField } from '../../components/forms/FormField';
import { useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';
import { useClient } from '../../state/context';

/**
 * Take a snapshot: a name (the time by default), a description and, for a running guest, its
 * memory. The mode the host will use is said; when none is possible the reason is said instead
 * and nothing can be submitted.
 */
export function CreateSnapshotModal(props: {
  vm: VmSummary;
  capability: SnapshotCapability;
  onClose(): void;
  onCreated(): void;
}) {
  const { t } = useTranslation('snapshots');
  const client = useClient();
  const { vm, capability } = props;
  const errors = useFormErrors(['name', 'description']);
  const { busy, run } = useSubmit(errors.fail);
  const [defaultName] = useState(() => timestampName(new Date()));
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const active = vm.state === 'running' || vm.state === 'paused';
  const [memory, setMemory] = useState(true);

  const submit = async () => {
    errors.clear();
    await run(async () => {
      await client.call('vms.snapshots.create', {
        connectionId: vm.connectionId,
        uuid: vm.uuid,
        // The name the placeholder shows is the one made, to the second.
        name: name.trim() === '' ? defaultName : name,
        description,
        memory: active && memory,
      });
      props.onCreated();
    });
  };

  return (
    <FormModal
      id="vd-snapshot-create"
      title={t('create.title', { name: vm.name })}
      variant="medium"
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('create.failed')}
      onSubmit={() => void submit()}
      submitLabel={t('create.submit')}
      submitDisabled={capability.mode === undefined}
      busy={busy}
    >
      {capability.mode === undefined ? (
        <Alert variant="warning" isInline title={t('create.blocked')}>
          {t(`blocker.${capability.blocker ?? 'unknown'}`, { disk: capability.blockerDisk ?? '' })}
        </Alert>
      ) : (
        <p>{t(`create.mode.${capability.mode}`)}</p>
      )}
      <FormField
        id="vd-snapshot-create-name"
        label={t('create.name')}
        value={name}
        placeholder={defaultName}
        help={t('create.nameHelp')}
        onChange={(value) => {
          setName(value);
          errors.clear('name');
        }}
        error={errors.error('name')}
      />
      <FormField
        id="vd-snapshot-create-description"
        label={t('create.description')}
        error={errors.error('description')}
      >
        <TextArea
          id="vd-snapshot-create-description"
          value={description}
          resizeOrientation="vertical"
          validated={errors.validated('description')}
          onChange={(_e, value) => {
            setDescription(value);
            errors.clear('description');
          }}
        />
      </FormField>
      {active && (
        <Checkbox
          id="vd-snapshot-create-memory"
          label={t('create.memory')}
          description={t('create.memoryHelp')}
          isChecked={memory}
          onChange={(_e, checked) => setMemory(checked)}
        />
      )}
    </FormModal>
  );
}
