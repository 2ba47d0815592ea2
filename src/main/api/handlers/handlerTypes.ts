import type { CheckedParams, MethodName, MethodResult } from '../../../shared/api/contract';
import type { ConsoleGateway } from '../../consoles/consoleGateway';
import type { ConnectionStore } from '../connectionStore';
import type { CredentialStore } from '../credentialStore';
import type { EventHub } from '../eventHub';
import type { JobRunner } from '../jobs';
import type { PromptBroker } from '../promptBroker';
import type { Sessions } from '../sessions';
import type { SettingsStore } from '../settingsStore';

/** What the handlers of every area may use. */
export interface HandlerDeps {
  /** The app's config directory (configDir.ts): where files kept on this machine go. */
  configDir: string;
  consoles: ConsoleGateway;
  connections: ConnectionStore;
  /** Remembered passwords and passphrases (encrypted by the shell's SecretCipher). */
  credentials: CredentialStore;
  settings: SettingsStore;
  sessions: Sessions;
  prompts: PromptBroker;
  events: EventHub;
  jobs: JobRunner;
}

/**
 * The handlers of one area's methods (an interface of ../../../shared/api/methods/). Each gets its
 * parameters already checked against the method's schema (../checkParams, where calls enter).
 */
export type HandlersOf<Methods> = {
  [M in keyof Methods & MethodName]: (params: CheckedParams<M>) => Promise<MethodResult<M>>;
};
