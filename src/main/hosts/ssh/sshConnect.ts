// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import type { Duplex } from 'node:stream';
import ssh2, { type Client, type ClientChannel } from 'ssh2';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { Deadline } from './deadline';
import { createHostVerifier } from './hostKeyVerifier';
import { preferredHostKeyAlgorithms } from './hostKeyAlgorithms';
import type { IdentityKeys } from './identityKeys';
import { openProxyCommand, type ProxyProcess } from './proxyCommand';
import { knownKeyTypes } from './knownHosts';
import { createAuthHandler, type SshAuthMethod } from './sshAuth';
import { classifyConnectError, type TransportError } from './sshErrors';
import type { SshPrompter } from './sshPrompter';

/** One SSH server on the way: a ProxyJump hop or the target itself. */
export interface HopSpec {
  /** HostName (after ~/.ssh/config) and port: where to connect and what known_hosts holds. */
  hostName: string;
  port: number;
  /**
   * The name and port the host key is filed under in known_hosts: HostName and Port, or
   * HostKeyAlias with port 22 (as OpenSSH does when the alias is set).
   */
  keyHost: string;
  keyPort: number;
  user: string;
  /** ssh-agent socket (or 'pageant'); undefined when the agent is not to be used for this hop. */
  agent: string | undefined;
  /**
   * IdentitiesOnly: the agent may offer only the keys whose public half matches one of these
   * files (OpenSSH's rule); absent, it offers all its keys.
   */
  agentKeysFrom?: readonly string[];
  /** ProxyCommand argv whose stdin/stdout reach this hop (only ever on the first hop). */
  proxyCommand?: readonly string[];
  identityFiles: readonly string[];
  knownHostsFiles: readonly string[];
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
}

export interface ConnectSettings {
  appKnownHostsFile: string;
  authMethods: readonly SshAuthMethod[];
  prompter: SshPrompter;
  keys: IdentityKeys;
  readyTimeoutMs: number;
  /** Aborting ends the attempt with 'cancelled' (the host was closed while connecting). */
  signal: AbortSignal;
}

/**
 * Connects to `hops` in order, each one through a forwarded channel of the one before (OpenSSH's
 * ProxyJump); the last is the target. Every hop's host key is checked and every hop authenticates
 * on its own. Resolves with the clients in hop order; `onDrop` is called once, when any of them
 * is lost after the whole chain is up.
 */
export async function connectChain(
  hops: readonly HopSpec[],
  settings: ConnectSettings,
  onDrop: (reason: string) => void,
): Promise<Client[]> {
  const clients: Client[] = [];
  let up = false;
  let dropped = false;
  const dropOnce = (reason: string): void => {
    if (!up || dropped) return;
    dropped = true;
    onDrop(reason);
  };
  try {
    for (const hop of hops) {
      const previous = clients.at(-1);
      const sock = previous ? await forwardToHop(previous, hop) : undefined;
      clients.push(await connectHop(hop, settings, sock, dropOnce));
    }
  } catch (err) {
    for (const client of clients.reverse()) client.end();
    throw err;
  }
  up = true;
  return clients;
}

