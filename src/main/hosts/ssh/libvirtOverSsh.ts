import type { Duplex } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import type { LibvirtUri } from '../../../shared/libvirtUri';
import { isSessionUri, libvirtSocketCandidates } from '../libvirtSockets';
import { shellQuote } from '../shellQuote';
import { runExec } from './sshExec';
import { destroyChannel, type SshSession } from './sshSession';

const MAX_STDERR = 16 * 1024;

/**
 * A byte stream to the libvirt daemon serving `uri` on the session's host: `virt-ssh-helper URI`
 * when the host has it (it finds the right socket, modular or monolithic, and starts the session
 * daemon), otherwise stream-local forwarding straight to the daemon's socket.
 */
export async function openLibvirtOverSsh(
  session: SshSession,
  user: string,
  uri: LibvirtUri,
): Promise<Duplex> {
  // `command -v` is a shell builtin, so this works even where `which` is missing.
  const probe = await runExec(session, 'command -v virt-ssh-helper', 'command -v virt-ssh-helper');
  if (probe.code === 0 && probe.stdout.toString().trim() !== '') {
    return helperStream(session, uri);
  }
  return socketStream(session, user, uri);
}

function helperStream(session: SshSession, uri: LibvirtUri): Promise<Duplex> {
  let stderr = '';
  return session.execChannel(shellQuote(['virt-ssh-helper', uri.localUri]), (channel) => {
    channel.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      // Once our side is ended (the reader is done), the helper exits with "EOF on stdin": normal.
      if (code === 0 || channel.writableEnded) return;
      const status = code === null ? `signal ${signal ?? '?'}` : `status ${code}`;
      const detail = stderr.trim() || 'no error message';
      destroyChannel(
        channel,
        new VirtdeckError(
          'libvirt-unreachable',
          `virt-ssh-helper ${uri.localUri} on ${session.label} exited with ${status}: ${detail}`,
        ),
        true,
      );
    });
  });
}

async function socketStream(session: SshSession, user: string, uri: LibvirtUri): Promise<Duplex> {
  let runtimeDir: string | undefined;
  if (isSessionUri(uri)) {
    // Where libvirt itself puts per-user sockets: XDG_RUNTIME_DIR, else the cache directory.
    const dir = await runExec(
      session,
      `printf '%s' "\${XDG_RUNTIME_DIR:-\${XDG_CACHE_HOME:-$HOME/.cache}}"`,
      'finding the runtime directory',
    );
    runtimeDir = dir.code === 0 ? dir.stdout.toString('utf8') : undefined;
  }
  const candidates = libvirtSocketCandidates(uri, runtimeDir);
  for (const path of candidates) {
    try {
      return await session.forwardUnix(path);
    } catch {
      // The reason is worked out below, once, for all candidates.
      if (session.dropped) throw session.dropped;
    }
  }
  const tried =
    candidates.length > 0 ? await diagnoseSockets(session, candidates) : 'no socket path is known';
  const advice = isSessionUri(uri)
    ? `Install libvirt-clients (virt-ssh-helper, libvirt >= 6.8) on ${session.label}; ` +
      'it also starts the session daemon when it is not running.'
    : `Install libvirt-clients (virt-ssh-helper, libvirt >= 6.8) on ${session.label}, ` +
      `or add ${user} to the libvirt group.`;
  throw new VirtdeckError(
    'libvirt-unreachable',
    `Cannot reach libvirt (${uri.localUri}) on ${session.label}: virt-ssh-helper was not found ` +
      `in the PATH of ${user} there, and no daemon socket could be opened (tried ${tried}). ` +
      advice,
  );
}

/**
 * Why each socket could not be opened. sshd only answers "open failed" to the client (the reason
 * goes to its own log), so ask the host's shell what it sees.
 */
async function diagnoseSockets(session: SshSession, paths: readonly string[]): Promise<string> {
  const script =
    'for p; do if [ ! -e "$p" ]; then echo "$p: does not exist"; ' +
    'elif [ ! -S "$p" ]; then echo "$p: is not a socket"; ' +
    'elif [ ! -w "$p" ]; then echo "$p: permission denied for $(id -un)"; ' +
    'else echo "$p: the daemon did not accept the connection"; fi; done';
  try {
    const result = await runExec(session, shellQuote(['sh', '-c', script, 'sh', ...paths]), 'sh');
    const lines = result.stdout.toString('utf8').trim().split('\n').filter(Boolean);
    if (lines.length > 0) return lines.join('; ');
  } catch {
    if (session.dropped) throw session.dropped;
  }
  return paths.map((p) => `${p}: open failed`).join('; ');
}
