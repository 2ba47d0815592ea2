/** Deleting a VM with its storage: services/vmDelete. */
import type { VmDeleteMethods } from '../../../shared/api/methods/vmDelete';
import { VirtdeckError } from '../../../shared/errors';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

// Placeholder while the service is written (issue 15): refuses in words, changes nothing.
const notYet = () => Promise.reject(new VirtdeckError('not-supported', 'Not available yet'));

export function vmDeleteHandlers(_deps: HandlerDeps): HandlersOf<VmDeleteMethods> {
  return { 'vms.deletePlan': notYet, 'vms.delete': notYet };
}
