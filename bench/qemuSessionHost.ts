/**
 * A real QEMU host of 2000 VMs for `many-hosts`: the session daemon of the test environment's
 * second user (virtdeck-nohelper), with 2000 defined, shut-off domains. A daemon of its own, so
 * the system libvirtd that the tests share never holds them; and QEMU's, because the test
 * driver parses its whole file and builds every domain on each open (a second per connection at
 * 2000 VMs), which no real host does. The app reaches it as it reaches any session daemon of a
 * user without virt-ssh-helper: SSH, then a stream-local forward to the daemon's socket.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SESSION_URI = 'qemu:///session';
const PREFIX = 'bench-vm-';

/**
 * virsh as `user` on its session daemon, which virsh starts if it is not running (libvirt's
 * `--timeout=120`: it exits by itself two minutes after its last client). `commands` is virsh's
 * own batch input, one command per line.
 */
function sessionVirsh(user: string, commands: string): string {
  return execFileSync('runuser', ['-l', user, '-c', `virsh -q -c ${SESSION_URI}`], {
    input: commands,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}

function benchDomains(user: string): string[] {
  return sessionVirsh(user, 'list --all --name\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name.startsWith(PREFIX));
}

/**
 * Defines the domains missing of `count` (a run cut short may have left some) and returns a
 * function that undefines them all again. Defining 2000 takes about 10 s, as long again to
 * remove: left in place, they would slow every session test of that user.
 */
export function qemuSessionHost(user: string, count: number): () => void {
  const have = new Set(benchDomains(user));
  const dir = mkdtempSync(join(tmpdir(), 'virtdeck-bench-domains-'));
  // The files are read by virsh running as `user`.
  chmodSync(dir, 0o755);
  try {
    const commands: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${PREFIX}${String(i).padStart(4, '0')}`;
      if (have.has(name)) continue;
      const file = join(dir, `${name}.xml`);
      writeFileSync(
        file,
        `<domain type='qemu'><name>${name}</name><memory>1048576</memory>` +
          `<currentMemory>524288</currentMemory><vcpu>2</vcpu>` +
          `<os><type arch='x86_64'>hvm</type></os></domain>\n`,
        { mode: 0o644 },
      );
      commands.push(`define ${file}`);
    }
    if (commands.length > 0) sessionVirsh(user, `${commands.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const defined = benchDomains(user).length;
  if (defined !== count) throw new Error(`expected ${count} session domains, found ${defined}`);
  return () => {
    const names = benchDomains(user);
    if (names.length > 0) sessionVirsh(user, names.map((n) => `undefine ${n}\n`).join(''));
  };
}
