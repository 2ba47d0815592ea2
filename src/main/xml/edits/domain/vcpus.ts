/**
 * vCPUs: <vcpu current='C'>MAX</vcpu> (placement and cpuset kept as they are), and what must agree
 * with it: the per-vCPU <vcpus> list when the guest has one, <cpu><topology> (libvirt requires
 * sockets × dies × clusters × cores × threads = MAX) and <cputune><vcpupin> entries.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setAttr, setText } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { checkInt, invalidInput } from '../../../../shared/inputChecks';
import { DOMAIN_ORDER } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export interface DomainVcpus {
  maximum: number;
  current: number;
  placement: string | undefined;
  topology: Record<'sockets' | 'dies' | 'clusters' | 'cores' | 'threads', number> | undefined;
}

function positive(v: string | null | undefined): number | undefined {
  const n = Number(v ?? undefined);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function readDomainVcpus(domain: Element): DomainVcpus {
  const vcpu = firstChild(domain, 'vcpu');
  const maximum = positive(vcpu?.textContent?.trim()) ?? 1;
  const topo = firstChild(firstChild(domain, 'cpu') ?? domain, 'topology');
  const t = (n: string) => positive(topo?.getAttribute(n)) ?? 1;
  return {
    maximum,
    current: positive(vcpu?.getAttribute('current')) ?? maximum,
    placement: vcpu?.getAttribute('placement') ?? undefined,
    topology:
      topo && firstChild(domain, 'cpu')
        ? {
            sockets: t('sockets'),
            dies: t('dies'),
            clusters: t('clusters'),
            cores: t('cores'),
            threads: t('threads'),
          }
        : undefined,
  };
}

/** The vCPU ids are spread over NUMA cells; changing their number means editing the cells. */
function hasNumaCells(domain: Element): boolean {
  const numa = firstChild(firstChild(domain, 'cpu') ?? domain, 'numa');
  return !!numa && !!firstChild(domain, 'cpu') && childElements(numa, 'cell').length > 0;
}

export interface SetVcpusParams {
  /** New maximum (the <vcpu> value); unchanged when undefined. */
  maximum?: number;
  /** New number of vCPUs online at boot; when undefined, all of them. */
  current?: number;
  /** The most the hypervisor allows (domain capabilities' vcpu max); 4096 when unknown. */
  hostMaxVcpus?: number;
}

/** Adjusts topology so that its product is `max`, changing as few attributes as it can. */
function fitTopology(topo: Element, max: number): void {
  const get = (n: string) => positive(topo.getAttribute(n)) ?? 1;
  const fixed = get('dies') * get('clusters');
  if (fixed * get('sockets') * get('cores') * get('threads') === max) return;
  const perCores = fixed * get('sockets') * get('threads');
  if (max % perCores === 0) return setAttr(topo, 'cores', max / perCores);
  const perSockets = fixed * get('cores') * get('threads');
  if (max % perSockets === 0) return setAttr(topo, 'sockets', max / perSockets);
  // Nothing divides: one socket of `max` single-threaded cores.
  setAttr(topo, 'sockets', 1);
  if (topo.hasAttribute('dies')) setAttr(topo, 'dies', 1);
  if (topo.hasAttribute('clusters')) setAttr(topo, 'clusters', 1);
  setAttr(topo, 'cores', max);
  setAttr(topo, 'threads', 1);
}

/** Makes the <vcpus> list describe ids 0..max-1 with `current` of them enabled. */
function fitVcpuList(list: Element, max: number, current: number): void {
  const entries = childElements(list, 'vcpu');
  for (const e of entries) if ((Number(e.getAttribute('id')) || 0) >= max) removeElement(e);
  const kept = childElements(list, 'vcpu');
  const ids = new Set(kept.map((e) => Number(e.getAttribute('id'))));
  for (let id = 0; id < max; id++) {
    if (!ids.has(id)) insertSpec(list, x('vcpu', { id, enabled: 'no', hotpluggable: 'yes' }));
  }
  const all = childElements(list, 'vcpu').sort(
    (a, b) => Number(a.getAttribute('id')) - Number(b.getAttribute('id')),
  );
  // vCPUs that cannot be unplugged stay enabled; the rest are enabled in id order.
  let enabled = all.filter((e) => e.getAttribute('hotpluggable') === 'no').length;
  if (enabled > current)
    throw invalidInput(`${enabled} vCPUs of this guest cannot be turned off`, 'current');
  for (const e of all) {
    if (e.getAttribute('hotpluggable') === 'no') continue;
    const on = enabled < current;
    if (on) enabled++;
    if ((e.getAttribute('enabled') === 'yes') !== on) {
      setAttr(e, 'enabled', on ? 'yes' : 'no');
      if (!on) setAttr(e, 'order', undefined);
    }
  }
}

export function setDomainVcpus(xml: string, params: SetVcpusParams): string {
  return editXml(xml, 'domain', (domain) => {
    const now = readDomainVcpus(domain);
    const limit = params.hostMaxVcpus ?? 4096;
    const max = params.maximum ?? now.maximum;
    if (params.maximum !== undefined) {
      checkInt(params.maximum, 'Maximum vCPUs', 'maximum', 1, limit);
      if (params.maximum !== now.maximum && hasNumaCells(domain)) {
        throw invalidInput(
          'The vCPUs are assigned to NUMA cells in this guest; edit the cells in its XML',
          'maximum',
        );
      }
    }
    const current = params.current ?? max;
    checkInt(current, 'vCPUs', 'current', 1, max);

    const vcpu = ensureChild(domain, 'vcpu', DOMAIN_ORDER);
    setText(vcpu, String(max));
    setAttr(vcpu, 'current', current === max ? undefined : current);

    const list = firstChild(domain, 'vcpus');
    if (list) fitVcpuList(list, max, current);
    const topo = firstChild(firstChild(domain, 'cpu') ?? domain, 'topology');
    if (topo && firstChild(domain, 'cpu')) fitTopology(topo, max);
    const cputune = firstChild(domain, 'cputune');
    if (cputune) {
      for (const pin of childElements(cputune, 'vcpupin')) {
        if (Number(pin.getAttribute('vcpu')) >= max) removeElement(pin);
      }
    }
  });
}

export const vcpusEdit: XmlEdit<SetVcpusParams> = {
  id: 'domain.vcpus',
  root: 'domain',
  scope: ['domain/vcpu', 'domain/vcpus', 'domain/cpu/topology', 'domain/cputune/vcpupin'],
  applies: (domain) => !hasNumaCells(domain) || readDomainVcpus(domain).maximum > 1,
  sample: (domain) => {
    const { maximum } = readDomainVcpus(domain);
    return hasNumaCells(domain)
      ? { current: maximum - 1 }
      : { maximum: maximum * 2, current: maximum };
  },
  apply: setDomainVcpus,
};
