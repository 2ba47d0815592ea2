/**
 * A new container's domain XML for libvirt's LXC driver: `<os><type>exe</type>` with the program
 * run as PID 1 and its arguments, the root file system as a `mount` filesystem on `/` (none: the
 * host's own /), a veth NIC on a bridge or a libvirt network, a pty console, and the user
 * namespace mapping of an unprivileged container. Every user text goes in through the DOM.
 */
import type { ContainerOptions } from '../../../shared/api/methods/lxc';
import { specToXml, x, type XmlSpec } from '../../xml/xmlBuild';

/** What a system container boots when no init is given, as lxc-start does. */
export const DEFAULT_OS_INIT = '/sbin/init';

export interface IdRanges {
  uid: { start: number; count: number };
  gid: { start: number; count: number };
}

export function containerInit(options: Pick<ContainerOptions, 'kind' | 'init'>): string {
  return options.init ?? (options.kind === 'os' ? DEFAULT_OS_INIT : '');
}

export function containerXml(options: ContainerOptions, idmap?: IdRanges): string {
  const { network } = options;
  const nic: XmlSpec | undefined =
    network.kind === 'none'
      ? undefined
      : x('interface', { type: network.kind }, [
          x('mac', { address: network.mac.trim().toLowerCase() }),
          x(
            'source',
            network.kind === 'bridge' ? { bridge: network.name } : { network: network.name },
          ),
        ]);
  // The ranges typed in the wizard, else root's subordinate range of the host mapped from 0.
  const ranges = !options.idmap
    ? undefined
    : (options.idmapRanges ??
      (idmap && {
        uid: { start: 0, target: idmap.uid.start, count: idmap.uid.count },
        gid: { start: 0, target: idmap.gid.start, count: idmap.gid.count },
      }));
  return specToXml(
    x('domain', { type: 'lxc' }, [
      x('name', {}, [], options.name),
      x('memory', { unit: 'KiB' }, [], String(options.memoryMiB * 1024)),
      x('vcpu', {}, [], String(options.vcpus)),
      x('os', {}, [
        x('type', {}, [], 'exe'),
        x('init', {}, [], containerInit(options)),
        ...options.initArgs.map((arg) => x('initarg', {}, [], arg)),
      ]),
      ranges && x('idmap', {}, [x('uid', { ...ranges.uid }), x('gid', { ...ranges.gid })]),
      x('devices', {}, [
        options.rootfs !== undefined &&
          x('filesystem', { type: 'mount' }, [
            x('source', { dir: options.rootfs }),
            x('target', { dir: '/' }),
          ]),
        nic,
        x('console', { type: 'pty' }),
      ]),
    ]),
  );
}
