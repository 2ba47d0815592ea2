/** Credentials methods (shared/api/methods/credentials.ts): which connections have remembered secrets. */
import type { CredentialsMethods } from '../../../shared/api/methods/credentials';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function credentialsHandlers({ credentials }: HandlerDeps): HandlersOf<CredentialsMethods> {
  return {
    'credentials.list': async () => ({
      remember: credentials.mode,
      connectionIds: credentials.connectionIds(),
    }),
    'credentials.forget': async ({ connectionId }) => credentials.forget(connectionId),
  };
}
