/**
 * Edits of one existing device from its card: a NIC (source, link live; model at the next
 * start), a display (a new password live; protocol and listen address at the next start), a
 * disk's driver settings, the models of the other kinds, a serial port's connection. Each edit
 * runs once on the current persistent XML first, so bad input is refused before anything changes.
 */
import type { EditResult, VmEdit } from '../../../shared/api/vmDetailsTypes';
import { LibvirtError } from '../../libvirt/rpc/errors';
import { updateDevice } from '../../libvirt/domain';
import {
  nicByMac,
  nicUpdated,
  setNicLinkState,
  setNicModel,
  setNicSource,
  type NicSource,
} from '../../xml/edits/domain/interfaces';
import {
  graphicsWithPassword,
  setGraphicsListen,
  setGraphicsPassword,
} from '../../xml/edits/domain/graphics';
import { setGraphicsType } from '../../xml/edits/domain/graphicsType';
import { setDiskSettings } from '../../xml/edits/domain/disks';
import { setDeviceSettings } from '../../xml/edits/domain/deviceSettings';
import { CHAR_DEVICES, setCharSource } from '../../xml/edits/domain/serialType';
import { deviceRef } from '../../xml/edits/domain/deviceKeys';
import { invalidInput } from '../../../shared/inputChecks';
import { attribute, firstChild, parseXml } from '../../xml/xmlDocument';
import { NOT_LIVE } from './addHardware';
import { defineEdited, liveFlags, secureConfigXml, secureLiveXml, type VmHandle } from './vmXml';
import { virDomainModificationImpact } from '../../libvirt/rpc/generated/libvirtEnums';

type EditOf<K extends VmEdit['kind']> = Extract<VmEdit, { kind: K }>;

function domainOf(xml: string) {
  const root = parseXml(xml).documentElement;
  if (!root) throw invalidInput('Empty domain XML');
  return root;
}

/** The key's element name and index, refused when it is not a device of `names`. */
function refOf(xml: string, key: string, names: readonly string[]) {
  const ref = deviceRef(domainOf(xml), key);
  if (!names.includes(ref.name)) throw invalidInput(`${key} is not a ${names.join(' or ')}`, 'key');
  return ref;
}

/** Persistent-only edits: checked, defined; a running guest sees them at its next start. */
async function atNextStart(vm: VmHandle, edit: (xml: string) => string): Promise<EditResult> {
  await defineEdited(vm, edit);
  return { needsRestart: vm.active };
}

/**
 * Runs `live`; when the hypervisor cannot do it live, the config takes `configEdit` alone.
 * `codes`: the libvirt errors that mean "not live" for this change (others are thrown).
 */
async function liveOrConfig(
  vm: VmHandle,
  live: () => Promise<void>,
  configEdit: (xml: string) => string,
  codes: readonly number[] | 'any' = NOT_LIVE,
): Promise<EditResult> {
  try {
    await live();
    return { needsRestart: false };
  } catch (err) {
    if (!(err instanceof LibvirtError)) throw err;
    if (codes !== 'any' && !codes.includes(err.libvirtCode)) throw err;
    await defineEdited(vm, configEdit);
    return { needsRestart: true, liveError: err.message };
  }
}

function nicSource(source: EditOf<'interface'>['source']): NicSource | undefined {
  if (!source) return undefined;
  if ('network' in source) return { kind: 'network', network: source.network };
  if ('bridge' in source) return { kind: 'bridge', bridge: source.bridge };
  return { kind: 'direct', device: source.direct, mode: source.mode };
}

