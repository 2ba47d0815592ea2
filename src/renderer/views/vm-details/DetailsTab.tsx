import { Alert, Button, Gallery, Title } from '@patternfly/react-core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceKind, DeviceView } from '../../../shared/api/vmDetailsTypes';
import { AddHardwareModal } from './AddHardwareModal';
import { BootCard } from './cards/BootCard';
import { ContainerInitCard, ContainerMountsCard } from '../native-config/ContainerCards';
import { CdromCard } from './cards/CdromCard';
import { CpuCard } from './cards/CpuCard';
import { ControllerCard } from './cards/ControllerCard';
import { DeviceCard } from './cards/DeviceCard';
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
import type { DetailsState, VmTabProps } from './useVmDetails';

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

/** The sections an LXC container has (libvirt's LXC driver: filesystems, NICs, consoles). */
const CONTAINER_SECTIONS: readonly DeviceKind[] = ['interface', 'serial', 'filesystem', 'hostdev'];

/** The card of a device: the one of its kind, narrowed to what that kind reads. */
function DeviceCardOf({
  device: d,
  state,
  connectionId,
  uuid,
}: {
  device: DeviceView;
  state: DetailsState;
  connectionId: string;
  uuid: string;
}) {
  const { t } = useTranslation('vmDetails');
  switch (d.kind) {
    case 'disk':
      return <DiskCard device={d} state={state} connectionId={connectionId} uuid={uuid} />;
    case 'cdrom':
    case 'floppy':
      return <CdromCard device={d} state={state} connectionId={connectionId} />;
    case 'interface':
      return <NicCard device={d} state={state} />;
    case 'graphics':
      return <DisplayCard device={d} state={state} />;
    case 'video':
      return <VideoCard device={d} state={state} />;
    case 'serial':
    case 'console':
    case 'channel':
    case 'parallel':
      return <SerialCard device={d} state={state} />;
    case 'tpm':
      return <TpmCard device={d} state={state} />;
    case 'rng':
      return <RngCard device={d} state={state} />;
    case 'watchdog':
      return <WatchdogCard device={d} state={state} />;
    case 'filesystem':
      return <FilesystemCard device={d} state={state} />;
    case 'sound':
      return <SoundCard device={d} state={state} />;
    case 'input':
      return <InputCard device={d} state={state} />;
    case 'hostdev':
    case 'redirdev':
      return <HostDeviceCard device={d} state={state} />;
    case 'controller':
      return <ControllerCard device={d} state={state} />;
    default:
      return (
        <DeviceCard device={d} title={t(`kind.${d.kind}`, { label: d.label })} state={state} />
      );
  }
}

/** Every device of the VM as cards, with Add hardware and the restart notice. */
export function DetailsTab({ state, connectionId, uuid }: VmTabProps) {
  const { t } = useTranslation('vmDetails');
  const [adding, setAdding] = useState(false);
  const { details } = state;
  if (!details) return null;
  // An LXC container has no firmware, disks, displays or emulated devices: those cards are QEMU's.
  const container = details.hypervisor === 'lxc';
  const sections = container
    ? SECTIONS.filter((kinds) => kinds.some((k) => CONTAINER_SECTIONS.includes(k)))
    : SECTIONS;
  const card = (d: DeviceView) => (
    <DeviceCardOf key={d.key} device={d} state={state} connectionId={connectionId} uuid={uuid} />
  );
  return (
    <div className="vd-details">
      {state.pendingRestart && <Alert variant="info" isInline title={t('afterShutdownNotice')} />}
      {!container && (
        <Button variant="primary" onClick={() => setAdding(true)}>
          {t('add.open')}
        </Button>
      )}
      <Gallery hasGutter minWidths={{ default: '340px' }}>
        <CpuCard details={details} state={state} />
        <MemoryCard details={details} state={state} />
        {container ? (
          <>
            <ContainerInitCard details={details} state={state} />
            <ContainerMountsCard details={details} state={state} />
          </>
        ) : (
          <BootCard details={details} state={state} />
        )}
      </Gallery>
      {sections.map((kinds) => {
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
