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
import type { DeviceView } from '../../../../shared/api/vmDetailsTypes';
import type { DetailsState } from '../useVmDetails';

/** The fields of a device as read from its XML. */
export function DeviceFields({ device }: { device: DeviceView }) {
  const { t } = useTranslation('vmDetails');
  return (
    <DescriptionList isCompact isHorizontal>
      {device.fields.map(([name, value]) => (
        <DescriptionListGroup key={name}>
          <DescriptionListTerm>{t(name)}</DescriptionListTerm>
          <DescriptionListDescription>{value}</DescriptionListDescription>
        </DescriptionListGroup>
      ))}
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
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(await state.edit({ kind: 'removeDevice', key: device.key }));
    setBusy(false);
  };
  const running = state.details?.running === true;
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
              onClick={() => void remove()}
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
          </Alert>
        )}
      </CardBody>
    </Card>
  );
}
