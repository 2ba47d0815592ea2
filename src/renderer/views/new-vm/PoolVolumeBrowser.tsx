import {
  Button,
  Checkbox,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  FormGroup,
  FormSelect,
  FormSelectOption,
} from '@patternfly/react-core';
import FileIcon from '@patternfly/react-icons/dist/esm/icons/file-icon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VolumeSummary } from '../../../shared/api/methods/storage';
import { formatBytes } from '../../format';
import { useApiQuery } from '../../state/queries';

/** An ISO image as libvirt sees it (it detects the ISO 9660 signature), or by its name. */
function isIsoVolume(v: VolumeSummary): boolean {
  return v.format === 'iso' || /\.iso$/i.test(v.name);
}

/**
 * virt-manager's storage browser: the host's pools and their volumes through libvirt, so a user
 * who cannot read the pools' folders (a non-root SSH user and /var/lib/libvirt/images) can still
 * pick an ISO kept there. ISO images only unless the filter is cleared; each with its size.
 */
export function PoolVolumeBrowser(props: {
  connectionId: string;
  onPick: (path: string) => void;
  /** Show only ISO images at first (the ISO source); an import shows every volume. */
  isoOnly?: boolean;
}) {
  const { t } = useTranslation('newVm');
  const { connectionId } = props;
  const pools = useApiQuery('storage.pools.list', { connectionId });
  const active = (pools.data ?? []).filter((p) => p.active);
  const [chosen, setChosen] = useState<string>();
  // The chosen pool while it is still there, else the `default` pool, else the first one.
  const pool =
    active.find((p) => p.name === chosen)?.name ??
    active.find((p) => p.name === 'default')?.name ??
    active[0]?.name;
  const [isoOnly, setIsoOnly] = useState(props.isoOnly ?? true);
  const volumes = useApiQuery('storage.volumes.list', pool ? { connectionId, pool } : undefined);
  const shown = (volumes.data ?? [])
    .filter((v) => !isoOnly || isIsoVolume(v))
    .sort((a, b) => a.name.localeCompare(b.name));
  const error = pools.error ?? volumes.error;

  return (
    <div className="vd-host-files" role="region" aria-label={t('poolBrowse.region')}>
      <FormGroup label={t('poolBrowse.pool')} fieldId="vd-pool-browse-pool">
        <FormSelect
          id="vd-pool-browse-pool"
          value={pool ?? ''}
          onChange={(_e, v) => setChosen(v)}
          isDisabled={active.length === 0}
        >
          {active.map((p) => (
            <FormSelectOption key={p.name} value={p.name} label={p.name} />
          ))}
        </FormSelect>
      </FormGroup>
      <Checkbox
        id="vd-pool-browse-iso"
        label={t('poolBrowse.isoOnly')}
        isChecked={isoOnly}
        onChange={(_e, checked) => setIsoOnly(checked)}
      />
      {error && <p className="vd-error">{error}</p>}
      {pools.data && active.length === 0 && <p>{t('poolBrowse.noPools')}</p>}
      {volumes.data && shown.length === 0 && (
        <p>{isoOnly ? t('poolBrowse.noIso') : t('poolBrowse.empty')}</p>
      )}
      <DataList aria-label={t('poolBrowse.list')} isCompact>
        {shown.map((v) => (
          <DataListItem key={v.path} aria-label={v.name}>
            <DataListItemRow>
              <DataListItemCells
                dataListCells={[
                  <DataListCell key="name">
                    <Button
                      variant="link"
                      isInline
                      icon={<FileIcon />}
                      onClick={() => props.onPick(v.path)}
                    >
                      {v.name}
                    </Button>
                  </DataListCell>,
                  <DataListCell key="size" isFilled={false}>
                    {formatBytes(v.capacity)}
                  </DataListCell>,
                ]}
              />
            </DataListItemRow>
          </DataListItem>
        ))}
      </DataList>
    </div>
  );
}
