import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import {
  appendKnownHost,
  checkHostKey,
  describeChangedKey,
  fingerprintSha256,
  keyTypeOf,
} from './knownHosts';
import type { SshPrompter } from './sshPrompter';

export interface HostKeyPolicy {
  /** The host name and port as addressed (HostName and Port after ~/.ssh/config). */
  host: string;
  port: number;
  /** The user's known_hosts files, checked first. */
  knownHostsFiles: readonly string[];
  /** Virtdeck's own known_hosts file: also checked, and where accepted keys are written. */
  appKnownHostsFile: string;
  prompter: SshPrompter;
  paused<T>(task: () => Promise<T>): Promise<T>;
  /** Ends the attempt with `err` as its outcome. */
  fail(err: VirtdeckError): void;
}

/**
 * ssh2's hostVerifier. It runs during key exchange, before the server has seen a single byte of
 * authentication, so refusing here (verify(false)) means a changed or revoked key never gets a
 * password or a signature.
 */
export function createHostVerifier(
  policy: HostKeyPolicy,
): (key: Buffer, verify: (ok: boolean) => void) => void {
  // ssh2 asks again at every rekey; the key accepted for this connection needs no second look.
  let accepted: Buffer | undefined;
  return (key, verifyNow) => {
    const verify = (ok: boolean): void => {
      try {
        verifyNow(ok);
      } catch {
        // The connection ended while we were deciding; there is nobody left to tell.
      }
    };
    if (accepted?.equals(key)) {
      verify(true);
      return;
    }
    decide(policy, key).then(
      (ok) => {
        if (ok) accepted = Buffer.from(key);
        verify(ok);
      },
      (err: unknown) => {
        policy.fail(
          err instanceof VirtdeckError
            ? err
            : new VirtdeckError(
                'host-key-unknown-rejected',
                msg('ssh.hostKeyCheckFailed', {
                  host: policy.host,
                  reason: err instanceof Error ? err.message : String(err),
                }),
                { cause: err },
              ),
        );
        verify(false);
      },
    );
  };
}

async function decide(policy: HostKeyPolicy, key: Buffer): Promise<boolean> {
  const { host, port } = policy;
  const files = [...policy.knownHostsFiles, policy.appKnownHostsFile];
  const verdict = await checkHostKey(files, host, port, key);
  switch (verdict.kind) {
    case 'trusted':
      return true;
    case 'revoked':
      policy.fail(
        new VirtdeckError(
          'host-key-revoked',
          msg('ssh.hostKeyRevoked', {
            host: hostPort(host, port),
            fingerprint: fingerprintSha256(key),
            file: verdict.file,
            line: verdict.line,
          }),
        ),
      );
      return false;
    case 'changed':
      policy.fail(
        new VirtdeckError('host-key-changed', describeChangedKey(host, port, key, verdict)),
      );
      return false;
    case 'other-type':
      // OpenSSH only warns here before its yes/no question; asking would make the answer a
      // trust-on-first-use of a host we do know, so it is refused like a changed key.
      policy.fail(
        new VirtdeckError('host-key-other-type', describeChangedKey(host, port, key, verdict)),
      );
      return false;
    case 'unknown': {
      const keyType = keyTypeOf(key);
      const fingerprint = fingerprintSha256(key);
      const ok = await policy.paused(() =>
        policy.prompter.confirmHostKey({ host, port, keyType, fingerprint }),
      );
      if (!ok) {
        policy.fail(
          new VirtdeckError(
            'host-key-unknown-rejected',
            msg('ssh.hostKeyNotAccepted', { host: hostPort(host, port), keyType, fingerprint }),
          ),
        );
        return false;
      }
      await appendKnownHost(policy.appKnownHostsFile, host, port, key);
      return true;
    }
  }
}

function hostPort(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
