/** LXC containers (shared/api/methods/lxc.ts) onto services/lxc/. */
import type { LxcMethods } from '../../../shared/api/methods/lxc';
import { containerHostFacts } from '../../services/lxc/containerHostFacts';
import {
  checkNewContainer,
  createContainer,
  previewContainerXml,
} from '../../services/lxc/createContainer';
import { startBuildContainer } from '../../services/lxc/buildContainer';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function lxcHandlers({ sessions, jobs }: HandlerDeps): HandlersOf<LxcMethods> {
  const on = (p: { connectionId: string }) => sessions.get(p.connectionId).libvirt();
  return {
    'lxc.hostFacts': async (p) => containerHostFacts(on(p).host, on(p).rpc),
    'lxc.check': async (p) => checkNewContainer(on(p).host, on(p).connection, p),
    'lxc.previewXml': async (p) => ({
      xml: await previewContainerXml(on(p).host, on(p).connection, p),
    }),
    'lxc.create': async (p) => createContainer(on(p).host, on(p).connection, p),
    'lxc.build': async (p) => {
      const { host, connection } = on(p);
      const started = await startBuildContainer(host, connection, jobs, p.connectionId, p);
      return { jobId: started.jobId, name: p.name };
    },
  };
}
