import {
  Checkbox,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  POOL_TYPES,
  type PoolForm,
  type PoolFormField,
  type PoolSummary,
  type PoolType,
} from '../../../shared/api/methods/storage';
import { useClient } from '../../state/context';
import { FieldError, useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { useSubmit } from '../../components/forms/useSubmit';

const FIELDS: readonly PoolFormField[] = [
  'name',
  'type',
  'path',
  'sourceHost',
  'sourcePort',
  'sourcePath',
  'sourceDevice',
  'sourceDevices',
  'sourceName',
  'sourceFormat',
  'initiatorIqn',
];

/** The fields each type asks for, besides name and type (see PoolForm). */
const TYPE_FIELDS: Record<PoolType, readonly PoolFormField[]> = {
  dir: ['path'],
  fs: ['sourceDevice', 'sourceFormat', 'path'],
  netfs: ['sourceHost', 'sourcePath', 'sourceFormat', 'path'],
  logical: ['sourceName', 'sourceDevices', 'path'],
  iscsi: ['sourceHost', 'sourcePort', 'sourcePath', 'initiatorIqn', 'path'],
  disk: ['sourceDevice', 'sourceFormat', 'path'],
};

const FORMATS: Partial<Record<PoolType, readonly string[]>> = {
  fs: ['auto', 'ext4', 'ext3', 'ext2', 'xfs', 'vfat', 'iso9660', 'udf', 'gfs2', 'ocfs2'],
  netfs: ['nfs', 'auto', 'cifs', 'glusterfs'],
  disk: ['dos', 'gpt', 'mac', 'bsd', 'sun', 'unknown'],
};

const PLACEHOLDER: Partial<Record<PoolFormField, string>> = {
  sourceHost: 'nfs.example.com',
  sourcePort: '3260',
  sourceDevice: '/dev/sdb1',
  sourceDevices: '/dev/sdb',
  initiatorIqn: 'iqn.2024-01.com.example:client',
};

/** Types whose build is harmless (a directory) and therefore ticked by default. */
const BUILD_BY_DEFAULT: readonly PoolType[] = ['dir', 'netfs'];

function defaultPath(type: PoolType, name: string, vg: string): string {
  const n = name.trim() || 'NAME';
  if (type === 'logical') return `/dev/${vg.trim() || n}`;
  if (type === 'iscsi') return '/dev/disk/by-path';
  if (type === 'disk') return '/dev';
  return `/var/lib/libvirt/images/${n}`;
}

/** virt-manager's Add Storage Pool: a type, and the fields that type needs. */
export function CreatePoolModal(props: {
  connectionId: string;
  onClose(): void;
  onCreated(pool: PoolSummary): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const errors = useFormErrors(FIELDS);
  const [type, setType] = useState<PoolType>('dir');
  const [values, setValues] = useState<Partial<Record<PoolFormField, string>>>({});
  const [build, setBuild] = useState(true);
  const [autostart, setAutostart] = useState(true);
  const { busy, run } = useSubmit(errors.fail);

  const value = (field: PoolFormField) => values[field] ?? '';
  const update = (field: PoolFormField, next: string) => {
    setValues((v) => ({ ...v, [field]: next }));
    errors.clear(field);
  };
  const changeType = (next: PoolType) => {
    setType(next);
    setBuild(BUILD_BY_DEFAULT.includes(next));
    errors.clear();
  };

  const submit = async () => {
    const name = value('name').trim();
    if (!name) {
      errors.set('name', t('createPool.nameRequired'));
      return;
    }
    const form: PoolForm = {
      name,
      type,
      path: value('path').trim() || undefined,
      sourceHost: value('sourceHost').trim() || undefined,
      sourcePort: value('sourcePort').trim() ? Number(value('sourcePort')) : undefined,
      sourcePath: value('sourcePath').trim() || undefined,
      sourceDevice: value('sourceDevice').trim() || undefined,
      sourceDevices: value('sourceDevices')
        .split('\n')
        .map((d) => d.trim())
        .filter(Boolean),
      sourceName: value('sourceName').trim() || undefined,
      sourceFormat: value('sourceFormat') || undefined,
      initiatorIqn: value('initiatorIqn').trim() || undefined,
      build: type === 'iscsi' ? false : build,
      autostart,
    };
    errors.clear();
    await run(async () =>
      props.onCreated(
        await client.call('storage.pools.create', { connectionId: props.connectionId, form }),
      ),
    );
  };

  const text = (field: PoolFormField, label: string, helper?: string) => (
    <FormGroup
      key={field}
      label={label}
      fieldId={`vd-pool-${field}`}
      isRequired={
        field !== 'path' &&
        field !== 'initiatorIqn' &&
        field !== 'sourcePort' &&
        field !== 'sourceName'
      }
    >
      <TextInput
        id={`vd-pool-${field}`}
        value={value(field)}
        validated={errors.validated(field)}
        placeholder={
          field === 'path'
            ? defaultPath(type, value('name'), value('sourceName'))
            : PLACEHOLDER[field]
        }
        onChange={(_e, v) => update(field, v)}
        autoComplete="off"
      />
      {helper && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{helper}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
      <FieldError message={errors.error(field)} />
    </FormGroup>
  );

  const fieldFor = (field: PoolFormField) => {
    switch (field) {
      case 'path':
        return text(
          'path',
          t('createPool.path'),
          t('createPool.pathHelp', { path: defaultPath(type, value('name'), value('sourceName')) }),
        );
      case 'sourcePath':
        return text(
          'sourcePath',
          type === 'iscsi' ? t('createPool.sourcePathIscsi') : t('createPool.sourcePathNetfs'),
        );
      case 'sourceFormat': {
        const formats = FORMATS[type] ?? [];
        return (
          <FormGroup
            key={field}
            label={t('createPool.sourceFormat')}
            fieldId="vd-pool-sourceFormat"
          >
            <FormSelect
              id="vd-pool-sourceFormat"
              value={value('sourceFormat') || formats[0]}
              validated={errors.validated('sourceFormat')}
              onChange={(_e, v) => update('sourceFormat', v)}
            >
              {formats.map((f) => (
                <FormSelectOption key={f} value={f} label={f} />
              ))}
            </FormSelect>
            <FieldError message={errors.error('sourceFormat')} />
          </FormGroup>
        );
      }
      case 'sourceDevices':
        return (
          <FormGroup
            key={field}
            label={t('createPool.sourceDevices')}
            fieldId="vd-pool-sourceDevices"
          >
            <TextArea
              id="vd-pool-sourceDevices"
              value={value('sourceDevices')}
              validated={errors.validated('sourceDevices')}
              placeholder={PLACEHOLDER.sourceDevices}
              onChange={(_e, v) => update('sourceDevices', v)}
              rows={2}
            />
            <FieldError message={errors.error('sourceDevices')} />
          </FormGroup>
        );
      default:
        return text(field, t(`createPool.${field}`));
    }
  };

  return (
    <FormModal
      id="vd-pool-create"
      title={t('createPool.title')}
      variant="medium"
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('createPool.failed')}
      onSubmit={() => void submit()}
      submitLabel={t('createPool.submit')}
      busy={busy}
    >
      {text('name', t('createPool.name'))}
      <FormGroup label={t('createPool.type')} fieldId="vd-pool-type">
        <FormSelect id="vd-pool-type" value={type} onChange={(_e, v) => changeType(v as PoolType)}>
          {POOL_TYPES.map((p) => (
            <FormSelectOption key={p} value={p} label={`${p}: ${t(`poolType.${p}`)}`} />
          ))}
        </FormSelect>
        <FieldError message={errors.error('type')} />
      </FormGroup>
      {TYPE_FIELDS[type].map(fieldFor)}
      {type !== 'iscsi' && (
        <Checkbox
          id="vd-pool-build"
          label={t(`createPool.build.${type}`)}
          isChecked={build}
          onChange={(_e, checked) => setBuild(checked)}
        />
      )}
      <Checkbox
        id="vd-pool-autostart"
        label={t('createPool.autostart')}
        isChecked={autostart}
        onChange={(_e, checked) => setAutostart(checked)}
      />
    </FormModal>
  );
}
