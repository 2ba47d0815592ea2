/**
 * An LXC container's own settings (issue 19 §1 Details): the init command and its arguments
 * (<os><init>, <initarg>), and host directories mounted into the container (<filesystem
 * type='mount'><source dir/><target dir/>). DOM-preserving like every domain edit: only these
 * nodes change.
 */
import type { Element } from '@xmldom/xmldom';
import { InvalidInputError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages/message';
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setAttr, setText } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { keyedDevices } from './deviceKeys';
import { DEVICE_ORDER, DOMAIN_ORDER, OS_ORDER, devicesOf } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export interface ContainerInit {
  /** The program run as the container's PID 1, a path inside the container. */
  init: string;
  args: string[];
}

/** Characters XML 1.0 cannot hold. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function isContainer(domain: Element): boolean {
  return domain.getAttribute('type') === 'lxc';
}

export function readContainerInit(domain: Element): { init?: string; args: string[] } {
  const os = firstChild(domain, 'os');
  const init = os && firstChild(os, 'init')?.textContent?.trim();
  const args = os ? childElements(os, 'initarg').map((a) => a.textContent ?? '') : [];
  return init ? { init, args } : { args };
}

function checkInit(spec: ContainerInit): void {
  const fields: Record<string, ReturnType<typeof msg>> = {};
  if (!spec.init.startsWith('/') || NOT_XML.test(spec.init)) {
    fields.init = msg('xen.containerInitNotAbsolute', { init: spec.init });
  }
  spec.args.forEach((arg, index) => {
    if (NOT_XML.test(arg))
      fields[`args.${index}`] = msg('xen.containerArgInvalid', { index: index + 1 });
  });
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
}

/** Sets the init command and replaces its arguments (in order). */
export function setContainerInit(xml: string, spec: ContainerInit): string {
  checkInit(spec);
  return editXml(xml, 'domain', (domain) => {
    if (!isContainer(domain))
      throw InvalidInputError.ofFields({ init: msg('xen.containerNotLxc') });
    const os = ensureChild(domain, 'os', DOMAIN_ORDER);
    setText(ensureChild(os, 'init', OS_ORDER), spec.init);
    for (const old of childElements(os, 'initarg')) removeElement(old);
    for (const arg of spec.args) insertSpec(os, x('initarg', {}, [], arg), OS_ORDER);
  });
}

export interface MountSpec {
  /** A directory on the host. */
  source: string;
  /** Where it appears in the container. */
  target: string;
  readonly?: boolean;
}

function checkMount(spec: MountSpec): void {
  const fields: Record<string, ReturnType<typeof msg>> = {};
  for (const field of ['source', 'target'] as const) {
    if (!spec[field].startsWith('/') || NOT_XML.test(spec[field])) {
      fields[field] = msg('xen.mountPathNotAbsolute', { path: spec[field] });
    }
  }
  if (Object.keys(fields).length > 0) throw InvalidInputError.ofFields(fields);
}

const sameDir = (a: string | null | undefined, b: string) =>
  (a ?? '').replace(/\/+$/, '') === b.replace(/\/+$/, '');

function mountSpecXml(spec: MountSpec) {
  return x('filesystem', { type: 'mount', accessmode: 'passthrough' }, [
    x('source', { dir: spec.source }),
    x('target', { dir: spec.target }),
    spec.readonly === true && x('readonly'),
  ]);
}

function filesystemAt(domain: Element, key: string): Element {
  const el = keyedDevices(domain).find((d) => d.key === key)?.el;
  if (el?.nodeName !== 'filesystem') {
    throw InvalidInputError.ofFields({ key: msg('xen.mountNotFound', { key }) });
  }
  if ((el.getAttribute('type') ?? 'mount') !== 'mount') {
    throw InvalidInputError.ofFields({ key: msg('xen.mountNotMount', { key }) });
  }
  return el;
}

/**
 * Adds a host directory mount (no `key`) or changes the one named by `key` ("filesystem:1"): its
 * source, target and read-only flag; the rest of the element stays as it was.
 */
export function setMountFilesystem(xml: string, spec: MountSpec & { key?: string }): string {
  checkMount(spec);
  return editXml(xml, 'domain', (domain) => {
    if (!isContainer(domain))
      throw InvalidInputError.ofFields({ target: msg('xen.containerNotLxc') });
    const editing = spec.key === undefined ? undefined : filesystemAt(domain, spec.key);
    const taken = childElements(firstChild(domain, 'devices') ?? domain, 'filesystem').some(
      (fs) => fs !== editing && sameDir(firstChild(fs, 'target')?.getAttribute('dir'), spec.target),
    );
    if (taken) {
      throw InvalidInputError.ofFields({
        target: msg('xen.mountTargetTaken', { target: spec.target }),
      });
    }
    if (!editing) {
      insertSpec(devicesOf(domain), mountSpecXml(spec), DEVICE_ORDER);
      return;
    }
    setAttr(ensureChild(editing, 'source'), 'dir', spec.source);
    setAttr(ensureChild(editing, 'target', ['driver', 'source', 'target']), 'dir', spec.target);
    const readonly = firstChild(editing, 'readonly');
    if (spec.readonly === true && !readonly)
      insertSpec(editing, x('readonly'), ['source', 'target', 'readonly']);
    if (spec.readonly === false && readonly) removeElement(readonly);
  });
}

export const containerInitEdit: XmlEdit<ContainerInit> = {
  id: 'domain.container.init',
  root: 'domain',
  scope: ['domain/os/init', 'domain/os/initarg'],
  applies: (domain) => isContainer(domain),
  sample: (domain) => ({
    init: readContainerInit(domain).init === '/bin/sh' ? '/sbin/init' : '/bin/sh',
    args: ['-c', `echo 'ü' "$(x)"; exec sleep infinity`],
  }),
  apply: setContainerInit,
};

export const addMountEdit: XmlEdit<MountSpec> = {
  id: 'domain.container.mount.add',
  root: 'domain',
  adds: 'filesystem',
  scope: ['domain/devices/filesystem'],
  applies: (domain) => isContainer(domain),
  sample: () => ({ source: '/srv/virtdeck rt ü', target: '/mnt/virtdeck-rt', readonly: true }),
  apply: setMountFilesystem,
};

export const mountSettingsEdit: XmlEdit<MountSpec & { key: string }> = {
  id: 'domain.container.mount.settings',
  root: 'domain',
  scope: [
    'domain/devices/filesystem/source',
    'domain/devices/filesystem/target',
    'domain/devices/filesystem/readonly',
  ],
  applies: (domain) => isContainer(domain) && mountSample(domain, 0) !== undefined,
  sample: (domain) => mountSample(domain, 0) ?? { key: 'filesystem:0', source: '/', target: '/' },
  target: { device: 'filesystem', sampleAt: mountSample },
  apply: setMountFilesystem,
};

function mountSample(domain: Element, index: number): (MountSpec & { key: string }) | undefined {
  const fs = childElements(firstChild(domain, 'devices') ?? domain, 'filesystem')[index];
  if (!fs || (fs.getAttribute('type') ?? 'mount') !== 'mount') return undefined;
  const target = firstChild(fs, 'target')?.getAttribute('dir');
  if (!target?.startsWith('/')) return undefined;
  return {
    key: `filesystem:${index}`,
    source: '/srv/virtdeck-rt-moved',
    target,
    readonly: firstChild(fs, 'readonly') === undefined,
  };
}
