import { Button, ToolbarItem } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionConfig } from '../../../shared/api/types';
import { parseLibvirtUri } from '../../../shared/libvirtUri';
import { nativeFormatsOf } from '../../../shared/nativeConfig';
import { vmHash } from '../../routes';
import { navigate } from '../../useRoute';
import { ImportConfigModal, importFormats } from './ImportConfigModal';
import { ShowNativeConfigModal } from './ShowNativeConfigModal';

/** "Import config" for the connected connections that import a native format (LXC, Xen). */
export function ImportConfigButton({ connections }: { connections: readonly ConnectionConfig[] }) {
  const { t } = useTranslation('nativeConfig');
  const [open, setOpen] = useState(false);
  const importing = connections.filter((c) => importFormats(c).length > 0);
  if (importing.length === 0) return null;
  return (
    <ToolbarItem>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('import.button')}
      </Button>
      {open && (
        <ImportConfigModal
          connections={importing}
          onClose={() => setOpen(false)}
          onDefined={(vm) => {
            setOpen(false);
            navigate(vmHash(vm.connectionId, vm.uuid));
          }}
        />
      )}
    </ToolbarItem>
  );
}

/** "Show as xl.cfg" on a VM's page, where the connection's driver writes a native format. */
export function ShowNativeConfigButton({
  connection,
  uuid,
  usable,
}: {
  connection: ConnectionConfig | undefined;
  uuid: string;
  usable: boolean;
}) {
  const { t } = useTranslation('nativeConfig');
  const [open, setOpen] = useState(false);
  let format;
  try {
    format = connection && nativeFormatsOf(parseLibvirtUri(connection.uri).driver).to[0];
  } catch {
    format = undefined;
  }
  if (!connection || !format) return null;
  return (
    <ToolbarItem>
      <Button variant="secondary" isDisabled={!usable} onClick={() => setOpen(true)}>
        {t('show.button', { format: t(`format.${format}`) })}
      </Button>
      {open && (
        <ShowNativeConfigModal
          connectionId={connection.id}
          uuid={uuid}
          format={format}
          onClose={() => setOpen(false)}
        />
      )}
    </ToolbarItem>
  );
}
