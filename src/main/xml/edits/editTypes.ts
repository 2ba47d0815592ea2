/**
 * What an edit the app offers declares about itself, so the round trip (scripts/xml-roundtrip.ts)
 * can apply every edit to any libvirt XML and check that it changed nothing outside its scope.
 */
import type { Element } from '@xmldom/xmldom';
import { devicesNamed } from './domain/domainOrder';

/** The root element of the documents an edit applies to. */
export type XmlRoot = 'domain' | 'network' | 'pool' | 'volume';

export interface XmlEdit<P> {
  /** Stable id, e.g. "domain.memory". */
  id: string;
  root: XmlRoot;
  /**
   * Paths the edit may change, from the root: "domain/memory", "domain/devices/disk",
   * "domain/devices/interface/@type" (one attribute), "domain/metadata/{ns}tags" (namespaced).
   * "*" matches any one element name. Anything inside a matching element is in scope too.
   */
  scope: readonly string[];
  /** Paths of elements whose children the edit may reorder (boot order); none by default. */
  reorders?: readonly string[];
  /** Whether the edit applies to this document (a disk to remove exists...). */
  applies(root: Element): boolean;
  /** Parameters for the round trip, chosen to make a real change to this document. */
  sample(root: Element): P;
  /** The edit itself: the new XML text. Throws invalid-input for bad parameters. */
  apply(xml: string, params: P): string;
  /**
   * For an edit of one existing device: which device kind it edits, so the round trip can apply
   * it to each device of that kind in turn and check that no other device changed.
   */
  target?: DeviceTarget<P>;
  /** For an edit that adds a device: its element under <devices>; the others must stay as they are. */
  adds?: string;
}

export interface DeviceTarget<P> {
  /** The element under <devices> ("sound", "disk"). */
  device: string;
  /** The edit removes the device (else it changes it in place). */
  removes?: boolean;
  /** Parameters that make a real change to the `index`-th such device; undefined when none. */
  sampleAt(root: Element, index: number): P | undefined;
}

/** An edit with its parameter type hidden, for the registry. */
export interface RegisteredEdit {
  id: string;
  root: XmlRoot;
  scope: readonly string[];
  reorders: readonly string[];
  applies(root: Element): boolean;
  /** Applies the edit with its sample parameters for `root` (a parse of `xml`). */
  applySample(xml: string, root: Element): string;
  /** For a device edit: the kind it edits, and the edit applied to its `index`-th device. */
  target?: {
    device: string;
    removes: boolean;
    applyAt(xml: string, root: Element, index: number): string | undefined;
  };
  adds?: string;
}

export function register<P>(edit: XmlEdit<P>): RegisteredEdit {
  return {
    id: edit.id,
    root: edit.root,
    scope: edit.scope,
    reorders: edit.reorders ?? [],
    applies: (root) => edit.applies(root),
    applySample: (xml, root) => edit.apply(xml, edit.sample(root)),
    target: edit.target && targetOf(edit, edit.target),
    adds: edit.adds,
  };
}

function targetOf<P>(edit: XmlEdit<P>, target: DeviceTarget<P>): RegisteredEdit['target'] {
  return {
    device: target.device,
    removes: target.removes === true,
    applyAt: (xml, root, index) => {
      const params = target.sampleAt(root, index);
      return params === undefined ? undefined : edit.apply(xml, params);
    },
  };
}

/**
 * An edit of one existing device, declared by its sample for each device: it applies when some
 * device of the kind can take a change, and its single sample is the first such device.
 */
export function deviceEdit<P>(
  edit: Omit<XmlEdit<P>, 'applies' | 'sample' | 'target'> & DeviceTarget<P>,
): XmlEdit<P> {
  const { device, removes, sampleAt, ...rest } = edit;
  const samples = (root: Element) => devicesNamed(root, device).map((_, i) => sampleAt(root, i));
  return {
    ...rest,
    applies: (root) => samples(root).some((s) => s !== undefined),
    sample: (root) => {
      const s = samples(root).find((p) => p !== undefined);
      if (s === undefined) throw new Error(`no ${device} to edit`);
      return s;
    },
    target: { device, removes, sampleAt },
  };
}
