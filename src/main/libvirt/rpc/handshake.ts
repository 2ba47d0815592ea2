/**
 * Opening a libvirt connection on a fresh stream, as libvirt's own remote driver does:
 * AUTH_LIST, then the one auth method we can do without a UI (none, or polkit, which grants
 * members of the host's libvirt group), CONNECT_OPEN with the host-local URI, and finally turning
 * on keepalive so the daemon also notices when we vanish.
 */
import type { Duplex } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { RpcClient, type RpcClientOptions } from './client';

const AuthType = { None: 0, Sasl: 1, Polkit: 2 } as const;
/** VIR_DRV_FEATURE_PROGRAM_KEEPALIVE in libvirt's libvirt_internal.h. */
const FEATURE_PROGRAM_KEEPALIVE = 10;

export async function openRpcConnection(
  transport: Duplex,
  uri: string,
  options: RpcClientOptions,
): Promise<RpcClient> {
  const client = new RpcClient(transport, options);
  try {
    const { types } = await client.call('AUTH_LIST', null);
    if (types.length > 0 && !types.includes(AuthType.None)) {
      if (!types.includes(AuthType.Polkit)) {
        throw new VirtdeckError('auth-failed', msg('rpc.saslUnsupported', { host: options.label }));
      }
      const { complete } = await client.call('AUTH_POLKIT', null);
      if (!complete) {
        throw new VirtdeckError('auth-failed', msg('rpc.polkitDenied', { host: options.label }));
      }
    }
    await client.call('CONNECT_OPEN', { name: uri, flags: 0 });
    // Asking about the keepalive feature is what starts the daemon's own pings to us; on a daemon
    // without it our pings still detect a dead stream.
    await client.call('CONNECT_SUPPORTS_FEATURE', { feature: FEATURE_PROGRAM_KEEPALIVE });
    return client;
  } catch (err) {
    // A failed open leaves nothing behind: the transport (and so its channel) is closed.
    transport.destroy();
    throw err;
  }
}
