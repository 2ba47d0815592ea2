import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
} from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceKind, DeviceView, DeviceViewOf } from '../../../../shared/api/vmDetailsTypes';
import { deviceFields } from './deviceFields';
import type { DetailsState } from '../useVmDetails';

/** What every device card gets from the Details tab: a device of the kinds it shows. */
export interface DeviceCardProps<K extends DeviceKind = DeviceKind> {
  device: DeviceViewOf<K>;
  state: DetailsState;
}

/** The fields of a device as read from its XML. */
export function DeviceFields({ device }: { device: DeviceView }) {
  const { t } = useTranslation('vmDetails');
  return (
    <DescriptionList isCompact isHorizontal>
      {deviceFields(device).map(([name, value]) =>
        value === undefined || value === '' || value === false ? null : (
          <DescriptionListGroup key={name}>
            <DescriptionListTerm>{t(name)}</DescriptionListTerm>
            <DescriptionListDescription>
              {value === true ? t('yes') : value}
            </DescriptionListDescription>
          </DescriptionListGroup>
        ),
      )}
    </DescriptionList>
  );
}

/**
 * One device: its title, whether it is only in the config or only live, its fields, the card's
 * own controls, and Remove (live where libvirt can; libvirt's refusal is shown here).
 */
export function DeviceCard({
  device,
  title,
  state,
  children,
}: {
  device: DeviceView;
  title: string;
  state: DetailsState;
  children?: ReactNode;
}) {
  const { t } = useTranslation('vmDetails');
  const [error, setError] = useState<string>();
  const [stillPresent, setStillPresent] = useState(false);
  const [busy, setBusy] = useState(false);
  const running = state.details?.running === true;
  const remove = async (configOnly: boolean) => {
    setBusy(true);
    const { error: failed, result } = await state.apply({
      kind: 'removeDevice',
      key: device.key,
      configOnly,
    });
    setError(failed);
    setStillPresent(result?.stillPresent === true);
    setBusy(false);
  };
  return (
    <Card component="article" isCompact className="vd-device-card" aria-label={title}>
      <CardHeader
        actions={{
          actions: (
            <Button
              variant="secondary"
              isDanger
              size="sm"
              isDisabled={busy}
              onClick={() => void remove(false)}
              aria-label={t('removeDevice', { device: title })}
            >
              {t('remove')}
            </Button>
          ),
        }}
      >
        <CardTitle>
          {title} {running && !device.inLive && <Label color="orange">{t('afterShutdown')}</Label>}
          {running && !device.inConfig && <Label color="blue">{t('liveOnly')}</Label>}
        </CardTitle>
      </CardHeader>
      <CardBody>
        <DeviceFields device={device} />
        {children}
        {error && (
          <Alert variant="danger" isInline isPlain title={t('failed')}>
            {error}
            {running && device.inConfig && (
              // virt-manager's way out when the guest cannot let go of a device live.
              <div>
                <Button variant="link" isInline isDisabled={busy} onClick={() => void remove(true)}>
                  {t('removeAtShutdown')}
                </Button>
              </div>
            )}
          </Alert>
        )}
        {stillPresent && (
          <Alert variant="warning" isInline isPlain title={t('stillPresent')} role="status" />
        )}
      </CardBody>
    </Card>
  );
}
