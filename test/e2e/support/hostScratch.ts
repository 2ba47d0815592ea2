/**
 * What an end-to-end test makes on the test host behind the app's back (pools, networks, the
 * `default` pool when the host has none) and what the app makes for it (VMs, volumes), removed
 * in reverse order after the test whatever happened: each removal that finds its object already
 * gone is not an error, and one that fails does not stop the others.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { virsh } from './qemuVm';

type Removal = () => void;

/** Runs virsh and ignores a failure: the object is not running / not there (any more). */
function virshIfThere(...args: string[]): void {
  try {
    virsh(...args);
  } catch {
    /* already stopped or gone */
  }
}

/** The test host has this pool or network (defined, running or not). */
export function hostHas(kind: 'pool' | 'net', name: string): boolean {
  try {
    virsh(`${kind}-info`, name);
    return true;
  } catch {
    return false;
  }
}

export class HostScratch {
  private readonly removals: Removal[] = [];

  /** A directory pool of the test's own, built and started; removed with its whole folder. */
  dirPool(name: string, path: string): void {
    virsh('pool-define-as', name, 'dir', '--target', path);
    this.removals.push(() => {
      virshIfThere('pool-destroy', name);
      rmSync(path, { recursive: true, force: true });
      virshIfThere('pool-undefine', name);
    });
    virsh('pool-build', name);
    virsh('pool-start', name);
  }

  /**
   * The host's `default` pool (/var/lib/libvirt/images), made here when the host has none (this
   * test host has none) and then removed again: only its definition, its folder holds other
   * pools'.
   */
  defaultPool(): void {
    if (!this.defaultPoolIfMadeLater()) return;
    virsh('pool-define-as', 'default', 'dir', '--target', '/var/lib/libvirt/images');
    virsh('pool-start', 'default');
  }

  /**
   * The `default` pool, when the host lacks it now and the test has the app make it: removed at
   * the end like one made here. True when it is missing now.
   */
  defaultPoolIfMadeLater(): boolean {
    if (hostHas('pool', 'default')) return false;
    this.removals.push(() => {
      virshIfThere('pool-destroy', 'default');
      virshIfThere('pool-undefine', 'default');
    });
    return true;
  }

  /**
   * An isolated network (no NAT to clean up) on a /24 of its own under `10.<octet>.x.0`, or on
   * the bridge named.
   */
  isolatedNetwork(name: string, dir: string, on: { octet: number } | { bridge: string }): void {
    const file = join(dir, `${name}.net.xml`);
    const inside =
      'bridge' in on
        ? `<bridge name='${on.bridge}'/>`
        : `<ip address='10.${on.octet}.${20 + Math.floor(Math.random() * 200)}.1' netmask='255.255.255.0'/>`;
    writeFileSync(file, `<network><name>${name}</name>${inside}</network>`);
    virsh('net-define', file);
    this.removals.push(() => {
      virshIfThere('net-destroy', name);
      virshIfThere('net-undefine', name);
    });
    virsh('net-start', name);
  }

  /**
   * A VM the test (or the app, for the test) makes: stopped and undefined with its NVRAM, and with
   * every volume it uses when `withStorage` (the volumes are the test's own).
   */
  vm(name: string, { withStorage = false }: { withStorage?: boolean } = {}): void {
    this.removals.push(() => {
      virshIfThere('destroy', name);
      virshIfThere('undefine', name, '--nvram', ...(withStorage ? ['--remove-all-storage'] : []));
    });
  }

  /** A volume in a pool that outlives the test (the `default` pool's ISO upload). */
  volume(pool: string, name: string): void {
    this.removals.push(() => virshIfThere('vol-delete', '--pool', pool, name));
  }

  /** A local file or folder (a built image, a temp dir). */
  localPath(path: string): void {
    this.removals.push(() => rmSync(path, { recursive: true, force: true }));
  }

  /** Everything, newest first. */
  remove(): void {
    for (const removal of this.removals.splice(0).reverse()) {
      try {
        removal();
      } catch (err) {
        console.error('e2e cleanup:', err);
      }
    }
  }
}
