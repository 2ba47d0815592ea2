import type { NewVmMethods } from '../../../shared/api/methods/newVm';
import type { NewVmOptions } from '../../../shared/api/newVmTypes';
import { VirtdeckError } from '../../../shared/errors';
import { startCreateVm } from '../../services/newVm/createVm';
import { browseHostDir, newVmHostFacts } from '../../services/newVm/hostFacts';
import { detectOs } from '../../services/newVm/isoMedia';
import { checkNewVm } from '../../services/newVm/newVmChecks';
import { osCatalogue, osDefaultsFor } from '../../services/newVm/osDefaults';
import { flag, numberIn, oneOf, optionalText, record, text } from '../params';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

/** The wizard's options as the page sent them, each part checked for shape (not yet meaning). */
export function readNewVmOptions(raw: unknown): NewVmOptions {
  const p = record(raw, 'options');
  const src = record(p.source, 'source');
  const kind = oneOf(src.kind, ['iso', 'url', 'import', 'pxe'] as const, 'install source');
  const source: NewVmOptions['source'] =
    kind === 'iso' || kind === 'import'
      ? { kind, path: typeof src.path === 'string' ? src.path : '' }
      : kind === 'url'
        ? {
            kind,
            url: typeof src.url === 'string' ? src.url.trim() : '',
            kernelArgs: optionalText(src.kernelArgs, 'kernelArgs'),
          }
        : { kind };
  const d = record(p.disk, 'disk');
  const diskKind = oneOf(d.kind, ['new', 'existing', 'none'] as const, 'disk');
  const disk: NewVmOptions['disk'] =
    diskKind === 'new'
      ? {
          kind: diskKind,
          pool: text(d.pool, 'disk.pool'),
          sizeGiB: numberIn(d.sizeGiB, 'disk.sizeGiB'),
        }
      : diskKind === 'existing'
        ? { kind: diskKind, path: typeof d.path === 'string' ? d.path : '' }
        : { kind: diskKind };
  const n = record(p.network, 'network');
  const netKind = oneOf(n.kind, ['network', 'bridge', 'direct', 'none'] as const, 'network');
  const name = typeof n.name === 'string' ? n.name : '';
  const network: NewVmOptions['network'] =
    netKind === 'direct'
      ? { kind: netKind, device: typeof n.device === 'string' ? n.device : '' }
      : netKind === 'none'
        ? { kind: netKind }
        : { kind: netKind, name };
  return {
    connectionId: text(p.connectionId, 'connectionId'),
    name: typeof p.name === 'string' ? p.name : '',
    osId: text(p.osId, 'osId'),
    source,
    memoryMiB: numberIn(p.memoryMiB, 'memoryMiB'),
    vcpus: numberIn(p.vcpus, 'vcpus'),
    disk,
    network,
    customize: flag(p.customize),
    virtType:
      p.virtType === undefined
        ? undefined
        : oneOf(p.virtType, ['kvm', 'qemu'] as const, 'virtType'),
  };
}

export function newVmHandlers({ sessions, jobs }: HandlerDeps): HandlersOf<NewVmMethods> {
  const at = (connectionId: unknown) => sessions.get(text(connectionId, 'connectionId')).libvirt();
  return {
    'newVm.osList': async (p) => (await osCatalogue(at(p?.connectionId).host)).entries,
    'newVm.osDefaults': async (p) => osDefaultsFor(at(p?.connectionId).host, text(p?.osId, 'osId')),
    'newVm.detectOs': async (p) => {
      const { host, rpc } = at(p?.connectionId);
      const path = text(p?.path, 'path');
      const { entries } = await osCatalogue(host);
      return detectOs(host, rpc, path, entries);
    },
    'newVm.hostFacts': async (p) => {
      const { host, rpc } = at(p?.connectionId);
      return newVmHostFacts(host, rpc);
    },
    'newVm.browse': async (p) => {
      const { host } = at(p?.connectionId);
      return browseHostDir(host, text(p?.dir, 'dir')).catch((err: unknown) => {
        throw new VirtdeckError('not-found', `Cannot open ${String(p?.dir)}: ${String(err)}`);
      });
    },
    'newVm.check': async (p) => {
      const options = readNewVmOptions(p);
      const { host, rpc } = at(options.connectionId);
      await checkNewVm(rpc, await host.files(), await newVmHostFacts(host, rpc), options);
    },
    'newVm.create': async (p) => {
      const options = readNewVmOptions(p);
      const { host, rpc } = at(options.connectionId);
      const { result: _result, ...started } = await startCreateVm(host, rpc, jobs, options);
      return started;
    },
  };
}
