/**
 * An IPv4 address of this machine that is not loopback, for tests that a server listens on
 * loopback only. Without one such a test would try nothing and pass: when the machine has none,
 * a bridge with no ports is made to carry one (the tests run as root), and removed by `remove`.
 * When neither works the caller gets an error, never a skip.
 */
import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';

const BRIDGE = 'vdk-lotest0';
const MADE_ADDRESS = '10.213.77.1';

export interface NonLoopbackAddress {
  address: string;
  /** Removes the bridge when it was made for the test; nothing otherwise. */
  remove(): void;
}

function existing(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

export function nonLoopbackAddress(options: { make?: boolean } = {}): NonLoopbackAddress {
  const found = options.make ? undefined : existing();
  if (found) return { address: found, remove: () => {} };
  const ip = (...args: string[]): void => {
    execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  try {
    ip('link', 'add', BRIDGE, 'type', 'bridge');
    ip('addr', 'add', `${MADE_ADDRESS}/32`, 'dev', BRIDGE);
    ip('link', 'set', BRIDGE, 'up');
  } catch (err) {
    try {
      ip('link', 'del', BRIDGE);
    } catch {
      // It was never made.
    }
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `This machine has no non-loopback IPv4 address to test against, and making one failed: ${why}`,
    );
  }
  return { address: MADE_ADDRESS, remove: () => ip('link', 'del', BRIDGE) };
}
