/** The New VM wizard (shared/api/methods/newVm.ts) onto services/newVm/. */
import type { NewVmMethods } from '../../../shared/api/methods/newVm';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { startCreateVm } from '../../services/newVm/createVm';
import { browseHostDir, newVmHostFacts } from '../../services/newVm/hostFacts';
import { detectOs } from '../../services/newVm/isoMedia';
import { checkNewVm } from '../../services/newVm/newVmChecks';
import { awaitedInstall, startBeginInstall } from '../../services/newVm/installBegin';
import { lookupDomainByUuid } from '../../libvirt/domain';
import { uuidFromString } from '../../libvirt/refs';
import { osCatalogue, osDefaultsFor } from '../../services/newVm/osDefaults';
import { discardAppliance, openAppliance, stagedAppliance } from '../../services/appliances/stage';
import { agentPublicKeys } from '../../services/newVm/cloudInit/agentKeys';
import { diskImageInfo } from '../../services/newVm/sources/diskImport';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function newVmHandlers({ sessions, jobs, consoles }: HandlerDeps): HandlersOf<NewVmMethods> {
  const at = (connectionId: string) => sessions.get(connectionId).libvirt();
  return {
    'newVm.osList': async (p) => (await osCatalogue(at(p.connectionId).host)).entries,
    'newVm.osDefaults': async (p) => osDefaultsFor(at(p.connectionId).host, p.osId),
    'newVm.detectOs': async (p) => {
      const { host, rpc } = at(p.connectionId);
      const { entries } = await osCatalogue(host);
      return detectOs(host, rpc, p.path, entries);
    },
    'newVm.hostFacts': async (p) => {
      const { host, rpc } = at(p.connectionId);
      return newVmHostFacts(host, rpc);
    },
    'newVm.browse': async (p) => {
      const { host, rpc } = at(p.connectionId);
      return browseHostDir(host, rpc, p.dir).catch((err: unknown) => {
        throw new VirtdeckError(
          'not-found',
          msg('api.cannotOpenDir', { dir: p.dir, reason: String(err) }),
        );
      });
    },
    'newVm.check': async (p) => {
      const { host, rpc } = at(p.connectionId);
      await checkNewVm(host, rpc, await host.files(), await newVmHostFacts(host, rpc), p);
    },
    'newVm.create': async (p) => {
      const { host, rpc } = at(p.connectionId);
      const { result: _result, ...started } = await startCreateVm(host, rpc, jobs, p);
      return started;
    },
    'newVm.appliance.open': async (p) => {
      const { host, rpc } = at(p.connectionId);
      const request = { connectionId: p.connectionId, host, rpc, pool: p.pool, origin: p.origin };
      return openAppliance(request, { jobs, gateway: consoles });
    },
    'newVm.appliance.info': async (p) => stagedAppliance(p.connectionId, p.stageId),
    'newVm.appliance.discard': async (p) =>
      discardAppliance(at(p.connectionId).rpc, jobs, p.connectionId, p.stageId),
    'newVm.diskInfo': async (p) => {
      const { host, rpc } = at(p.connectionId);
      return diskImageInfo(host, rpc, p.path);
    },
    'newVm.agentKeys': async () => agentPublicKeys(),
    'newVm.awaitingInstall': async (p) => {
      const { rpc } = at(p.connectionId);
      const dom = await lookupDomainByUuid(rpc, uuidFromString(p.uuid));
      return { awaiting: (await awaitedInstall(rpc, dom)) !== undefined };
    },
    'newVm.beginInstall': async (p) => {
      const { rpc } = at(p.connectionId);
      const { jobId } = await startBeginInstall(rpc, jobs, p);
      return { jobId };
    },
  };
}
