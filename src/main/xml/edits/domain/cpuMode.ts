/**
 * The guest CPU's mode (virt-manager's "Copy host CPU configuration"): host-passthrough,
 * host-model, or a named model (custom). Only <cpu>'s mode and <model> change; topology, features
 * and NUMA cells stay.
 */
import { firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setAttr, setText } from '../../xmlEdit';
import { checkNonEmpty, checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import { insertSpec, x } from '../../xmlBuild';
import { DOMAIN_ORDER } from './domainOrder';
import type { XmlEdit } from '../editTypes';
import { CPU_MODES } from '../../../../shared/deviceOptions';
export { CPU_MODES };

export type CpuMode = (typeof CPU_MODES)[number];

/** libvirt's order of <cpu>'s children (virCPUDefFormat). */
const CPU_ORDER = ['model', 'vendor', 'topology', 'cache', 'maxphysaddr', 'feature', 'numa'];

export function setCpuMode(xml: string, mode: CpuMode, model?: string): string {
  checkOneOf(mode, CPU_MODES, 'CPU mode', 'mode');
  if (mode === 'custom') checkNonEmpty(model ?? '', 'The CPU model', 'model');
  if (model !== undefined && !/^[A-Za-z0-9_.-]+$/.test(model)) {
    throw invalidInput(`"${model}" is not a CPU model name`, 'model');
  }
  return editXml(xml, 'domain', (domain) => {
    const cpu = ensureChild(domain, 'cpu', DOMAIN_ORDER);
    setAttr(cpu, 'mode', mode);
    const el = firstChild(cpu, 'model');
    if (mode === 'custom' && model !== undefined) {
      if (!cpu.hasAttribute('match')) setAttr(cpu, 'match', 'exact');
      if (el) setText(el, model);
      else insertSpec(cpu, x('model', { fallback: 'allow' }, [], model), CPU_ORDER);
    } else {
      // A host CPU mode takes no model name (libvirt ignores or refuses one) and no match.
      if (el) removeElement(el);
      setAttr(cpu, 'match', undefined);
      setAttr(cpu, 'check', undefined);
    }
  });
}

export const cpuModeEdit: XmlEdit<{ mode: CpuMode; model?: string }> = {
  id: 'domain.cpu.mode',
  root: 'domain',
  scope: ['domain/cpu/@mode', 'domain/cpu/@match', 'domain/cpu/@check', 'domain/cpu/model'],
  applies: (domain) => firstChild(domain, 'cpu') !== undefined,
  sample: (domain) =>
    firstChild(domain, 'cpu')?.getAttribute('mode') === 'host-passthrough'
      ? { mode: 'custom', model: 'qemu64' }
      : { mode: 'host-passthrough' },
  apply: (xml, p) => setCpuMode(xml, p.mode, p.model),
};
