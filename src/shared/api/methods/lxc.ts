/**
 * LXC containers through libvirt's LXC driver (issue 19): the New container wizard's checks and create job, container details edits.
 * Being built (contract placeholder): methods are added to both maps below.
 */
import type { MethodsOf, ResultSchemas } from '../schema';

export const lxcParams = {};

export const lxcResults = {} satisfies ResultSchemas<typeof lxcParams>;

export type LxcMethods = MethodsOf<typeof lxcParams, typeof lxcResults>;
