import { FormGroup } from '@patternfly/react-core';
import UploadIcon from '@patternfly/react-icons/dist/esm/icons/upload-icon';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoolSummary } from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';
import { useClient } from '../../state/context';
import { FieldError, useFormErrors } from '../../components/forms/formErrors';
import { FormModal } from '../../components/forms/FormModal';
import { SelectField } from '../../components/forms/SelectField';
import { useSubmit } from '../../components/forms/useSubmit';
import { VolumeNameField } from './VolumeNameField';
import { formatOfFile, putFile } from './transfers';

const FORMATS = ['raw', 'qcow2', 'iso'] as const;
type UploadFormat = (typeof FORMATS)[number];

/**
 * Upload a file from this machine into the pool: pick it (or drop it), name the volume, go. The
 * backend creates the volume and gives a one-time URL; the File is PUT to it and the job's bar
 * (in the Storage tab) shows the progress. A cancelled upload leaves no volume.
 */
export function UploadVolumeModal(props: {
  connectionId: string;
  pool: PoolSummary;
  initialFile?: File;
  onClose(): void;
  onStarted(jobId: string, done: Promise<void>): void;
}) {
  const { t } = useTranslation('storage');
  const client = useClient();
  const errors = useFormErrors(['name', 'size', 'format', 'file']);
  const [file, setFile] = useState<File | undefined>(props.initialFile);
  const [name, setName] = useState(props.initialFile?.name ?? '');
  const [format, setFormat] = useState<UploadFormat>(
    props.initialFile ? formatOfFile(props.initialFile.name) : 'raw',
  );
  const [dragging, setDragging] = useState(false);
  const { busy, run } = useSubmit(errors.fail);

  const pick = (next: File | undefined) => {
    if (!next) return;
    setFile(next);
    setName(next.name);
    setFormat(formatOfFile(next.name));
    errors.clear();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files[0]);
  };

  const submit = async () => {
    errors.clear();
    if (!file) {
      errors.set('file', t('upload.noFile'));
      return;
    }
    await run(async () => {
      const { jobId, url } = await client.call('storage.volumes.upload', {
        connectionId: props.connectionId,
        pool: props.pool.name,
        name: name.trim(),
        format,
        size: file.size,
      });
      // The job reports the outcome (and Cancel aborts the request from the backend's side).
      props.onStarted(jobId, putFile(url, file));
    });
  };

  const sizeError = errors.error('size');
  return (
    <FormModal
      id="vd-upload"
      title={t('upload.title', { pool: props.pool.name })}
      onClose={props.onClose}
      error={errors.general}
      errorDetail={errors.detail}
      errorTitle={t('upload.failed')}
      onSubmit={() => void submit()}
      submitLabel={t('upload.start')}
      busy={busy}
    >
      <FormGroup label={t('upload.file')} fieldId="vd-upload-file" isRequired>
        <label
          className={`vd-drop-zone${dragging ? ' vd-dragging' : ''}`}
          htmlFor="vd-upload-file"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <UploadIcon />{' '}
          {file ? (
            <bdi>{t('upload.chosen', { name: file.name, size: formatBytes(file.size) })}</bdi>
          ) : (
            t('upload.choose')
          )}
          <input
            id="vd-upload-file"
            type="file"
            className="vd-file-input"
            onChange={(e) => pick(e.currentTarget.files?.[0])}
          />
        </label>
        <FieldError message={errors.error('file') ?? sizeError} />
      </FormGroup>
      <VolumeNameField
        id="vd-upload-name"
        label={t('upload.name')}
        value={name}
        onChange={setName}
        errors={errors}
      />
      <SelectField
        id="vd-upload-format"
        label={t('upload.format')}
        value={format}
        options={FORMATS}
        onChange={setFormat}
        error={errors.error('format')}
      />
    </FormModal>
  );
}
