/**
 * CD-ROM (and floppy) media: insert an ISO or eject it, keeping the drive. The same change goes to
 * a running guest with DOMAIN_UPDATE_DEVICE_FLAGS and the drive's XML from `cdromWithMedia`.
 */
import type { Element } from '@xmldom/xmldom';
import { firstChild, parseXml } from '../../xmlDocument';
import { editXml, elementXml, removeElement, setAttr } from '../../xmlEdit';
import { insertSpec, insertSpecBefore, x } from '../../xmlBuild';
import { checkAbsolutePath, checkNonEmpty, invalidInput } from '../../../../shared/inputChecks';
import { DISK_ORDER, diskByTarget, diskTargetAt } from './disks';
import { deviceEdit, type XmlEdit } from '../editTypes';

export type CdromMedia =
  { kind: 'file'; path: string } | { kind: 'volume'; pool: string; volume: string };

function removableDrive(domain: Element, target: string): Element {
  const disk = diskByTarget(domain, target);
  const device = disk.getAttribute('device');
  if (device !== 'cdrom' && device !== 'floppy')
    throw invalidInput(`${target} is not a CD-ROM or floppy drive`, 'target');
  return disk;
}

/** Puts `media` in the drive (or empties it when undefined); the drive's other settings stay. */
function setMedia(disk: Element, media: CdromMedia | undefined): void {
  const old = firstChild(disk, 'source');
  // The old medium's backing chain describes that medium, not the new one.
  const backing = firstChild(disk, 'backingStore');
  if (backing) removeElement(backing);
  if (!media) {
    if (old) removeElement(old);
    return;
  }
  if (media.kind === 'file') checkAbsolutePath(media.path, 'The ISO path', 'path');
  else {
    checkNonEmpty(media.pool, 'The storage pool', 'pool');
    checkNonEmpty(media.volume, 'The volume', 'volume');
  }
  setAttr(disk, 'type', media.kind);
  const attrs =
    media.kind === 'file' ? { file: media.path } : { pool: media.pool, volume: media.volume };
  if (old) {
    // In the old one's place, so nothing around it moves.
    insertSpecBefore(disk, x('source', attrs), old);
    removeElement(old);
  } else insertSpec(disk, x('source', attrs), DISK_ORDER);
}

export function setCdromMedia(xml: string, target: string, media: CdromMedia | undefined): string {
  return editXml(xml, 'domain', (domain) => setMedia(removableDrive(domain, target), media));
}

export const ejectCdrom = (xml: string, target: string): string =>
  setCdromMedia(xml, target, undefined);

/** The drive's <disk> XML with `media` in it, for DOMAIN_UPDATE_DEVICE_FLAGS on a running guest. */
export function cdromWithMedia(
  domainXml: string,
  target: string,
  media: CdromMedia | undefined,
): string {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  const disk = removableDrive(domain, target);
  setMedia(disk, media);
  return elementXml(disk);
}

/** The target of the `index`-th disk when it is a CD-ROM drive its target names. */
function cdromAt(domain: Element, index: number): { disk: Element; target: string } | undefined {
  const at = diskTargetAt(domain, index);
  return at?.disk.getAttribute('device') === 'cdrom' ? at : undefined;
}

export const ejectCdromEdit: XmlEdit<string> = deviceEdit({
  id: 'domain.cdrom.eject',
  root: 'domain',
  scope: ['domain/devices/disk/source', 'domain/devices/disk/backingStore'],
  device: 'disk',
  sampleAt: (domain, index) => {
    const at = cdromAt(domain, index);
    return at && firstChild(at.disk, 'source') ? at.target : undefined;
  },
  apply: ejectCdrom,
});

export const insertCdromEdit: XmlEdit<{ target: string; media: CdromMedia }> = deviceEdit({
  id: 'domain.cdrom.insert',
  root: 'domain',
  scope: [
    'domain/devices/disk/source',
    'domain/devices/disk/backingStore',
    'domain/devices/disk/@type',
  ],
  device: 'disk',
  sampleAt: (domain, index) => {
    const at = cdromAt(domain, index);
    return (
      at && {
        target: at.target,
        media: { kind: 'file', path: '/var/lib/libvirt/images/virtdeck-roundtrip.iso' },
      }
    );
  },
  apply: (xml, p) => setCdromMedia(xml, p.target, p.media),
});
