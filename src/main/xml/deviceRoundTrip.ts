/**
 * The round trip of a device edit: applied to each device of its kind in turn (first, middle,
 * last), the edit must change that device alone, in place and within its scope, and leave every
 * other node as it was, the devices of the same kind included. The whole-document diff cannot
 * tell one <sound> from another (its paths name kinds, not devices), so the edited device is
 * compared with its own old self, and the rest of the document with the device taken out.
 */
import type { Element } from '@xmldom/xmldom';
import { canonicalElement, changesOutsideScope, diffTrees, type XmlChange } from './canonicalDiff';
import { childElements, parseXml } from './xmlDocument';
import { removeElement } from './xmlEdit';
import { devicesNamed } from './edits/domain/domainOrder';
import type { RegisteredEdit } from './edits/editTypes';

export interface DeviceRun {
  /** The device's index among those of its kind. */
  index: number;
  /** Undefined when the edit passed on that device, else why not. */
  why?: string;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function rootOf(xml: string): Element {
  const root = parseXml(xml).documentElement;
  if (!root) throw new Error('no root element');
  return root;
}

/** Where `el` stands among all the devices (not only those of its kind). */
function position(el: Element): number {
  const parent = el.parentNode as Element | null;
  return parent ? childElements(parent).indexOf(el) : -1;
}

function describe(changes: readonly XmlChange[]): string {
  return changes
    .slice(0, 3)
    .map((c) => `${c.kind} outside the edited device's scope at ${c.path}: ${c.detail}`)
    .join('; ');
}

/** The changes `after` makes outside what editing (or removing) device `index` may change. */
function judge(
  before: string,
  after: string,
  edit: RegisteredEdit,
  target: NonNullable<RegisteredEdit['target']>,
  index: number,
): string | undefined {
  const a = rootOf(before);
  const b = rootOf(after);
  const name = target.device;
  const old = devicesNamed(a, name)[index];
  if (!old) return `no ${name} #${index}`;
  const changes: XmlChange[] = [];
  if (target.removes) {
    if (devicesNamed(b, name).length !== devicesNamed(a, name).length - 1) {
      return `the edit did not remove exactly one ${name}`;
    }
  } else {
    const now = devicesNamed(b, name)[index];
    if (!now) return `the edited ${name} #${index} is gone`;
    if (position(now) !== position(old)) return `the edited ${name} #${index} moved`;
    const own = diffTrees(canonicalElement(old), canonicalElement(now), 'domain/devices');
    if (own.changes.length === 0) return `the edit left ${name} #${index} unchanged`;
    changes.push(...changesOutsideScope(own, edit.scope, edit.reorders));
    removeElement(now);
  }
  removeElement(old);
  // Outside the device, the scope's paths under this kind would excuse its siblings: not here.
  const kind = `${a.nodeName}/devices/${name}`;
  const restScope = edit.scope.filter((p) => p !== kind && !p.startsWith(`${kind}/`));
  const rest = diffTrees(canonicalElement(a), canonicalElement(b));
  changes.push(...changesOutsideScope(rest, restScope, edit.reorders));
  return changes.length === 0 ? undefined : describe(changes);
}

/**
 * The changes `after` makes besides adding one device of `kind`: the new one is whichever leaves
 * the rest unchanged (it may go anywhere among its kind), else the one that leaves the fewest.
 */
function judgeAdd(before: string, after: string, edit: RegisteredEdit, kind: string): DeviceRun {
  const a = rootOf(before);
  const count = devicesNamed(rootOf(after), kind).length;
  if (count !== devicesNamed(a, kind).length + 1) {
    return { index: -1, why: `the edit did not add exactly one ${kind}` };
  }
  const own = `${a.nodeName}/devices/${kind}`;
  const restScope = edit.scope.filter((p) => p !== own && !p.startsWith(`${own}/`));
  let best: { index: number; changes: XmlChange[] } | undefined;
  for (let index = 0; index < count; index++) {
    const b = rootOf(after);
    const added = devicesNamed(b, kind)[index];
    if (added) removeElement(added);
    const diff = diffTrees(canonicalElement(a), canonicalElement(b));
    const changes = changesOutsideScope(diff, restScope, edit.reorders);
    if (changes.length === 0) return { index };
    if (!best || changes.length < best.changes.length) best = { index, changes };
  }
  return { index: best?.index ?? -1, why: best && describe(best.changes) };
}

/**
 * The edit applied to each device of its kind it can change, each on a fresh copy of `xml`; an
 * edit that adds a device, once, with every device already there left as it was.
 */
export function checkDeviceEdit(xml: string, edit: RegisteredEdit): DeviceRun[] {
  if (edit.adds) {
    try {
      return [judgeAdd(xml, edit.applySample(xml, rootOf(xml)), edit, edit.adds)];
    } catch (err) {
      return [{ index: -1, why: `the edit threw: ${message(err)}` }];
    }
  }
  const target = edit.target;
  if (!target) return [];
  const count = devicesNamed(rootOf(xml), target.device).length;
  const runs: DeviceRun[] = [];
  for (let index = 0; index < count; index++) {
    let after: string | undefined;
    try {
      after = target.applyAt(xml, rootOf(xml), index);
    } catch (err) {
      runs.push({ index, why: `the edit threw: ${message(err)}` });
      continue;
    }
    if (after === undefined) continue;
    try {
      runs.push({ index, why: judge(xml, after, edit, target, index) });
    } catch (err) {
      runs.push({ index, why: `the result is not comparable: ${message(err)}` });
    }
  }
  return runs;
}
