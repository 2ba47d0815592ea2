/**
 * A snapshot's XML both ways: what libvirt's `<domainsnapshot>` says about it (read for the list)
 * and the `<domainsnapshot>` the app asks libvirt to create.
 */
import type { Element } from '@xmldom/xmldom';
import type { SnapshotInfo } from '../../../shared/api/methods/snapshots';
import { attribute, childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { specToXml, x, type XmlSpec } from '../../xml/xmlBuild';

export type SnapshotLocation = SnapshotInfo['location'];

/** What the snapshot's own XML says; `current` and `hasThumbnail` come from elsewhere. */
export type SnapshotXmlFacts = Omit<SnapshotInfo, 'current' | 'hasThumbnail'>;

const childText = (parent: Element, name: string): string | undefined =>
  firstChild(parent, name)?.textContent ?? undefined;

export function readSnapshotXml(xml: string): SnapshotXmlFacts {
  const root = parseXml(xml).documentElement;
  if (!root) throw new Error('snapshot XML without a root element');
  const parent = firstChild(root, 'parent');
  const memory = attribute(firstChild(root, 'memory'), 'snapshot');
  const disks = childElements(firstChild(root, 'disks') ?? root, 'disk');
  // External when any part of it lives in a file of its own (an overlay, a memory file).
  const external =
    memory === 'external' || disks.some((d) => attribute(d, 'snapshot') === 'external');
  const created = Number(childText(root, 'creationTime') ?? 0);
  const state = childText(root, 'state') ?? 'shutoff';
  return {
    name: childText(root, 'name') ?? '',
    parent: parent ? childText(parent, 'name') : undefined,
    createdAt: Number.isFinite(created) ? created : 0,
    description: childText(root, 'description') ?? '',
    state,
    location: external ? 'external' : 'internal',
    // Before <memory> existed (libvirt < 1.0.1) a running-state snapshot always held memory.
    memory: memory ? memory !== 'no' : state === 'running' || state === 'paused',
  };
}

/** One disk of the VM in a new snapshot: left out, kept inside its image, or a new overlay. */
export type SnapshotDiskPlan =
  | { target: string; snapshot: 'no' | 'internal' }
  | { target: string; snapshot: 'external'; overlay: string };

export interface NewSnapshotXml {
  name: string;
  description?: string;
  /** 'no': disk state only; 'internal' keeps RAM in the images; 'external' in `memoryFile`. */
  memory: 'no' | 'internal' | 'external';
  memoryFile?: string;
  disks: SnapshotDiskPlan[];
}

export function buildSnapshotXml(spec: NewSnapshotXml): string {
  const disk = (d: SnapshotDiskPlan): XmlSpec =>
    x(
      'disk',
      { name: d.target, snapshot: d.snapshot },
      d.snapshot === 'external' ? [x('source', { file: d.overlay })] : [],
    );
  return specToXml(
    x('domainsnapshot', {}, [
      x('name', {}, [], spec.name),
      spec.description ? x('description', {}, [], spec.description) : undefined,
      x('memory', {
        snapshot: spec.memory,
        file: spec.memory === 'external' ? spec.memoryFile : undefined,
      }),
      x('disks', {}, spec.disks.map(disk)),
    ]),
  );
}
