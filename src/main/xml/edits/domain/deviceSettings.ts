/**
 * The settings the details page's device cards change in place: a video, sound or watchdog
 * model, an input device's bus, a TPM's model and version, an RNG's host source. Each changes
 * only its attributes, and drops the device's <address> when the change moves it to another bus
 * (libvirt then gives it a fitting one, as virt-manager does), or children only the old model has.
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, childElements, firstChild } from '../../xmlDocument';
import { editXml, removeElement, setAttr, setText } from '../../xmlEdit';
import { checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import { deviceAt, devicesNamed } from './domainOrder';
import {
  WATCHDOG_ACTIONS,
  type OtherDeviceRead,
  type RngRead,
  type VideoRead,
  type WatchdogRead,
} from '../../../../shared/api/vmDetailsTypes';
import { SOUND_MODELS, VIDEO_MODELS, WATCHDOG_MODELS } from './deviceBuilders';
import { TPM_MODELS } from './tpm';
import { deviceEdit, type XmlEdit } from '../editTypes';
import type { DeviceSettingsChange } from '../../../../shared/api/vmDetailsTypes';
import { INPUT_BUSES, RNG_SOURCES } from '../../../../shared/deviceOptions';
export { INPUT_BUSES, RNG_SOURCES };

/**
 * What one card changes; `device` names the element, the rest its new values (the type the API's
 * schema infers, shared/api/methods/vmEdits.ts).
 */
export type DeviceSettings = DeviceSettingsChange;

/** Video attributes that size one model's memory; another model takes its own defaults. */
const VIDEO_MEMORY = ['ram', 'vram', 'vram64', 'vgamem'];
/** Sound models with HDA codecs (<codec type='micro'/>). */
const HDA = ['ich6', 'ich7', 'ich9'];

function dropAddress(el: Element): void {
  const address = firstChild(el, 'address');
  if (address) removeElement(address);
}

function changeVideo(video: Element, model: string): void {
  checkOneOf(model, VIDEO_MODELS, 'Video model', 'model');
  const el = firstChild(video, 'model');
  if (!el) throw invalidInput('This video device has no <model> to change', 'model');
  if (el.getAttribute('type') === model) return;
  setAttr(el, 'type', model);
  VIDEO_MEMORY.forEach((a) => setAttr(el, a, undefined));
  if (model !== 'virtio') childElements(el, 'acceleration').forEach(removeElement);
  // ramfb and none are not PCI devices; the others keep their slot.
  if (model === 'ramfb' || model === 'none') dropAddress(video);
}

function changeSound(sound: Element, model: string): void {
  checkOneOf(model, SOUND_MODELS, 'Sound model', 'model');
  if (sound.getAttribute('model') === model) return;
  setAttr(sound, 'model', model);
  if (!HDA.includes(model)) childElements(sound, 'codec').forEach(removeElement);
  dropAddress(sound);
}

function changeInput(input: Element, bus: string): void {
  checkOneOf(bus, INPUT_BUSES, 'Input bus', 'bus');
  if (input.getAttribute('type') === 'tablet' && bus === 'ps2') {
    throw invalidInput('A tablet cannot be on PS/2', 'bus');
  }
  if (input.getAttribute('bus') === bus) return;
  setAttr(input, 'bus', bus);
  dropAddress(input);
}

function changeTpm(tpm: Element, model: string, version: string | undefined): void {
  checkOneOf(model, TPM_MODELS, 'TPM model', 'model');
  const backend = firstChild(tpm, 'backend');
  if (version !== undefined) {
    checkOneOf(version, ['1.2', '2.0'], 'TPM version', 'version');
    if (backend?.getAttribute('type') !== 'emulator') {
      throw invalidInput('Only an emulated TPM has a version to choose', 'version');
    }
  }
  const effective = version ?? backend?.getAttribute('version') ?? '2.0';
  if (model === 'tpm-crb' && effective === '1.2') {
    throw invalidInput('A CRB TPM is TPM 2.0 only', 'model');
  }
  if (tpm.getAttribute('model') !== model) {
    setAttr(tpm, 'model', model);
    dropAddress(tpm);
  }
  if (backend && version !== undefined) setAttr(backend, 'version', version);
}

/** The host's random source; an EGD backend (a socket) becomes a device backend. */
function changeRng(rng: Element, source: string): void {
  checkOneOf(source, RNG_SOURCES, 'RNG source', 'source');
  const backend = firstChild(rng, 'backend');
  if (!backend) throw invalidInput('This RNG has no <backend> to change', 'source');
  if (backend.getAttribute('model') !== 'random') {
    setAttr(backend, 'model', 'random');
    setAttr(backend, 'type', undefined);
  }
  setText(backend, source);
}

function changeWatchdog(watchdog: Element, model: string, action: string): void {
  checkOneOf(model, WATCHDOG_MODELS, 'Watchdog model', 'model');
  checkOneOf(action, WATCHDOG_ACTIONS, 'Watchdog action', 'action');
  if (watchdog.getAttribute('model') !== model) {
    setAttr(watchdog, 'model', model);
    dropAddress(watchdog);
  }
  setAttr(watchdog, 'action', action);
}

