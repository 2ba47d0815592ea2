/**
 * An application container (/bin/sh) on libvirt's LXC driver, locally and over SSH: its console
 * opens (the driver refuses the FORCE flag QEMU consoles are opened with) and answers
 * `echo hello`; the stats poller, on a driver without virConnectGetAllDomainStats, asks for it
 * once per connection and gives the container's state, CPU time and memory from per-domain calls.
 * Pause, resume and autostart work on the driver as the lifecycle actions call them. The first
 * listing of the host reads the container's state and sizes without asking for the bulk call.
 */
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  getDomainAutostart,
  getDomainInfo,
  lookupDomainByName,
  resumeDomain,
  setDomainAutostart,
  startDomain,
  suspendDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import { listConsoles, prepareConsole } from '../../../src/main/services/consoleSources';
import { DomainStatsPoller, type DomainSample } from '../../../src/main/services/domainStatsPoller';
import { firstVmSummaries } from '../../../src/main/services/vmInventory';
import { xmlEscape } from '../../support/libvirtFixtures';
import { removeContainers } from '../../support/lxcFixtures';
import { transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

for (const transport of transports().slice(0, 2)) {
  describe(`LXC console and stats (${transport.name})`, () => {
    const name = `lxc-cons 'ü' $(x); ${transport.name}`;
    let host: Host;
    let conn: LibvirtConnection;
    let uuid: string;

    beforeAll(async () => {
      host = transport.makeHost();
      conn = await LibvirtConnection.open(host, 'lxc:///system');
      await removeContainers(conn.rpc, [name]);
      const xml = `<domain type='lxc'><name>${xmlEscape(name)}</name>
        <memory unit='MiB'>64</memory><vcpu>1</vcpu>
        <os><type>exe</type><init>/bin/sh</init></os>
        <devices><console type='pty'/></devices></domain>`;
      const dom = await defineDomain(conn.rpc, xml);
      uuid = uuidToString(dom.uuid);
      await startDomain(conn.rpc, dom);
    });

    afterAll(async () => {
      if (conn) {
        await removeContainers(conn.rpc, [name]);
        await conn.close();
      }
      await host?.close();
    });

    it('opens the container console and runs a command in its shell', async () => {
      const consoles = await listConsoles(conn.rpc, uuid);
      const serial = consoles.find((c) => c.kind === 'serial');
      expect(serial?.supported).toBe(true);
      const prepared = await prepareConsole(host, conn.rpc, uuid, serial!.id);
      const stream: Duplex = await prepared.open();
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      // The typed line echoes as `echo hel""lo`; only the shell's answer is `hello` alone. The
      // line is typed again while unanswered: a shell that has just started may not read yet.
      let typed = 0;
      await waitFor('the shell to answer', () => {
        if (/(^|\r?\n)hello\r?\n/.test(text)) return true;
        if (typed++ % 20 === 0) stream.write('echo hel""lo\n');
        return false;
      });
      stream.destroy();
    });

    it('pauses and resumes the container, and marks it to autostart and back', async () => {
      const dom = await lookupDomainByName(conn.rpc, name);
      await suspendDomain(conn.rpc, dom);
      expect((await getDomainInfo(conn.rpc, dom)).state).toBe('paused');
      await resumeDomain(conn.rpc, dom);
      expect((await getDomainInfo(conn.rpc, dom)).state).toBe('running');
      await setDomainAutostart(conn.rpc, dom, true);
      expect(await getDomainAutostart(conn.rpc, dom)).toBe(true);
      await setDomainAutostart(conn.rpc, dom, false);
      expect(await getDomainAutostart(conn.rpc, dom)).toBe(false);
    });

    it('lists the container with its state and sizes, never asking for the bulk stats', async () => {
      const call = vi.spyOn(conn.rpc, 'call');
      try {
        const row = (await firstVmSummaries(conn.rpc, 'lxc-host', 'lxc')).find(
          (vm) => vm.uuid === uuid,
        );
        expect(row).toMatchObject({
          name,
          state: 'running',
          vcpus: 1,
          maxMemoryKiB: 64 * 1024,
          pending: 'metadata',
        });
        // LXC's info gives the memory in use, not the definition's.
        expect(row?.memoryKiB).toBeGreaterThan(0);
        expect(call.mock.calls.map(([p]) => p)).not.toContain('CONNECT_GET_ALL_DOMAIN_STATS');
      } finally {
        call.mockRestore();
      }
    });

    it('polls state, CPU time and memory, asking for the bulk stats once', async () => {
      const call = vi.spyOn(conn.rpc, 'call');
      const samples: DomainSample[][] = [];
      const poller = new DomainStatsPoller(conn.rpc, {
        intervalMs: 50,
        onSamples: (s) => samples.push(s),
        onError: (err) => {
          throw err;
        },
      });
      poller.start();
      try {
        const mine = await waitFor('two samples of the container with a CPU share', () => {
          const found = samples.map((s) => s.find((x) => x.uuid === uuid)).filter((x) => x);
          return found.length >= 3 && found.at(-1)?.cpuPercent !== undefined && found.at(-1);
        });
        expect(mine.state).toBe('running');
        expect(mine.name).toBe(name);
        expect(mine.memoryKiB).toBe(64 * 1024);
        expect(mine.vcpus).toBe(1);
        expect(mine.cpuPercent).toBeGreaterThanOrEqual(0);
      } finally {
        poller.stop();
      }
      const bulkCalls = call.mock.calls.filter(([p]) => p === 'CONNECT_GET_ALL_DOMAIN_STATS');
      expect(bulkCalls).toHaveLength(1);
      expect(call.mock.calls.filter(([p]) => p === 'DOMAIN_GET_INFO').length).toBeGreaterThan(2);
      call.mockRestore();
    });
  });
}
