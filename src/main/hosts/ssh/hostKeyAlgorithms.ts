import type { ServerHostKeyAlgorithm } from 'ssh2';

/**
 * ssh2's default host key algorithms, best first (ssh2 1.17, Node >= 12), without "ssh-rsa":
 * RSA signatures with SHA-1 are off by default since OpenSSH 8.8, as SHA-1 collisions are
 * practical; RSA host keys still work through rsa-sha2-512 / rsa-sha2-256.
 */
export const DEFAULT_HOST_KEY_ALGORITHMS: readonly ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
];

/** known_hosts stores RSA keys as "ssh-rsa", but the server signs with one of these. */
const SIGNATURE_ALGORITHMS: Record<string, readonly ServerHostKeyAlgorithm[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256'],
};

/**
 * Host key algorithms to offer, the ones for key types already in known_hosts first, as OpenSSH
 * does: a server with several host keys then shows the key we know instead of an unknown one of
 * another type (which would look like a new host or, worse, be refused as changed).
 */
export function preferredHostKeyAlgorithms(
  knownKeyTypes: readonly string[],
): ServerHostKeyAlgorithm[] {
  const preferred = new Set<string>();
  for (const type of knownKeyTypes) {
    for (const algorithm of SIGNATURE_ALGORITHMS[type] ?? [type]) preferred.add(algorithm);
  }
  const ordered = DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => preferred.has(a));
  return [...ordered, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !preferred.has(a))];
}
