/**
 * The public keys of this machine's SSH agent (ssh-agent on SSH_AUTH_SOCK, Pageant on Windows,
 * found as the SSH connections find it), offered as cloud-init's authorized keys. Only public
 * keys are asked for; nothing is signed.
 */
// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import ssh2, { type ParsedKey } from 'ssh2';
import { VirtdeckError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages/message';
import { agentSocket } from '../../../hosts/ssh/sshHopPlan';

export interface AgentKey {
  type: string;
  comment: string;
  /** The OpenSSH public key line. */
  line: string;
}

export function agentPublicKeys(socket = agentSocket(undefined)): Promise<AgentKey[]> {
  if (!socket) {
    return Promise.reject(new VirtdeckError('not-found', msg('install.noAgent')));
  }
  return new Promise((resolve, reject) => {
    ssh2.createAgent(socket).getIdentities((err, keys) => {
      if (err) {
        reject(
          new VirtdeckError('not-found', msg('install.agentSilent', { why: err.message }), {
            cause: err,
          }),
        );
        return;
      }
      resolve(
        (keys ?? []).flatMap((entry) => {
          const key = parsedKey(entry);
          if (!key) return [];
          const blob = key.getPublicSSH().toString('base64');
          const line = [key.type, blob, key.comment].filter(Boolean).join(' ');
          return [{ type: key.type, comment: key.comment, line }];
        }),
      );
    });
  });
}

/** The agents' identity entries come in a few shapes (ssh2's types): a parsed key, a blob, a wrapper. */
type IdentityEntry = ParsedKey | Buffer | string | { pubKey: IdentityEntry };

function parsedKey(entry: IdentityEntry): ParsedKey | undefined {
  if (typeof entry === 'string' || Buffer.isBuffer(entry)) {
    const parsed = ssh2.utils.parseKey(entry);
    if (parsed instanceof Error) return undefined;
    return Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  }
  if ('pubKey' in entry) return parsedKey(entry.pubKey);
  return entry;
}
