/** The public keys of this machine's SSH agent, for cloud-init's authorized keys. Being built (issue 17). */
import { VirtdeckError } from '../../../../shared/errors';

export interface AgentKey {
  type: string;
  comment: string;
  /** The OpenSSH public key line. */
  line: string;
}

export function agentPublicKeys(): Promise<AgentKey[]> {
  return Promise.reject(new VirtdeckError('not-supported', 'Not supported yet'));
}
