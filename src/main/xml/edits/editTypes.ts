/**
 * What an edit the app offers declares about itself, so the round trip (scripts/xml-roundtrip.ts)
 * can apply every edit to any libvirt XML and check that it changed nothing outside its scope.
 */
import type { Element } from '@xmldom/xmldom';

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
}

export function register<P>(edit: XmlEdit<P>): RegisteredEdit {
  return {
    id: edit.id,
    root: edit.root,
    scope: edit.scope,
    reorders: edit.reorders ?? [],
    applies: (root) => edit.applies(root),
    applySample: (xml, root) => edit.apply(xml, edit.sample(root)),
  };
}
