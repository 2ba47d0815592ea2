/**
 * The guest CPU's topology (<cpu><topology sockets dies clusters cores threads>), as
 * virt-manager's "Manually set CPU topology": libvirt requires the product to be the maximum
 * vCPU count, so the maximum follows the topology (and the vCPU list, pins and the current count
 * with it, through the vCPU edit). Dies and clusters the guest already has are kept.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { checkInt } from '../../../../shared/inputChecks';
import { DOMAIN_ORDER } from './domainOrder';
import { readDomainVcpus, setDomainVcpus } from './vcpus';
import type { XmlEdit } from '../editTypes';

export interface CpuTopology {
  sockets: number;
  cores: number;
  threads: number;
}

/** libvirt's order of <cpu>'s children (virCPUDefFormat). */
const CPU_ORDER = ['model', 'vendor', 'topology', 'cache', 'maxphysaddr', 'feature', 'numa'];

/** The vCPU count a topology gives on this guest (its dies and clusters included). */
export function topologyProduct(domain: Element, t: CpuTopology): number {
  const now = readDomainVcpus(domain).topology;
  return t.sockets * t.cores * t.threads * (now?.dies ?? 1) * (now?.clusters ?? 1);
}

export function setCpuTopology(xml: string, t: CpuTopology, hostMaxVcpus?: number): string {
  checkInt(t.sockets, 'Sockets', 'sockets', 1, 4096);
  checkInt(t.cores, 'Cores', 'cores', 1, 4096);
  checkInt(t.threads, 'Threads', 'threads', 1, 4096);
  let product = 0;
  let current = 0;
  const withTopology = editXml(xml, 'domain', (domain) => {
    product = topologyProduct(domain, t);
    current = readDomainVcpus(domain).current;
    const cpu = ensureChild(domain, 'cpu', DOMAIN_ORDER);
    const topo = firstChild(cpu, 'topology') ?? insertSpec(cpu, x('topology'), CPU_ORDER);
    setAttr(topo, 'sockets', t.sockets);
    setAttr(topo, 'cores', t.cores);
    setAttr(topo, 'threads', t.threads);
  });
  return setDomainVcpus(withTopology, {
    maximum: product,
    current: Math.min(current, product),
    hostMaxVcpus,
  });
}

function hasNumaCells(domain: Element): boolean {
  const numa = firstChild(firstChild(domain, 'cpu') ?? domain, 'numa');
  return !!numa && childElements(numa, 'cell').length > 0;
}

export const cpuTopologyEdit: XmlEdit<CpuTopology> = {
  id: 'domain.cpu.topology',
  root: 'domain',
  scope: ['domain/cpu/topology', 'domain/vcpu', 'domain/vcpus', 'domain/cputune/vcpupin'],
  // The vCPUs of NUMA cells are listed per cell; a new count means editing the cells.
  applies: (domain) => !hasNumaCells(domain),
  sample: (domain) => {
    const { maximum, topology } = readDomainVcpus(domain);
    const flat = { sockets: 1, cores: maximum, threads: 1 };
    const isFlat = topology?.sockets === 1 && topology.cores === maximum && topology.threads === 1;
    // Two sockets double the count: only while that stays within libvirt's 4096.
    return isFlat && maximum <= 2048
      ? { sockets: 2, cores: maximum, threads: 1 }
      : isFlat
        ? { sockets: maximum, cores: 1, threads: 1 }
        : flat;
  },
  apply: (xml, t) => setCpuTopology(xml, t),
};
