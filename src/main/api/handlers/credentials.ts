/** Credentials methods (shared/api/methods/credentials.ts). Being built (contract placeholder). */
import type { CredentialsMethods } from '../../../shared/api/methods/credentials';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function credentialsHandlers(_deps: HandlerDeps): HandlersOf<CredentialsMethods> {
  return {};
}
