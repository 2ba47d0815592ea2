import type {
  DhcpLease,
  NetworkChanges,
  NetworkEditResult,
  NetworkSpec,
  NetworkSummary,
} from '../networkTypes';

type On<P = object> = { connectionId: string } & P;

/** Virtual networks of one connection (virsh net-*). Networks are named by their name. */
export interface NetworkMethods {
  'networks.list': { params: On; result: NetworkSummary[] };
  /** Checks everything first (fields named in the error), defines, then autostart / start. */
  'networks.create': { params: On<{ spec: NetworkSpec }>; result: NetworkSummary };
  'networks.start': { params: On<{ name: string }>; result: void };
  'networks.stop': { params: On<{ name: string }>; result: void };
  'networks.setAutostart': { params: On<{ name: string; autostart: boolean }>; result: void };
  /** Stops (when running) and undefines. */
  'networks.delete': { params: On<{ name: string }>; result: void };
  /** Changes the persistent definition, only the nodes edited; static hosts also live. */
  'networks.edit': {
    params: On<{ name: string; changes: NetworkChanges }>;
    result: NetworkEditResult;
  };
  /** The network's DHCP leases, each with the VM that has its MAC. */
  'networks.leases': { params: On<{ name: string }>; result: DhcpLease[] };
  /** The network's XML as libvirt returns it (persistent definition when there is one). */
  'networks.xml': { params: On<{ name: string }>; result: string };
  /** The network as its persistent definition says (edits waiting for a restart included). */
  'networks.definition': { params: On<{ name: string }>; result: NetworkSummary };
  /**
   * Defines the user's edited XML as it is (same name and UUID required); libvirt's error is
   * passed on and nothing changes on an error.
   */
  'networks.defineXml': { params: On<{ name: string; xml: string }>; result: NetworkEditResult };
}

export const NETWORK_METHOD_NAMES = [
  'networks.list',
  'networks.create',
  'networks.start',
  'networks.stop',
  'networks.setAutostart',
  'networks.delete',
  'networks.edit',
  'networks.leases',
  'networks.xml',
  'networks.definition',
  'networks.defineXml',
] as const satisfies readonly (keyof NetworkMethods)[];
