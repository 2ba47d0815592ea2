import { Button, Flex, TextInput } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeviceCard, type DeviceCardProps } from './DeviceCard';
import { FormError } from './FormError';
import { VolumePicker } from './VolumePicker';

/**
 * A CD-ROM or floppy: insert an ISO (a path on the host typed, or a pool's volume picked, sent
 * as volume:POOL/VOL) or eject it; live in a running guest.
 */
export function CdromCard({
  device,
  state,
  connectionId,
}: DeviceCardProps<'cdrom' | 'floppy'> & { connectionId: string }) {
  const { t } = useTranslation('vmDetails');
  const [path, setPath] = useState('');
  const [error, setError] = useState<string>();
  const hasMedia = Boolean(device.source);
  const title = t(device.kind === 'floppy' ? 'cdrom.floppy' : 'cdrom.title', {
    target: device.label,
  });
  const media = async (source: string | null) =>
    setError(await state.edit({ kind: 'media', key: device.key, source }));
  return (
    <DeviceCard device={device} title={title} state={state}>
      <Flex>
        <TextInput
          aria-label={t('cdrom.path', { target: device.label })}
          placeholder="/var/lib/libvirt/images/….iso"
          value={path}
          onChange={(_e, v) => setPath(v)}
        />
        <Button
          variant="secondary"
          size="sm"
          isDisabled={path === ''}
          onClick={() => void media(path)}
        >
          {t('cdrom.insert')}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          isDisabled={!hasMedia}
          onClick={() => void media(null)}
        >
          {t('cdrom.eject')}
        </Button>
      </Flex>
      <VolumePicker connectionId={connectionId} target={device.label} onPick={media} />
      <FormError message={error} />
    </DeviceCard>
  );
}
