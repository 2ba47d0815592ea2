/**
 * Filesystem shares over virtiofs. virtiofsd reads the guest's memory, so the guest's memory must
 * be shared: <memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking> is added
 * unless the guest already shares it (or backs it with hugepages / a file, which get the access).
 */
import type { Element } from '@xmldom/xmldom';
import type { FilesystemRead } from '../../../../shared/api/vmDetailsTypes';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { DEVICE_ORDER, DOMAIN_ORDER, devicesOf } from './domainOrder';
import { checkDeviceLimits, virtiofsXml } from './deviceBuilders';
import type { XmlEdit } from '../editTypes';

const MEMORY_BACKING_ORDER = [
  'hugepages',
  'nosharepages',
  'locked',
  'source',
  'access',
  'allocation',
  'discard',
];

/** True when every NUMA cell (or, without cells, the whole memory) is shared. */
export function memoryIsShared(domain: Element): boolean {
  const cells = childElements(
    firstChild(firstChild(domain, 'cpu') ?? domain, 'numa') ?? domain,
    'cell',
  );
  if (
    firstChild(domain, 'cpu') &&
    cells.length > 0 &&
    cells.every((c) => c.getAttribute('memAccess') === 'shared')
  )
    return true;
  const access = firstChild(firstChild(domain, 'memoryBacking') ?? domain, 'access');
  return (
    firstChild(domain, 'memoryBacking') !== undefined && access?.getAttribute('mode') === 'shared'
  );
}

/** Shares the guest's memory (memfd unless hugepages or a file back it already). */
export function shareMemory(domain: Element): void {
  if (memoryIsShared(domain)) return;
  const backing = ensureChild(domain, 'memoryBacking', DOMAIN_ORDER);
  if (!firstChild(backing, 'source') && !firstChild(backing, 'hugepages')) {
    insertSpec(backing, x('source', { type: 'memfd' }), MEMORY_BACKING_ORDER);
  }
  const access = firstChild(backing, 'access');
  if (access) setAttr(access, 'mode', 'shared');
  else insertSpec(backing, x('access', { mode: 'shared' }), MEMORY_BACKING_ORDER);
}

export interface VirtiofsShare {
  /** Directory on the host. */
  source: string;
  /** Mount tag the guest mounts: mount -t virtiofs TAG /mnt. */
  target: string;
  readonly?: boolean;
}

export function addVirtiofsShare(xml: string, share: VirtiofsShare): string {
  const spec = virtiofsXml(share);
  return editXml(xml, 'domain', (domain) => {
    checkDeviceLimits(domain, spec);
    shareMemory(domain);
    insertSpec(devicesOf(domain), spec, DEVICE_ORDER);
  });
}

export const addVirtiofsEdit: XmlEdit<VirtiofsShare> = {
  id: 'domain.filesystem.add',
  root: 'domain',
  adds: 'filesystem',
  scope: [
    'domain/devices/filesystem',
    'domain/memoryBacking/source',
    'domain/memoryBacking/access',
  ],
  applies: (domain) => firstChild(domain, 'devices') !== undefined,
  sample: () => ({ source: '/srv/share', target: 'virtdeck-rt' }),
  apply: addVirtiofsShare,
};

/** What the filesystem card shows of a <filesystem> (labelled by its mount tag). */
export function readFilesystem(el: Element): FilesystemRead & { label: string } {
  const source = firstChild(el, 'source');
  const target = attribute(firstChild(el, 'target'), 'dir');
  return {
    kind: 'filesystem',
    label: target ?? '',
    driver: attribute(firstChild(el, 'driver'), 'type'),
    source: attribute(source, 'dir') ?? attribute(source, 'file') ?? attribute(source, 'name'),
    target,
  };
}
