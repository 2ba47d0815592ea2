/**
 * Console extras (issue 18): "Open in remote-viewer" (a loopback forward and a .vv file), the serial history buffer.
 * Being built (contract placeholder): methods are added to both maps below.
 */
import type { MethodsOf, ResultSchemas } from '../schema';

export const consoleToolsParams = {};

export const consoleToolsResults = {} satisfies ResultSchemas<typeof consoleToolsParams>;

export type ConsoleToolsMethods = MethodsOf<typeof consoleToolsParams, typeof consoleToolsResults>;
