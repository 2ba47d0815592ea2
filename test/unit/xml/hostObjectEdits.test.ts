/**
 * Network, storage pool and volume edits on small documents, with exact outputs: the pairs in
 * test/fixtures/xml/edits/{network,pool,volume} (see test/support/xmlFixtures.ts). The pairs of
 * one kind all start from the same document.
 */
import { describe, expect, it } from 'vitest';
import {
  addNetworkIpv6,
  removeNetworkIp,
  setNetworkIp,
} from '../../../src/main/xml/edits/network/ipAddress';
import {
  setNetworkBridge,
  setNetworkDomain,
} from '../../../src/main/xml/edits/network/bridgeAndDomain';
import {
  setPoolSource,
  setPoolTargetPath,
} from '../../../src/main/xml/edits/storagePool/poolEdits';
import {
  setVolumeBackingStore,
  setVolumeCapacity,
  setVolumeFormat,
} from '../../../src/main/xml/edits/storageVolume/volumeEdits';
import { InvalidInputError } from '../../../src/shared/errors';
import { expectMatchesFixture, fixture } from '../../support/xmlFixtures';

/** The input of pair `edits/<name>`. */
const input = (name: string) => fixture(`edits/${name}`);
/** `actual` is exactly the output of pair `edits/<name>`. */
const matches = (actual: string, name: string) => expectMatchesFixture(actual, `edits/${name}`);

const NET = input('network/ip-prefix');
const POOL = input('pool/target-path');
const VOL = input('volume/format');

function invalid(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    return (err as Error).message;
  }
  throw new Error('expected invalid-input');
}

describe('network edits', () => {
  it('changes the IPv4 prefix in the netmask style the network uses', () => {
    matches(
      setNetworkIp(input('network/ip-prefix'), {
        family: 'ipv4',
        address: '192.168.122.1',
        prefix: 23,
      }),
      'network/ip-prefix',
    );
  });
  it('refuses a subnet that leaves the DHCP range outside', () => {
    expect(
      invalid(() => setNetworkIp(NET, { family: 'ipv4', address: '10.0.0.1', prefix: 24 })),
    ).toMatch(/outside 10\.0\.0\.0\/24/);
    expect(
      invalid(() => setNetworkIp(NET, { family: 'ipv4', address: '192.168.122.0', prefix: 24 })),
    ).toMatch(/network or broadcast/);
  });
  it('adds and removes an IPv6 subnet', () => {
    const out = addNetworkIpv6(input('network/ipv6-add'), {
      address: 'fd00::1',
      prefix: 64,
      dhcpRange: { start: 'fd00::100', end: 'fd00::1ff' },
    });
    matches(out, 'network/ipv6-add');
    expect(removeNetworkIp(out, 'ipv6')).toBe(input('network/ipv6-add'));
    expect(
      invalid(() =>
        addNetworkIpv6(NET, {
          address: 'fd00::1',
          prefix: 64,
          dhcpRange: { start: 'fd01::1', end: 'fd00::2' },
        }),
      ),
    ).toMatch(/outside/);
  });
  it('renames the bridge and sets the DNS domain', () => {
    matches(
      setNetworkBridge(input('network/bridge-rename'), { name: 'virbr9' }),
      'network/bridge-rename',
    );
    matches(
      setNetworkDomain(input('network/dns-domain'), { name: 'lab.example', localOnly: true }),
      'network/dns-domain',
    );
    expect(invalid(() => setNetworkBridge(NET, { name: 'a-very-long-bridge-name' }))).toMatch(
      /1-15/,
    );
    expect(invalid(() => setNetworkDomain(NET, { name: 'bad_domain!' }))).toMatch(
      /not a DNS domain/,
    );
  });
});

describe('storage pool edits', () => {
  it('moves the target path and changes source fields it has', () => {
    matches(setPoolTargetPath(input('pool/target-path'), '/srv/nfs'), 'pool/target-path');
    matches(
      setPoolSource(input('pool/source'), { host: 'nas.example', dir: '/export/vms' }),
      'pool/source',
    );
    expect(invalid(() => setPoolTargetPath(POOL, 'relative'))).toMatch(/absolute/);
  });
});

describe('storage volume edits', () => {
  it('sets capacity in the unit it has when it fits, else in bytes', () => {
    matches(
      setVolumeCapacity(input('volume/capacity-same-unit'), 20 * 1024 ** 3),
      'volume/capacity-same-unit',
    );
    matches(setVolumeCapacity(input('volume/capacity-bytes'), 1000), 'volume/capacity-bytes');
    matches(setVolumeFormat(input('volume/format'), 'raw'), 'volume/format');
    matches(
      setVolumeBackingStore(input('volume/backing-store'), {
        path: '/img/base.qcow2',
        format: 'qcow2',
      }),
      'volume/backing-store',
    );
    expect(
      invalid(() =>
        setVolumeBackingStore(setVolumeFormat(VOL, 'raw'), { path: '/b', format: 'raw' }),
      ),
    ).toMatch(/cannot have a backing store/);
  });
});
