/**
 * Network edits beyond the IPv4 DHCP part, over SSH on the real libvirtd: an IPv6 subnet with a
 * DHCPv6 range and a static host, a new bridge name and a DNS domain are defined by libvirt and
 * the definition changes only in those nodes (the <mac>, UUID and IPv4 part keep their text);
 * a subnet overlapping another network is refused on its field with nothing changed; the raw
 * XML is defined as typed, and a document libvirt refuses leaves the definition as it was.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { editNetwork } from '../../../src/main/services/networks/networkEdit';
import {
  defineNetworkXmlByName,
  networkDefinitionByName,
} from '../../../src/main/services/networks/networkXmlDefine';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { freeSubnet, natNetworkXml, removeHost2Leftovers, virsh } from './hostFixtures';

const inactive = (name: string) => virsh('net-dumpxml', '--inactive', name);

describe('network IPv6, bridge, domain and XML edits over SSH', () => {
  let host: Host;
  let conn: LibvirtConnection;
  const name = `vdk-host2-edit 'ü' $(x);`;
  const other = 'vdk-host2-other';
  let subnet: string;

  beforeAll(async () => {
    removeHost2Leftovers();
    host = sshHostFor(loadTestHost(), loadTestHost().user);
    conn = await LibvirtConnection.open(host, 'qemu:///system');
    subnet = freeSubnet();
    const file = '/tmp/vdk-host2-edit.xml';
    writeFileSync(file, natNetworkXml(name, subnet));
    virsh('net-define', file);
    writeFileSync(
      file,
      `<network><name>${other}</name><ip family='ipv6' address='fd00:100:77::1' prefix='64'/></network>`,
    );
    virsh('net-define', file);
    rmSync(file);
  });

  afterAll(async () => {
    removeHost2Leftovers();
    await conn?.close();
    await host?.close();
  });

  it('adds IPv6 with DHCPv6 and a static host, renames the bridge, sets the DNS domain', async () => {
    const before = inactive(name);
    const mac = /<mac address='[^']+'\/>/.exec(before)?.[0] ?? 'no mac';
    const uuid = /<uuid>[^<]+<\/uuid>/.exec(before)?.[0] ?? 'no uuid';
    const result = await editNetwork(
      conn.rpc,
      name,
      {
        ipv6: { address: 'fd00:100:78::1', prefix: 64 },
        ipv6Range: { start: 'fd00:100:78::100', end: 'fd00:100:78::1ff' },
        ipv6Hosts: [{ name: 'web6', ip: 'fd00:100:78::10' }],
        bridge: 'virbr-vdkh2',
        domain: 'lab.example',
      },
      host,
    );
    expect(result.pendingRestart).toBe(false);
    const after = inactive(name);
    expect(after).toContain(mac);
    expect(after).toContain(uuid);
    expect(after).toContain("<bridge name='virbr-vdkh2' stp='on' delay='0'/>");
    expect(after).toContain("<domain name='lab.example'/>");
    expect(after).toContain(`<range start='${subnet}.100' end='${subnet}.150'/>`);
    expect(after).toMatch(
      /<ip family='ipv6' address='fd00:100:78::1' prefix='64'>\s*<dhcp>\s*<range start='fd00:100:78::100' end='fd00:100:78::1ff'\/>\s*<host name='web6' ip='fd00:100:78::10'\/>/,
    );
    // The form starts from this definition.
    const def = await networkDefinitionByName(conn.rpc, name);
    expect(def.domain).toBe('lab.example');
    expect(def.ips.find((ip) => ip.family === 'ipv6')?.hosts).toEqual([
      { mac: undefined, id: undefined, name: 'web6', ip: 'fd00:100:78::10' },
    ]);
    // libvirt starts it with the new bridge, and then says an edit waits for a restart.
    virsh('net-start', name);
    expect(virsh('net-info', name)).toMatch(/Bridge:\s+virbr-vdkh2/);
    const live = await editNetwork(conn.rpc, name, { domain: 'lab2.example' }, host);
    expect(live.pendingRestart).toBe(true);
    virsh('net-destroy', name);
  });

  it('refuses an IPv6 subnet overlapping another network, changing nothing', async () => {
    const before = inactive(name);
    const err = await editNetwork(
      conn.rpc,
      name,
      { ipv6: { address: 'fd00:100:77:0:8000::1', prefix: 80 } },
      host,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).fields).toEqual({
      'ipv6.address': `fd00:100:77:0:8000::/80 overlaps network "${other}" (fd00:100:77::/64)`,
    });
    expect(inactive(name)).toBe(before);
  });

  it('defines the raw XML as typed; a refused document or another name changes nothing', async () => {
    const before = inactive(name);
    const edited = before.replace('</network>', '  <mtu size="1400"/>\n</network>');
    // Sent as typed (double quotes, hand indentation); libvirt stores it in its own format.
    await defineNetworkXmlByName(conn.rpc, name, edited);
    expect(inactive(name)).toContain("<mtu size='1400'/>");

    const now = inactive(name);
    const bad = now.replace("<mtu size='1400'/>", "<mtu size='lots'/>");
    const refused = await defineNetworkXmlByName(conn.rpc, name, bad).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VirtdeckError);
    expect((refused as VirtdeckError).code).toBe('libvirt');
    expect((refused as Error).message).toMatch(/^libvirt refused the XML: .*mtu/i);
    expect(inactive(name)).toBe(now);

    const renamed = now.replace(/<name>[^<]+<\/name>/, '<name>vdk-host2-copy</name>');
    await expect(defineNetworkXmlByName(conn.rpc, name, renamed)).rejects.toThrow(
      /must keep the network's name/,
    );
    expect(virsh('net-list', '--all', '--name')).not.toContain('vdk-host2-copy');
  });
});
