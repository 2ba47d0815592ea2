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
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostDirListing } from '../../../shared/api/newVmTypes';
import { errorMessage } from '../../api/apiError';
import { formatBytes } from '../../format';
import { useClient } from '../../state/context';

/**
 * The host's files, one directory at a time (SFTP for remote hosts): directories open, a file is
 * chosen. Only what the connecting user may read is listed.
 */
export function HostFileBrowser(props: {
  connectionId: string;
  start: string;
  onPick: (path: string) => void;
}) {
  const { t } = useTranslation('newVm');
  const client = useClient();
  const [dir, setDir] = useState(props.start);
  const [listing, setListing] = useState<HostDirListing>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setError(undefined);
    void client
      .call('newVm.browse', { connectionId: props.connectionId, dir })
      .then((l) => {
        if (live) setListing(l);
      })
      .catch((err: unknown) => {
        if (live) {
          setListing(undefined);
          setError(errorMessage(err));
        }
      });
    return () => {
      live = false;
    };
  }, [client, props.connectionId, dir]);

  // Known even when the directory cannot be read, so the user can step out of it.
  const parent = dir === '/' ? undefined : dir.replace(/\/[^/]*\/?$/, '') || '/';
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