function forwardToHop(via: Client, hop: HopSpec): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const failed = (err: Error): void =>
      reject(
        new VirtdeckError(
          'unreachable',
          msg('ssh.jumpUnreachable', { host: hop.hostName, port: hop.port, reason: err.message }),
          { cause: err },
        ),
      );
    try {
      via.forwardOut('127.0.0.1', 0, hop.hostName, hop.port, (err, channel) =>
        err ? failed(err) : resolve(channel),
      );
    } catch (err) {
      failed(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/**
 * Connects and authenticates one hop; `sock` is the channel from the previous hop, if any, else
 * the hop's ProxyCommand (started here, at the last moment, so that ssh2 hears of its failure).
 */
export async function connectHop(
  hop: HopSpec,
  settings: ConnectSettings,
  sock: Duplex | undefined,
  onClosedAfterReady: (reason: string) => void,
): Promise<Client> {
  if (settings.signal.aborted) throw cancelledError(hop);
  const { hostName: host, port } = hop;
  const types = await knownKeyTypes(
    [...hop.knownHostsFiles, settings.appKnownHostsFile],
    hop.keyHost,
    hop.keyPort,
  ).catch(() => []);
  // An abort that came while we were reading known_hosts will not fire its listener again.
  if (settings.signal.aborted) throw cancelledError(hop);
  const client = new ssh2.Client();
  const proxy =
    sock === undefined && hop.proxyCommand
      ? openProxyCommand(hop.proxyCommand, hop.hostName)
      : undefined;
  return new Promise<Client>((resolve, reject) => {
    let ready = false;
    let finished = false;
    let outcome: VirtdeckError | undefined;
    let lastError: TransportError | undefined;
    const abort = (): void => {
      client.destroy();
      (sock ?? proxy?.stream)?.destroy();
    };
    const fail = (err: VirtdeckError): void => {
      outcome ??= err;
      client.end();
      // end() only says goodbye politely; make sure the attempt stops even if the peer stalls.
      setTimeout(abort, 1000).unref();
    };
    const deadline = new Deadline(settings.readyTimeoutMs, () => {
      outcome ??= new VirtdeckError(
        'unreachable',
        msg('ssh.connectTimeout', {
          seconds: Math.round(settings.readyTimeoutMs / 1000),
          host,
          port,
        }),
      );
      abort();
    });
    const onAbort = (): void => {
      outcome ??= cancelledError(hop);
      abort();
    };
    settings.signal.addEventListener('abort', onAbort, { once: true });

    client.on('error', (err: TransportError) => {
      lastError = err;
    });
    client.on('ready', () => {
      // RPC is many small request/response packets: send each at once instead of letting
      // Nagle's algorithm hold it back waiting for an ACK.
      client.setNoDelay(true);
      ready = true;
      // Errors met while authenticating (an unreachable agent, say) say nothing about a later drop.
      lastError = undefined;
      deadline.cancel();
      settings.signal.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.on('close', () => {
      finished = true;
      deadline.cancel();
      settings.signal.removeEventListener('abort', onAbort);
      if (ready) {
        proxy?.stream.destroy();
        onClosedAfterReady(lastError?.message ?? 'the server closed the connection');
        return;
      }
      // A ProxyCommand that gave up closes its output before its exit status (and stderr) says
      // why: wait for that (briefly) rather than reporting a bare "connection closed".
      void proxyFailure(proxy).then((proxyError) => {
        outcome ??= proxyError;
        proxy?.stream.destroy();
        reject(
          outcome ??
            classifyConnectError(lastError ?? new Error('the connection was closed'), {
              host,
              port,
            }),
        );
      });
    });

    // An answer that arrives after the attempt ended (closed, timed out) must not reach ssh2.
    const paused = async <T>(task: () => Promise<T>): Promise<T> => {
      const answer = await deadline.paused(task);
      if (finished) throw outcome ?? cancelledError(hop);
      return answer;
    };
    try {
      client.connect({
        host,
        port,
        username: hop.user,
        sock: sock ?? proxy?.stream,
        // Our own Deadline replaces ssh2's readyTimeout, which would also count prompt time.
        readyTimeout: 0,
        keepaliveInterval: hop.keepaliveIntervalMs,
        keepaliveCountMax: hop.keepaliveCountMax,
        algorithms: { serverHostKey: preferredHostKeyAlgorithms(types) },
        hostVerifier: createHostVerifier({
          host: hop.keyHost,
          port: hop.keyPort,
          knownHostsFiles: hop.knownHostsFiles,
          appKnownHostsFile: settings.appKnownHostsFile,
          prompter: settings.prompter,
          paused,
          fail,
        }),
        authHandler: createAuthHandler({
          host,
          user: hop.user,
          agent: hop.agent,
          agentKeysFrom: hop.agentKeysFrom,
          identityFiles: hop.identityFiles,
          methods: settings.authMethods,
          prompter: settings.prompter,
          keys: settings.keys,
          paused,
          fail,
        }),
      });
    } catch (err) {
      deadline.cancel();
      settings.signal.removeEventListener('abort', onAbort);
      reject(
        classifyConnectError(err instanceof Error ? err : new Error(String(err)), { host, port }),
      );
    }
  });
}

/** Why the ProxyCommand failed, once it has exited (waiting 1 s at most); undefined if it did not. */
function proxyFailure(proxy: ProxyProcess | undefined): Promise<VirtdeckError | undefined> {
  if (!proxy) return Promise.resolve(undefined);
  return Promise.race([
    proxy.failure,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1000).unref()),
  ]);
}

function cancelledError(hop: HopSpec): VirtdeckError {
  return new VirtdeckError(
    'cancelled',
    msg('ssh.connectCancelled', { host: hop.hostName, port: hop.port }),
  );
}
