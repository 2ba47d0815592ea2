/** A VM's snapshots: services/snapshots. */
import type { SnapshotMethods } from '../../../shared/api/methods/snapshots';
import { VirtdeckError } from '../../../shared/errors';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

// Placeholder while the service is written (issue 15): refuses in words, changes nothing.
const notYet = () => Promise.reject(new VirtdeckError('not-supported', 'Not available yet'));

export function snapshotHandlers(_deps: HandlerDeps): HandlersOf<SnapshotMethods> {
  return {
    'vms.snapshots.list': notYet,
    'vms.snapshots.create': notYet,
    'vms.snapshots.revert': notYet,
    'vms.snapshots.delete': notYet,
    'vms.snapshots.thumbnail': notYet,
  };
}
