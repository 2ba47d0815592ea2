import { Title } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import type { CloneDisk, CloneDiskMode } from '../../../shared/api/methods/vmClone';
import type { FormErrors } from '../../components/forms/formErrors';
import { SelectField } from '../../components/forms/SelectField';
import { formatBytes } from '../../format';
import { VolumeNameField } from '../storage/VolumeNameField';

/** "Disk vda", "CD-ROM sda"... */
function useDiskTitle(): (disk: CloneDisk) => string {
  const { t } = useTranslation('vmClone');
  return (disk) => t(`disk.${disk.device}`, { target: disk.target });
}

/**
 * One disk of the clone: what it is, how it reaches the clone (with what each way means, or why
 * it can only be shared), and the new volume's name for copy and linked.
 */
export function CloneDiskRow(props: {
  disk: CloneDisk;
  index: number;
  /** The modes offered now (a running source loses linked). */
  offered: readonly CloneDiskMode[];
  mode: CloneDiskMode;
  volume: string;
  active: boolean;
  onMode(mode: CloneDiskMode): void;
  onVolume(volume: string): void;
  /** The form's errors: `disks.N.mode` and `disks.N.volume` show on this row. */
  errors: FormErrors;
}) {
  const { t } = useTranslation('vmClone');
  const title = useDiskTitle()(props.disk);
  const { disk, index } = props;
  const facts = [
    disk.path ?? t('disk.empty'),
    disk.format,
    disk.capacityBytes !== undefined ? formatBytes(disk.capacityBytes) : undefined,
  ].filter(Boolean);
  const limit = disk.limit && t('onlyShared', { reason: t(`limit.${disk.limit}`) });
  // Linked exists for this disk but not while the source runs: say why it is missing.
  const linkedWithheld =
    props.active && disk.modes.includes('linked') ? t('running.noLinked') : undefined;
  const help = [t(`modeHelp.${props.mode}`), limit, linkedWithheld].filter(Boolean).join(' ');
  const id = `vd-vm-clone-disk-${index}`;
  return (
    <div className="vd-clone-disk" data-target={disk.target}>
      <div>
        <Title headingLevel="h4" size="md">
          {title}
        </Title>
        <span className="vd-clone-disk-facts vd-muted">{facts.join(' · ')}</span>
      </div>
      <SelectField
        id={`${id}-mode`}
        label={t('disk.mode', { disk: title })}
        value={props.mode}
        options={props.offered.map((mode) => [mode, t(`mode.${mode}`)] as const)}
        onChange={props.errors.clearing(`disks.${index}.mode`, props.onMode)}
        error={props.errors.error(`disks.${index}.mode`)}
        help={help}
      />
      {props.mode !== 'share' && (
        <VolumeNameField
          id={`${id}-volume`}
          label={t('disk.volume', { disk: title })}
          value={props.volume}
          onChange={props.onVolume}
          errors={props.errors}
          field={`disks.${index}.volume`}
          help={disk.pool ? t('disk.volumeHelp', { pool: disk.pool }) : undefined}
        />
      )}
    </div>
  );
}
