import * as v from 'valibot';
import {
  dhcpLease,
  networkChanges,
  networkEditResult,
  networkSpec,
  networkSummary,
} from '../networkTypes';
import { connectionId, nothing, text, type MethodsOf, type ResultSchemas } from '../schema';

const on = <E extends v.ObjectEntries>(entries: E) => v.object({ connectionId, ...entries });
const named = on({ name: text('name') });

export const networkParams = {
  'networks.list': on({}),
  /** Checks everything first (fields named in the error), defines, then autostart / start. */
  'networks.create': on({ spec: networkSpec }),
  'networks.start': named,
  'networks.stop': named,
  'networks.setAutostart': on({
    name: text('name'),
    autostart: v.optional(v.boolean('Expected true or false'), false),
  }),
  /** Stops (when running) and undefines. */
  'networks.delete': named,
  /** Changes the persistent definition, only the nodes edited; static hosts also live. */
  'networks.edit': on({ name: text('name'), changes: networkChanges }),
  /** The network's DHCP leases, each with the VM that has its MAC. */
  'networks.leases': named,
  /** The network's XML as libvirt returns it (persistent definition when there is one). */
  'networks.xml': named,
  /** The network as its persistent definition says (edits waiting for a restart included). */
  'networks.definition': named,
  /**
   * Defines the user's edited XML as it is (same name and UUID required); libvirt's error is
   * passed on and nothing changes on an error.
   */
  'networks.defineXml': on({ name: text('name'), xml: text('xml') }),
};

export const networkResults = {
  'networks.list': v.array(networkSummary),
  'networks.create': networkSummary,
  'networks.start': nothing,
  'networks.stop': nothing,
  'networks.setAutostart': nothing,
  'networks.delete': nothing,
  'networks.edit': networkEditResult,
  'networks.leases': v.array(dhcpLease),
  'networks.xml': v.string(),
  'networks.definition': networkSummary,
  'networks.defineXml': networkEditResult,
} satisfies ResultSchemas<typeof networkParams>;

/** Virtual networks of one connection (virsh net-*). Networks are named by their name. */
export type NetworkMethods = MethodsOf<typeof networkParams, typeof networkResults>;
