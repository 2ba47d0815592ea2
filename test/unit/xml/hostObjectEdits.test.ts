/** Network, storage pool and volume edits on small documents, with exact outputs. */
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
import { InvalidInputError } from '../../../src/main/xml/validation';

const NET = `<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr0' stp='on' delay='0'/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>`;
const NETQ = NET.replaceAll("'", '"');

const POOL = `<pool type='netfs'>
  <name>nfs</name>
  <source>
    <host name='old.example'/>
    <dir path='/export'/>
    <format type='nfs'/>
  </source>
  <target>
    <path>/mnt/nfs</path>
  </target>
</pool>`;

const VOL = `<volume>
  <name>a.qcow2</name>
  <capacity unit='G'>10</capacity>
  <target>
    <format type='qcow2'/>
  </target>
</volume>`;

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
    expect(setNetworkIp(NET, { family: 'ipv4', address: '192.168.122.1', prefix: 23 })).toBe(
      NETQ.replace('255.255.255.0', '255.255.254.0'),
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
    const out = addNetworkIpv6(NET, {
      address: 'fd00::1',
      prefix: 64,
      dhcpRange: { start: 'fd00::100', end: 'fd00::1ff' },
    });
    expect(out).toBe(
      NETQ.replace(
        '  </ip>\n',
        '  </ip>\n  <ip family="ipv6" address="fd00::1" prefix="64">\n    <dhcp>\n      <range start="fd00::100" end="fd00::1ff"/>\n    </dhcp>\n  </ip>\n',
      ),
    );
    expect(removeNetworkIp(out, 'ipv6')).toBe(NETQ);
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
    expect(setNetworkBridge(NET, { name: 'virbr9' })).toBe(NETQ.replace('virbr0', 'virbr9'));
    expect(setNetworkDomain(NET, { name: 'lab.example', localOnly: true })).toBe(
      NETQ.replace(
        'delay="0"/>\n',
        'delay="0"/>\n  <domain name="lab.example" localOnly="yes"/>\n',
      ),
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
    const q = POOL.replaceAll("'", '"');
    expect(setPoolTargetPath(POOL, '/srv/nfs')).toBe(q.replace('/mnt/nfs', '/srv/nfs'));
    expect(setPoolSource(POOL, { host: 'nas.example', dir: '/export/vms' })).toBe(
      q
        .replace('old.example', 'nas.example')
        .replace("'/export'".replaceAll("'", '"'), '"/export/vms"'),
    );
    expect(invalid(() => setPoolTargetPath(POOL, 'relative'))).toMatch(/absolute/);
  });
});

describe('storage volume edits', () => {
  it('sets capacity in the unit it has when it fits, else in bytes', () => {
    const q = VOL.replaceAll("'", '"');
    expect(setVolumeCapacity(VOL, 20 * 1024 ** 3)).toBe(q.replace('>10<', '>20<'));
    expect(setVolumeCapacity(VOL, 1000)).toBe(
      q.replace('<capacity unit="G">10<', '<capacity unit="bytes">1000<'),
    );
    expect(setVolumeFormat(VOL, 'raw')).toBe(q.replace('qcow2"/>', 'raw"/>'));
    expect(setVolumeBackingStore(VOL, { path: '/img/base.qcow2', format: 'qcow2' })).toBe(
      q.replace(
        '  </target>\n',
        '  </target>\n  <backingStore>\n    <path>/img/base.qcow2</path>\n    <format type="qcow2"/>\n  </backingStore>\n',
      ),
    );
    expect(
      invalid(() =>
        setVolumeBackingStore(setVolumeFormat(VOL, 'raw'), { path: '/b', format: 'raw' }),
      ),
    ).toMatch(/cannot have a backing store/);
  });
});
