import type { ConsoleGateway } from '../../consoles/consoleGateway';
import type { ConnectionStore } from '../connectionStore';
import type { EventHub } from '../eventHub';
import type { JobRunner } from '../jobs';
import type { PromptBroker } from '../promptBroker';
import type { Sessions } from '../sessions';
import type { SettingsStore } from '../settingsStore';

/** What the handlers of every area may use. */
export interface HandlerDeps {
  consoles: ConsoleGateway;
  connections: ConnectionStore;
  settings: SettingsStore;
  sessions: Sessions;
  prompts: PromptBroker;
  events: EventHub;
  jobs: JobRunner;
}

/**
 * The handlers of one area's methods (an interface of ./../../shared/api/methods/). Params are
 * typed as the contract says, but arrive from a page: read them through ../params.
 */
export type HandlersOf<Methods> = {
  [M in keyof Methods]: Methods[M] extends { params: infer P; result: infer R }
    ? (params: P) => Promise<R>
    : never;
};
