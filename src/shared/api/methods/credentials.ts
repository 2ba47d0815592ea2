/**
 * Remembered credentials (issue 18): secrets kept with Electron's safeStorage, listed and forgotten per connection.
 * Being built (contract placeholder): methods are added to both maps below.
 */
import type { MethodsOf, ResultSchemas } from '../schema';

export const credentialsParams = {};

export const credentialsResults = {} satisfies ResultSchemas<typeof credentialsParams>;

export type CredentialsMethods = MethodsOf<typeof credentialsParams, typeof credentialsResults>;