function change(el: Element, settings: DeviceSettings): void {
  switch (settings.device) {
    case 'video':
      return changeVideo(el, settings.model);
    case 'sound':
      return changeSound(el, settings.model);
    case 'input':
      return changeInput(el, settings.bus);
    case 'tpm':
      return changeTpm(el, settings.model, settings.version);
    case 'rng':
      return changeRng(el, settings.source);
    case 'watchdog':
      return changeWatchdog(el, settings.model, settings.action);
    default:
      throw invalidInput('Unknown device settings', 'device');
  }
}

/** Changes the `index`-th device named `settings.device`; nothing else in the domain. */
export function setDeviceSettings(xml: string, index: number, settings: DeviceSettings): string {
  return editXml(xml, 'domain', (domain) =>
    change(deviceAt(domain, settings.device, index), settings),
  );
}

/** A round-trip entry: each device of a kind gets `sample`'s settings for it, in turn. */
function settingsEdit(
  name: DeviceSettings['device'],
  scope: string[],
  sample: (el: Element) => DeviceSettings | undefined,
): XmlEdit<{ index: number; settings: DeviceSettings }> {
  return deviceEdit({
    id: `domain.${name}.settings`,
    root: 'domain',
    scope: scope.map((s) => `domain/devices/${name}${s}`),
    device: name,
    sampleAt: (domain, index) => {
      const el = devicesNamed(domain, name)[index];
      const settings = el && sample(el);
      return settings && { index, settings };
    },
    apply: (xml, p) => setDeviceSettings(xml, p.index, p.settings),
  });
}

export const deviceSettingsEdits: XmlEdit<{ index: number; settings: DeviceSettings }>[] = [
  settingsEdit('video', ['/model', '/address'], (el) =>
    firstChild(el, 'model')
      ? {
          device: 'video',
          model: firstChild(el, 'model')?.getAttribute('type') === 'virtio' ? 'qxl' : 'virtio',
        }
      : undefined,
  ),
  settingsEdit('sound', ['/@model', '/codec', '/address'], (el) => ({
    device: 'sound',
    model: el.getAttribute('model') === 'ac97' ? 'ich9' : 'ac97',
  })),
  settingsEdit('input', ['/@bus', '/address'], (el) =>
    el.getAttribute('type') === 'tablet' ||
    el.getAttribute('type') === 'mouse' ||
    el.getAttribute('type') === 'keyboard'
      ? { device: 'input', bus: el.getAttribute('bus') === 'virtio' ? 'usb' : 'virtio' }
      : undefined,
  ),
  settingsEdit('tpm', ['/@model', '/backend/@version', '/address'], (el) =>
    firstChild(el, 'backend')?.getAttribute('type') === 'emulator'
      ? {
          device: 'tpm',
          model: el.getAttribute('model') === 'tpm-tis' ? 'tpm-crb' : 'tpm-tis',
          version: '2.0',
        }
      : undefined,
  ),
  settingsEdit('rng', ['/backend'], (el) =>
    firstChild(el, 'backend')
      ? {
          device: 'rng',
          source:
            firstChild(el, 'backend')?.textContent?.trim() === '/dev/random'
              ? '/dev/urandom'
              : '/dev/random',
        }
      : undefined,
  ),
  settingsEdit('watchdog', ['/@model', '/@action', '/address'], (el) => ({
    device: 'watchdog',
    model: el.getAttribute('model') === 'ib700' ? 'i6300esb' : 'ib700',
    action: el.getAttribute('action') === 'poweroff' ? 'reset' : 'poweroff',
  })),
];

/** What the RNG card shows and edits of an <rng> (labelled by its model). */
export function readRng(el: Element): RngRead & { label: string } {
  return {
    kind: 'rng',
    label: el.getAttribute('model') ?? 'rng',
    model: attribute(el, 'model'),
    backend: firstChild(el, 'backend')?.textContent?.trim() || undefined,
  };
}

/** What the watchdog card shows and edits of a <watchdog> (labelled by its model). */
export function readWatchdog(el: Element): WatchdogRead & { label: string } {
  return {
    kind: 'watchdog',
    label: el.getAttribute('model') ?? 'watchdog',
    model: attribute(el, 'model'),
    action: attribute(el, 'action'),
  };
}

/** What the video card shows and edits of a <video> (labelled by its model). */
export function readVideo(el: Element): VideoRead & { label: string } {
  const model = firstChild(el, 'model');
  return {
    kind: 'video',
    label: attribute(model, 'type') ?? 'video',
    model: attribute(model, 'type'),
    vram: attribute(model, 'vram'),
    heads: attribute(model, 'heads'),
  };
}

/**
 * A sound card's model, an input's type and bus, and the same attributes of the kinds with no
 * reader of their own (labelled by its model or type).
 */
export function readOtherDevice(
  el: Element,
  kind: OtherDeviceRead['kind'],
): OtherDeviceRead & { label: string } {
  return {
    kind,
    label: el.getAttribute('model') ?? el.getAttribute('type') ?? el.nodeName,
    type: attribute(el, 'type'),
    model: attribute(el, 'model'),
    bus: attribute(el, 'bus'),
  };
}
