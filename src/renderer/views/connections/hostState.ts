import type { ConnectionConfig, HostStatus } from '../../../shared/api/types';
import { describeConnectionUri } from '../../../shared/connectionForm';
import { backendText } from '../../api/apiError';

/** A piece of a host's state line: an i18n key (namespace connections) and its values. */
export interface TextPart {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * What a host header says about its connection. A scheduled reconnect counts down, so callers
 * re-run this every second while `retryAt` is in the future.
 */
export function hostStateParts(status: HostStatus | undefined, now: number): TextPart[] {
  if (!status || status.phase === 'closed') return [{ key: 'state.closed' }];
  switch (status.phase) {
    case 'connecting':
      return [{ key: 'state.connecting' }];
    case 'connected':
      return [{ key: 'state.connected' }];
    case 'disconnected': {
      const parts: TextPart[] = [
        hostReason(status)
          ? { key: 'state.disconnectedReason', params: { reason: hostReason(status) ?? '' } }
          : { key: 'state.disconnected' },
      ];
      if (status.retryAt !== undefined && status.retryAt > now) {
        const seconds = Math.max(1, Math.ceil((status.retryAt - now) / 1000));
        parts.push({ key: 'state.reconnecting', params: { seconds } });
      }
      return parts;
    }
  }
}

/** Why a host is disconnected, in the user's language when the backend said it as a key. */
export function hostReason(status: HostStatus | undefined): string | undefined {
  return status?.reasonText ? backendText(status.reasonText) : status?.reason;
}

/** What the app calls a connection: its label, else "QEMU/KVM on root@kvm1" from the URI. */
export function connectionLabel(connection: ConnectionConfig): {
  label?: string;
  hypervisor: string;
  where: string;
} {
  const described = describeConnectionUri(connection.uri);
  return { label: connection.label || undefined, ...described };
}
