/**
 * Every XML edit the app offers, in one list: the round trip (scripts/xml-roundtrip.ts) applies
 * each to every document it applies to, and a new edit is not finished until it is listed here.
 */
import type { RegisteredEdit, XmlRoot } from './editTypes';
import { register } from './editTypes';
import { memoryEdit } from './domain/memory';
import { vcpusEdit } from './domain/vcpus';

export const XML_EDITS: readonly RegisteredEdit[] = [register(memoryEdit), register(vcpusEdit)];

export function editsFor(root: XmlRoot): RegisteredEdit[] {
  return XML_EDITS.filter((e) => e.root === root);
}
