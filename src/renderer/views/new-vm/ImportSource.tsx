/**
 * "Import an existing disk image" on the Source page: the image's path on the host (typed or
 * browsed), what the host says it is once chosen (newVm.diskInfo: format, size, and whether
 * qemu-img or libvirt's probe said so), and, for a foreign format converted to qcow2, the pool
 * the converted disk goes to.
 */
import { Alert, TextInput } from '@patternfly/react-core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/forms/FormField';
import { SelectField } from '../../components/forms/SelectField';
import { formatBytes } from '../../format';
import { useApiQuery } from '../../state/queries';
import { HostFileBrowser } from './HostFileBrowser';
import type { StepProps } from './stepProps';

/** The names users know qemu-img's formats by. */
const FORMAT_NAMES: Record<string, string> = {
  qcow2: 'qcow2',
  raw: 'raw',
  vmdk: 'VMDK',
  vdi: 'VDI',
  vpc: 'VHD',
  vhdx: 'VHDX',
  qcow: 'QCOW (v1)',
};

export function ImportSource({ form, update, errors, connectionId, facts }: StepProps) {
  const { t } = useTranslation('newVmDiskImport');
  // Asked once a path is chosen (browsed, or typed and left), not on every key.
  const [chosen, setChosen] = useState(form.importPath);
  const info = useApiQuery(
    'newVm.diskInfo',
    chosen.startsWith('/') ? { connectionId, path: chosen } : undefined,
    { keepPrevious: false },
  );
  const pools = (facts?.pools ?? []).filter((p) => p.active);
  const pool = pools.find((p) => p.name === form.importPool);

  // The form starts with `default`; a host without it converts into a pool it has.
  const firstPool = pools[0]?.name;
  useEffect(() => {
    if (!pool && firstPool !== undefined) update({ importPool: firstPool });
  }, [pool, firstPool, update]);

  const pick = (path: string) => {
    update({ importPath: path });
    setChosen(path);
  };
  const disk = info.data;
  const converts = disk?.needsConversion === true;
  return (
    <>
      <FormField id="vd-import" label={t('path')} error={errors.path}>
        <TextInput
          id="vd-import"
          value={form.importPath}
          validated={errors.path ? 'error' : 'default'}
          onChange={(_e, v) => update({ importPath: v })}
          onBlur={() => setChosen(form.importPath)}
        />
      </FormField>
      <HostFileBrowser connectionId={connectionId} onPick={pick} />
      {disk && (
        <section aria-label={t('detectedRegion')}>
          <Alert
            isInline
            variant="info"
            title={t('detected', {
              format: FORMAT_NAMES[disk.format] ?? disk.format,
              size: formatBytes(disk.virtualSizeBytes),
            })}
          >
            <p>{t(disk.detectedBy === 'libvirt' ? 'byLibvirt' : 'byQemuImg')}</p>
            <p>{t(converts ? 'converts' : 'asIs')}</p>
          </Alert>
        </section>
      )}
      {/* The probe's error belongs to the path probed: gone as soon as another is typed. */}
      {info.error && !errors.path && chosen === form.importPath && (
        <Alert isInline variant="danger" title={info.error} />
      )}
      {converts && (
        <SelectField
          id="vd-import-pool"
          label={t('pool')}
          value={form.importPool}
          options={[
            ...(pool ? [] : [form.importPool]),
            ...pools.map((p) => [p.name, p.name] as const),
          ]}
          onChange={(v) => update({ importPool: v })}
          error={errors.pool}
          help={pool && t('free', { free: formatBytes(pool.availableBytes) })}
        />
      )}
    </>
  );
}
