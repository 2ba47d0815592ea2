/** Native configs (shared/api/methods/nativeConfig.ts) onto services/nativeConfig. */
import type { NativeConfigMethods } from '../../../shared/api/methods/nativeConfig';
import { nativeFormatsOf } from '../../../shared/nativeConfig';
import {
  defineNativeXml,
  nativeConfigToXml,
  vmToNative,
} from '../../services/nativeConfig/nativeConfig';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function nativeConfigHandlers({ sessions }: HandlerDeps): HandlersOf<NativeConfigMethods> {
  const at = (id: string) => sessions.get(id).libvirt().connection;
  return {
    'nativeConfig.formats': async (p) => {
      const { from, to } = nativeFormatsOf(at(p.connectionId).uri.driver);
      return { from: [...from], to: [...to] };
    },
    'nativeConfig.toXml': async (p) => nativeConfigToXml(at(p.connectionId), p.format, p.source),
    'nativeConfig.define': async (p) => defineNativeXml(at(p.connectionId), p.xml),
    'nativeConfig.fromVm': async (p) => ({
      config: await vmToNative(at(p.connectionId), p.uuid, p.format),
    }),
  };
}
