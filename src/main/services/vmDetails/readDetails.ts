/**
 * What the details page shows of one VM: its settings and devices read from the persistent XML
 * (and the live one while it runs), the two XMLs for the XML tab without secrets, and the host's
 * limits for the forms. Passwords are read only to say a display has one.
 */
import type { Element } from '@xmldom/xmldom';
import type { VmDetails } from '../../../shared/api/vmDetailsTypes';
import { getDomainAutostart, getDomainXml } from '../../libvirt/domain';
import { readDomainMemory } from '../../xml/edits/domain/memory';
import { readDomainVcpus } from '../../xml/edits/domain/vcpus';
import { readTags } from '../../xml/edits/domain/metadata';
import { readContainerInit } from '../../xml/edits/domain/container';
import { memoryIsShared } from '../../xml/edits/domain/filesystem';
import { osBootDevs } from '../../xml/edits/domain/boot';
import { bootMenuEnabled } from '../../xml/edits/domain/bootMenu';
import { listDevices } from '../../xml/edits/domain/deviceList';
import { attribute, firstChild, parseXml } from '../../xml/xmlDocument';
import { withDiskSizes } from './diskSizes';
import { hostLimits } from './hostLimits';
import { secureConfigXml, secureLiveXml, type VmHandle } from './vmXml';
import { virDomainXMLFlags } from '../../libvirt/rpc/generated/libvirtEnums';

function root(xml: string): Element {
  const el = parseXml(xml).documentElement;
  if (!el) throw new Error('libvirt returned an empty domain XML');
  return el;
}

const text = (el: Element | undefined) => el?.textContent?.trim() || undefined;

function firmware(os: Element | undefined): string {
  if (!os) return 'bios';
  const fw = os.getAttribute('firmware');
  if (fw) return fw;
  const loader = firstChild(os, 'loader');
  if (loader && loader.getAttribute('type') === 'pflash') return 'efi';
  return text(loader) ?? 'bios';
}

export async function readVmDetails(vm: VmHandle, uuid: string): Promise<VmDetails> {
  const { rpc, dom } = vm;
  const [configText, plainConfig, liveText, plainLive, autostart] = await Promise.all([
    secureConfigXml(vm),
    getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE),
    vm.active ? secureLiveXml(vm) : Promise.resolve(undefined),
    vm.active ? getDomainXml(rpc, dom, 0) : Promise.resolve(undefined),
    vm.persistent ? getDomainAutostart(rpc, dom) : Promise.resolve(false),
  ]);
  const config = root(configText);
  const live = liveText === undefined ? undefined : root(liveText);
  const hypervisor = config.getAttribute('type') ?? 'qemu';
  const os = firstChild(config, 'os');
  const osType = os ? firstChild(os, 'type') : undefined;
  const cpu = firstChild(config, 'cpu');
  const memory = readDomainMemory(config);
  const vcpus = readDomainVcpus(config);
  // While it runs, what the guest has now (a balloon or vCPU change applied live).
  const liveMemory = live ? readDomainMemory(live) : undefined;
  const liveVcpus = live ? readDomainVcpus(live) : undefined;
  return {
    uuid,
    name: dom.name,
    title: text(firstChild(config, 'title')) ?? '',
    description: firstChild(config, 'description')?.textContent ?? '',
    state: vm.state,
    running: vm.active,
    persistent: vm.persistent,
    autostart,
    hypervisor,
    arch: attribute(osType, 'arch'),
    machine: attribute(osType, 'machine'),
    firmware: firmware(os),
    memory: {
      maximumKiB: memory.maximumKiB,
      currentKiB: liveMemory?.currentKiB ?? memory.currentKiB,
      sharedMemory: memoryIsShared(config),
    },
    cpu: {
      maximum: vcpus.maximum,
      current: liveVcpus?.current ?? vcpus.current,
      mode: cpu?.getAttribute('mode') ?? undefined,
      model: text(cpu ? firstChild(cpu, 'model') : undefined),
      topology: vcpus.topology,
    },
    boot: {
      devices: osBootDevs(config),
      menu: bootMenuEnabled(os),
      kernel: text(os && firstChild(os, 'kernel')),
      initrd: text(os && firstChild(os, 'initrd')),
      cmdline: text(os && firstChild(os, 'cmdline')),
    },
    tags: readTags(config),
    ...(hypervisor === 'lxc' ? { container: readContainerInit(config) } : {}),
    devices: await withDiskSizes(rpc, listDevices(config, live), live ?? config),
    inactiveXml: plainConfig,
    liveXml: plainLive,
    host: await hostLimits(rpc, hypervisor),
  };
}
