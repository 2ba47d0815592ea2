/** ConsoleTools methods (shared/api/methods/consoleTools.ts). Being built (contract placeholder). */
import type { ConsoleToolsMethods } from '../../../shared/api/methods/consoleTools';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function consoleToolsHandlers(_deps: HandlerDeps): HandlersOf<ConsoleToolsMethods> {
  return {};
}
