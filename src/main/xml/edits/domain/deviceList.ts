/**
 * The details page's devices: each device under <devices> with the key edits name it by, where it
 * is (config, running guest) and what its kind reads. Each kind's reader sits next to the edits
 * that write it, so a property is declared once for both. Read-only: nothing here changes XML.
 */
import type { Element } from '@xmldom/xmldom';
import {
  DEVICE_KINDS,
  type DeviceKind,
  type DeviceRead,
  type DeviceView,
} from '../../../../shared/api/vmDetailsTypes';
import { attribute, firstChild } from '../../xmlDocument';
import { elementXml } from '../../xmlEdit';
import { readController, readHostdev } from './deviceBuilders';
import { pairDevices } from './deviceKeys';
import { readOtherDevice, readRng, readVideo, readWatchdog } from './deviceSettings';
import { readDisk } from './disks';
import { readFilesystem } from './filesystem';
import { readGraphics } from './graphics';
import { readInterface } from './interfaces';
import { readCharDevice } from './serialType';
import { readTpm } from './tpm';

type Reader = (el: Element, kind: DeviceKind) => DeviceRead & { label: string };

/** The reader of every kind (a Record: a kind added to DEVICE_KINDS needs one). */
const READERS: Record<DeviceKind, Reader> = {
  disk: readDisk,
  cdrom: readDisk,
  floppy: readDisk,
  interface: readInterface,
  graphics: readGraphics,
  video: readVideo,
  sound: (el) => readOtherDevice(el, 'sound'),
  input: (el) => readOtherDevice(el, 'input'),
  serial: (el) => readCharDevice(el, 'serial'),
  console: (el) => readCharDevice(el, 'console'),
  channel: (el) => readCharDevice(el, 'channel'),
  parallel: (el) => readCharDevice(el, 'parallel'),
  tpm: readTpm,
  rng: readRng,
  watchdog: readWatchdog,
  filesystem: readFilesystem,
  hostdev: readHostdev,
  redirdev: (el) => readOtherDevice(el, 'redirdev'),
  controller: readController,
  memballoon: (el) => readOtherDevice(el, 'memballoon'),
  other: (el) => readOtherDevice(el, 'other'),
};

const isKind = (name: string): name is DeviceKind =>
  (DEVICE_KINDS as readonly string[]).includes(name);

/**
 * The kind whose reader reads `el`: its element name (cdrom, floppy and other are none). Disks,
 * CD-ROMs and floppies share <disk>, and readDisk tells them apart.
 */
function kindOf(el: Element): DeviceKind {
  return isKind(el.nodeName) ? el.nodeName : 'other';
}

/** The device as the XML tab shows it: a display password is the backend's alone. */
function withoutSecrets(el: Element): Element {
  if (!el.hasAttribute('passwd')) return el;
  const copy = el.cloneNode(true) as Element;
  copy.removeAttribute('passwd');
  return copy;
}

/**
 * The devices of the persistent config, marked with whether the running guest has them, then
 * the devices only the running guest has (hot-plugged without the config, or removed from the
 * config at the next shutdown).
 */
export function listDevices(config: Element, live: Element | undefined): DeviceView[] {
  return pairDevices(config, live).map((d) => {
    const el = d.config ?? d.live;
    if (!el) throw new Error(`device ${d.key} is in neither XML`);
    const kind = kindOf(el);
    const order = Number(attribute(firstChild(el, 'boot'), 'order'));
    return {
      ...READERS[kind](el, kind),
      key: d.key,
      element: el.nodeName,
      inConfig: d.config !== undefined,
      inLive: d.live !== undefined,
      bootOrder: Number.isSafeInteger(order) && order > 0 ? order : undefined,
      xml: elementXml(withoutSecrets(el)),
    };
  });
}
