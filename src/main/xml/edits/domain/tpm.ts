/**
 * TPM: an emulated TPM 2.0 (swtpm) for Windows 11 and measured boot, or the host's TPM passed
 * through. libvirt takes one TPM per guest (plus a proxy on ppc64, not offered here).
 */
import type { Element } from '@xmldom/xmldom';
import type { TpmRead } from '../../../../shared/api/vmDetailsTypes';
import { attribute, firstChild, parseXml } from '../../xmlDocument';
import { editXml, removeElement } from '../../xmlEdit';
import { insertSpec, specToXml, x, type XmlSpec } from '../../xmlBuild';
import { checkAbsolutePath, checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import { DEVICE_ORDER, deviceAt, devicesNamed, devicesOf } from './domainOrder';
import { deviceEdit, type XmlEdit } from '../editTypes';
import { TPM_MODELS } from '../../../../shared/deviceOptions';
export { TPM_MODELS };

export interface TpmSpec {
  model: (typeof TPM_MODELS)[number];
  backend: { kind: 'emulator'; version?: '1.2' | '2.0' } | { kind: 'passthrough'; path: string };
}

export function tpmSpecXml(spec: TpmSpec): XmlSpec {
  checkOneOf(spec.model, TPM_MODELS, 'TPM model', 'model');
  const backend =
    spec.backend.kind === 'emulator'
      ? x('backend', { type: 'emulator', version: spec.backend.version ?? '2.0' })
      : x('backend', { type: 'passthrough' }, [
          x('device', { path: checkAbsolutePath(spec.backend.path, 'The TPM device', 'path') }),
        ]);
  if (
    spec.backend.kind === 'emulator' &&
    spec.backend.version === '1.2' &&
    spec.model === 'tpm-crb'
  ) {
    throw invalidInput('A CRB TPM is TPM 2.0 only', 'model');
  }
  return x('tpm', { model: spec.model }, [backend]);
}

function checkNone(domain: Element): void {
  if (devicesNamed(domain, 'tpm').length > 0)
    throw invalidInput('The guest already has a TPM', 'tpm');
}

export function newTpmDevice(domainXml: string, spec: TpmSpec): string {
  const domain = parseXml(domainXml).documentElement;
  if (!domain) throw invalidInput('Empty domain XML');
  checkNone(domain);
  return specToXml(tpmSpecXml(spec));
}

export function addTpm(xml: string, spec: TpmSpec): string {
  return editXml(xml, 'domain', (domain) => {
    checkNone(domain);
    insertSpec(devicesOf(domain), tpmSpecXml(spec), DEVICE_ORDER);
  });
}

export function removeTpm(xml: string, index = 0): string {
  return editXml(xml, 'domain', (domain) => removeElement(deviceAt(domain, 'tpm', index)));
}

/** The TPM model QEMU offers for the guest's architecture. */
export function defaultTpmModel(domain: Element): TpmSpec['model'] {
  const arch = firstChild(firstChild(domain, 'os') ?? domain, 'type')?.getAttribute('arch') ?? '';
  return arch.startsWith('ppc') ? 'tpm-spapr' : arch === 'aarch64' ? 'tpm-tis' : 'tpm-crb';
}

export const addTpmEdit: XmlEdit<TpmSpec> = {
  id: 'domain.tpm.add',
  root: 'domain',
  adds: 'tpm',
  scope: ['domain/devices/tpm'],
  applies: (domain) =>
    firstChild(domain, 'devices') !== undefined && devicesNamed(domain, 'tpm').length === 0,
  sample: (domain) => ({
    model: defaultTpmModel(domain),
    backend: { kind: 'emulator', version: '2.0' },
  }),
  apply: addTpm,
};

export const removeTpmEdit: XmlEdit<number> = deviceEdit<number>({
  id: 'domain.tpm.remove',
  root: 'domain',
  scope: ['domain/devices/tpm'],
  device: 'tpm',
  removes: true,
  sampleAt: (_domain, index) => index,
  apply: removeTpm,
});

/** What the TPM card shows and edits of a <tpm> (labelled by its model). */
export function readTpm(el: Element): TpmRead & { label: string } {
  const backend = firstChild(el, 'backend');
  return {
    kind: 'tpm',
    label: el.getAttribute('model') ?? 'tpm',
    model: attribute(el, 'model'),
    backend: attribute(backend, 'type'),
    version: attribute(backend, 'version'),
  };
}
