/**
 * Remembered credentials (issue 18): secrets kept with Electron's safeStorage, listed and
 * forgotten per connection. The secrets themselves never cross the API: only which connections
 * have some.
 */
import * as v from 'valibot';
import { connectionId, none, nothing, type MethodsOf, type ResultSchemas } from '../schema';
import { rememberMode } from '../types';

export const credentialsParams = {
  'credentials.list': none,
  'credentials.forget': v.object({ connectionId }),
};

export const credentialsResults = {
  'credentials.list': v.object({
    /** Whether a prompt's "Remember" can keep anything here, and if not, why. */
    remember: rememberMode,
    /** The connections with at least one remembered password or passphrase. */
    connectionIds: v.array(v.string()),
  }),
  'credentials.forget': nothing,
} satisfies ResultSchemas<typeof credentialsParams>;

export type CredentialsMethods = MethodsOf<typeof credentialsParams, typeof credentialsResults>;
