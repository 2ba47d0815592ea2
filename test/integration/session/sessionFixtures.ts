/**
 * The app's HostSession over SSH to the private sshd, as the backend makes it, with what it
 * emits recorded; domains named vdk-session-* defined behind its back with virsh.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvents } from '../../../src/shared/api/contract';
import type { Host } from '../../../src/main/hosts/host';
import { LocalHost } from '../../../src/main/hosts/localHost';
import { HostSession } from '../../../src/main/services/hostSession';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { virsh, virshQuiet } from '../host/hostFixtures';

export const SESSION_PREFIX = 'vdk-session-';

export interface RecordedSession {
  session: HostSession;
  /** Every event the session emitted, oldest first. */
  emitted: { name: keyof ApiEvents; payload: unknown }[];
  samples(): ApiEvents['stats.samples'][];
}

/** `user`: the test user (virt-ssh-helper) by default, or the one without the helper. */
export function sshSession(user = loadTestHost().user): RecordedSession {
  const env = loadTestHost();
  return recordedSession(`qemu+ssh://${user}@${env.sshHost}:${env.sshPort}/system`, () =>
    sshHostFor(env, user),
  );
}

/** A session on this machine's libvirtd over its unix socket, as a "local" connection. */
export function localSession(): RecordedSession {
  return recordedSession('qemu:///system', () => new LocalHost());
}

function recordedSession(uri: string, createHost: () => Host): RecordedSession {
  const emitted: RecordedSession['emitted'] = [];
  const session = new HostSession(
    { id: `session-test-${process.pid}`, uri, autoconnect: false },
    {
      emit: (name, payload) => emitted.push({ name, payload }),
      createHost,
      onClosed: () => {},
      statsIntervalMs: () => 200,
      statsActive: () => true,
      reconnect: { initialDelayMs: 200, maxDelayMs: 1000 },
    },
  );
  return {
    session,
    emitted,
    samples: () =>
      emitted
        .filter((e) => e.name === 'stats.samples')
        .map((e) => e.payload as ApiEvents['stats.samples']),
  };
}

/** A small domain, never started in these tests. */
export function smallDomainXml(name: string): string {
  return (
    `<domain type='qemu'><name>${name}</name><memory unit='MiB'>32</memory><vcpu>1</vcpu>` +
    `<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`
  );
}

/** Defines smallDomainXml(name) with virsh, behind the app's back. */
export function virshDefine(name: string): void {
  const file = join(tmpdir(), `${name}.xml`);
  writeFileSync(file, smallDomainXml(name));
  try {
    virsh('define', file);
  } finally {
    rmSync(file, { force: true });
  }
}

/** Removes the domains named vdk-session-* (stopping them first). */
export function removeSessionLeftovers(): void {
  const names = virsh('list', '--all', '--name')
    .split('\n')
    .map((l) => l.trim())
    .filter((n) => n.startsWith(SESSION_PREFIX));
  for (const n of names) {
    virshQuiet('destroy', n);
    virshQuiet('undefine', n, '--nvram');
    virshQuiet('undefine', n);
  }
}
