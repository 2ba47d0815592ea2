import {
  Button,
  DataList,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
} from '@patternfly/react-core';
import FolderIcon from '@patternfly/react-icons/dist/esm/icons/folder-icon';
import FileIcon from '@patternfly/react-icons/dist/esm/icons/file-icon';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../format';
import { useApiQuery } from '../../state/queries';
import { BROWSE_START_DIR } from '../../../shared/api/methods/newVm';

/**
 * The host's files, one directory at a time (SFTP for remote hosts): directories open, a file is
 * chosen. Only what the connecting user may read is listed; it starts in a folder they can read
 * (the host picks it: a pool's folder, else their home), unless `start` names one.
 */
export function HostFileBrowser(props: {
  connectionId: string;
  start?: string;
  onPick: (path: string) => void;
}) {
  const { t } = useTranslation('newVm');
  const [requested, setDir] = useState(props.start ?? BROWSE_START_DIR);
  // The last directory stays listed while the next is read; one that cannot be read shows
  // only its error.
  const { data: listing, error } = useApiQuery('newVm.browse', {
    connectionId: props.connectionId,
    dir: requested,
  });
  // The start folder is known once the host has named it.
  const dir = requested === BROWSE_START_DIR ? (listing?.dir ?? '') : requested;

  // Known even when the directory cannot be read, so the user can step out of it.
  const parent = dir === '/' || dir === '' ? undefined : dir.replace(/\/[^/]*\/?$/, '') || '/';
  return (
    <div className="vd-host-files" role="region" aria-label={t('browse.region')}>
      <div className="vd-host-files-path">
        <Button
          variant="link"
          isInline
          isDisabled={!parent}
          onClick={() => parent && setDir(parent)}
        >
          {t('browse.up')}
        </Button>{' '}
        <code>{dir}</code>
      </div>
      {error && <p className="vd-error">{error}</p>}
      <DataList aria-label={t('browse.list')} isCompact>
        {(listing?.entries ?? []).map((e) => (
          <DataListItem key={e.path} aria-label={e.name}>
            <DataListItemRow>
              <DataListItemCells
                dataListCells={[
                  <DataListCell key="name">
                    <Button
                      variant="link"
                      isInline
                      icon={e.type === 'directory' ? <FolderIcon /> : <FileIcon />}
                      onClick={() =>
                        e.type === 'directory' ? setDir(e.path) : props.onPick(e.path)
                      }
                    >
                      {e.name}
                    </Button>
                  </DataListCell>,
                  <DataListCell key="size" isFilled={false}>
                    {e.type === 'file' ? formatBytes(e.size) : ''}
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
