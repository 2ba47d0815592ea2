import { Alert, Button, Gallery, Title } from '@patternfly/react-core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceKind, DeviceView } from '../../../shared/api/vmDetailsTypes';
import { AddHardwareModal } from './AddHardwareModal';
import { BootCard } from './cards/BootCard';
import { CdromCard } from './cards/CdromCard';
import { CpuCard } from './cards/CpuCard';
import { ControllerCard } from './cards/ControllerCard';
import { DeviceCard, type DeviceCardProps } from './cards/DeviceCard';
import { DiskCard } from './cards/DiskCard';
import { DisplayCard } from './cards/DisplayCard';
import { FilesystemCard } from './cards/FilesystemCard';
import { HostDeviceCard } from './cards/HostDeviceCard';
import { InputCard } from './cards/InputCard';
import { MemoryCard } from './cards/MemoryCard';
import { NicCard } from './cards/NicCard';
import { RngCard } from './cards/RngCard';
import { SerialCard } from './cards/SerialCard';
import { SoundCard } from './cards/SoundCard';
import { TpmCard } from './cards/TpmCard';
import { VideoCard } from './cards/VideoCard';
import { WatchdogCard } from './cards/WatchdogCard';
import type { DetailsState } from './useVmDetails';

/** The order of the device sections, as virt-manager lists its hardware. */
const SECTIONS: DeviceKind[][] = [
  ['disk'],
  ['cdrom', 'floppy'],
  ['interface'],
  ['graphics'],
  ['video'],
  ['sound'],
  ['input'],
  ['serial', 'console', 'channel', 'parallel'],
  ['tpm'],
  ['rng'],
  ['watchdog'],
  ['filesystem'],
  ['hostdev', 'redirdev'],
  ['controller'],
  ['memballoon', 'other'],
];

/** The card of each device kind that needs nothing but the device and the page's state. */
const CARDS: Partial<Record<DeviceKind, (props: DeviceCardProps) => ReactNode>> = {
  interface: NicCard,
  graphics: DisplayCard,
  video: VideoCard,
  sound: SoundCard,
  input: InputCard,
  serial: SerialCard,
  console: SerialCard,
  channel: SerialCard,
  parallel: SerialCard,
  tpm: TpmCard,
  rng: RngCard,
  watchdog: WatchdogCard,
  filesystem: FilesystemCard,
  hostdev: HostDeviceCard,
  redirdev: HostDeviceCard,
  controller: ControllerCard,
};

/** Every device of the VM as cards, with Add hardware and the restart notice. */
export function DetailsTab({
  state,
  connectionId,
  uuid,
}: {
  state: DetailsState;
  connectionId: string;
  uuid: string;
}) {
  const { t } = useTranslation('vmDetails');
  const [adding, setAdding] = useState(false);
  const { details } = state;
  if (!details) return null;
  const card = (d: DeviceView) => {
    if (d.kind === 'disk') {
      return (
        <DiskCard key={d.key} device={d} state={state} connectionId={connectionId} uuid={uuid} />
      );
    }
    if (d.kind === 'cdrom' || d.kind === 'floppy') {
      return <CdromCard key={d.key} device={d} state={state} connectionId={connectionId} />;
    }
    const Card = CARDS[d.kind];
    if (Card) return <Card key={d.key} device={d} state={state} />;
    return (
      <DeviceCard
        key={d.key}
        device={d}
        title={t(`kind.${d.kind}`, { label: d.label })}
        state={state}
      />
    );
  };
  return (
    <div className="vd-details">
      {state.pendingRestart && <Alert variant="info" isInline title={t('afterShutdownNotice')} />}
      <Button variant="primary" onClick={() => setAdding(true)}>
        {t('add.open')}
      </Button>
      <Gallery hasGutter minWidths={{ default: '340px' }}>
        <CpuCard details={details} state={state} />
        <MemoryCard details={details} state={state} />
        <BootCard details={details} state={state} />
      </Gallery>
      {SECTIONS.map((kinds) => {
        const devices = details.devices.filter((d) => kinds.includes(d.kind));
        if (devices.length === 0) return null;
        const section = kinds[0] ?? 'other';
        return (
          <section key={section} aria-label={t(`section.${section}`)}>
            <Title headingLevel="h2" size="lg">
              {t(`section.${section}`)}
            </Title>
            <Gallery hasGutter minWidths={{ default: '340px' }}>
              {devices.map(card)}
            </Gallery>
          </section>
        );
      })}
      {adding && (
        <AddHardwareModal
          connectionId={connectionId}
          state={state}
          onClose={() => setAdding(false)}
        />
      )}
    </div>
  );
}