export async function editInterface(vm: VmHandle, edit: EditOf<'interface'>): Promise<EditResult> {
  const mac = /^interface:(.+)$/.exec(edit.key)?.[1];
  if (!mac) throw invalidInput(`"${edit.key}" is not a network interface`, 'key');
  const source = nicSource(edit.source);
  const linkState = edit.linkUp === undefined ? undefined : edit.linkUp ? 'up' : 'down';
  const liveEdit = (xml: string) => {
    let out = xml;
    if (source) out = setNicSource(out, mac, source);
    if (linkState) out = setNicLinkState(out, mac, linkState);
    return out;
  };
  const model = edit.model;
  const modelEdit = (xml: string) => (model === undefined ? xml : setNicModel(xml, mac, model));
  const config = await secureConfigXml(vm);
  modelEdit(liveEdit(config));
  if (!vm.active) return atNextStart(vm, (xml) => modelEdit(liveEdit(xml)));
  let result: EditResult = { needsRestart: false };
  if (source || linkState) {
    const device = nicUpdated(await secureLiveXml(vm), mac, { source, linkState });
    result = await liveOrConfig(
      vm,
      () => updateDevice(vm.rpc, vm.dom, device, liveFlags(vm)),
      liveEdit,
    );
  }
  const oldModel = attribute(firstChild(nicByMac(domainOf(config), mac), 'model'), 'type');
  if (model === undefined || model === oldModel) return result;
  // QEMU cannot swap a NIC's model under a running guest: the next start gets the new card.
  await defineEdited(vm, modelEdit);
  return { ...result, needsRestart: true };
}

export async function editGraphics(vm: VmHandle, edit: EditOf<'graphics'>): Promise<EditResult> {
  const config = await secureConfigXml(vm);
  const { index } = refOf(config, edit.key, ['graphics']);
  const password = edit.password === null ? undefined : edit.password;
  const restartEdit = (xml: string) => {
    let out = xml;
    if (edit.type !== undefined) out = setGraphicsType(out, index, edit.type);
    if (edit.listen !== undefined) out = setGraphicsListen(out, index, edit.listen);
    return out;
  };
  const passwordEdit = (xml: string) =>
    edit.password === undefined ? xml : setGraphicsPassword(xml, index, password);
  const all = (xml: string) => passwordEdit(restartEdit(xml));
  const changesAtRestart = restartEdit(config) !== config;
  all(config);
  if (!vm.active) return atNextStart(vm, all);
  let result: EditResult = { needsRestart: changesAtRestart };
  if (password !== undefined) {
    // A new password reaches QEMU live. Clearing one does not: libvirt keeps QEMU's password
    // when none is given, so a cleared password takes effect at the next start.
    const live = await secureLiveXml(vm);
    const liveIndex = refOf(live, edit.key, ['graphics']).index;
    const device = graphicsWithPassword(live, liveIndex, password);
    // QEMU refuses a password for a display it started without one ("Could not set
    // password"): the password, checked already, then waits for the next start.
    const fromLive = await liveOrConfig(
      vm,
      () =>
        updateDevice(vm.rpc, vm.dom, device, virDomainModificationImpact.VIR_DOMAIN_AFFECT_LIVE),
      passwordEdit,
      'any',
    );
    result = { ...fromLive, needsRestart: fromLive.needsRestart || changesAtRestart };
  } else if (edit.password === null) result = { needsRestart: true };
  await defineEdited(vm, all);
  return result;
}

export async function editDisk(vm: VmHandle, edit: EditOf<'disk'>): Promise<EditResult> {
  const target = /^disk:(.+)$/.exec(edit.key)?.[1];
  if (!target) throw invalidInput(`"${edit.key}" is not a disk`, 'key');
  return atNextStart(vm, (xml) => setDiskSettings(xml, target, edit.settings));
}

export async function editDeviceSettings(
  vm: VmHandle,
  edit: EditOf<'deviceSettings'>,
): Promise<EditResult> {
  const device = edit.settings.device;
  const { index } = refOf(await secureConfigXml(vm), edit.key, [device]);
  return atNextStart(vm, (xml) => setDeviceSettings(xml, index, edit.settings));
}

export async function editCharSource(
  vm: VmHandle,
  edit: EditOf<'charSource'>,
): Promise<EditResult> {
  const { name, index } = refOf(await secureConfigXml(vm), edit.key, CHAR_DEVICES);
  return atNextStart(vm, (xml) =>
    setCharSource(xml, name as (typeof CHAR_DEVICES)[number], index, {
      type: edit.type,
      path: edit.path,
    }),
  );
}
