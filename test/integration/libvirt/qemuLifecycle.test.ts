/**
 * A real QEMU guest on qemu:///system, driven entirely through the RPC client, once per transport
 * (the three ways to this machine's libvirt 9.0, and the modern host's libvirt 11.3):
 * pool and qcow2 volume created through the API, the tiny ISO uploaded through libvirt's stream,
 * the domain defined, booted under TCG (proved by its serial console answering), suspended,
 * resumed, destroyed and undefined, with the matching events, and nothing left behind. The
 * domain's name is hostile to shells on purpose.
 */
import { existsSync, readdirSync } from 'node:fs';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  defineDomain,
  destroyDomain,
  getDomainState,
  getDomainXml,
  listAllDomains,
  lookupDomainByName,
  resumeDomain,
  startDomain,
  suspendDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { subscribeDomainEvents, type DomainEvent } from '../../../src/main/libvirt/events';
import { listAllStoragePools } from '../../../src/main/libvirt/storagePool';
import type { DomainRef } from '../../../src/main/libvirt/refs';
import {
  createQcow2,
  createTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
  type TempPool,
} from '../../support/libvirtFixtures';
import { modernTransport, transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

const HOSTILE_NAME = `a b'c"$(touch pwned);d ü`;

describe.each([...transports(), modernTransport()])(
  'QEMU guest lifecycle over $name',
  (transport) => {
    let host: Host;
    let conn: LibvirtConnection;
    let pool: TempPool;
    const events: DomainEvent[] = [];
    let unsubscribe: () => Promise<void>;
    let processesBefore: number;

    const eventFor = (kind: string, event?: string) =>
      events.find(
        (e) =>
          e.dom.name === HOSTILE_NAME &&
          e.kind === kind &&
          (event === undefined || (e.kind === 'lifecycle' && e.event === event)),
      );

    beforeAll(async () => {
      processesBefore = transport.userProcesses();
      host = transport.makeHost();
      conn = await LibvirtConnection.open(host, 'qemu:///system');
      await removeLeftovers(conn.rpc, [HOSTILE_NAME]);
      unsubscribe = await subscribeDomainEvents(conn.rpc, (e) => events.push(e));
      pool = await createTempPool(conn.rpc);
    });

    afterAll(async () => {
      // Clean up even after a failure, so one broken run does not poison the next.
      try {
        const dom = await lookupDomainByName(conn.rpc, HOSTILE_NAME);
        await destroyDomain(conn.rpc, dom).catch(() => {});
        await undefineDomain(conn.rpc, dom);
      } catch {
        // Not defined: the test got that far.
      }
      await pool?.destroy().catch(() => {});
      await unsubscribe?.();
      await conn?.close();
      await host?.close();
    });

    it('defines, boots, pauses, resumes, stops and undefines a guest, with events', async () => {
      const disk = await createQcow2(conn.rpc, pool.pool, `${HOSTILE_NAME}.qcow2`);
      const iso = await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso');
      expect(existsSync(transport.localPath(disk.path))).toBe(true);

      let dom: DomainRef = await defineDomain(
        conn.rpc,
        tcgDomainXml(HOSTILE_NAME, disk.path, iso.path),
      );
      expect(dom.name).toBe(HOSTILE_NAME);
      const xml = await getDomainXml(conn.rpc, dom);
      const parsed = new DOMParser().parseFromString(xml, 'text/xml');
      expect(parsed.getElementsByTagName('name')[0]?.textContent).toBe(HOSTILE_NAME);
      await waitFor('the defined event', () => eventFor('lifecycle', 'defined'));

      dom = await startDomain(conn.rpc, dom);
      await waitFor('the started event', () => eventFor('lifecycle', 'started'));
      expect((await getDomainState(conn.rpc, dom)).state).toBe('running');

      // It really boots: isolinux on the serial console answers what we type.
      const console = await conn.rpc.openStream('DOMAIN_OPEN_CONSOLE', {
        dom,
        dev_name: null,
        flags: 0,
      });
      let screen = '';
      console.on('data', (chunk: Buffer) => (screen += chunk.toString('latin1')));
      await waitFor(
        'the isolinux boot: prompt on the serial console',
        () => {
          console.write('hello\r');
          return /boot:/.test(screen) && /hello/.test(screen);
        },
        90_000,
        1000,
      );
      console.destroy();

      await suspendDomain(conn.rpc, dom);
      await waitFor('the suspended event', () => eventFor('lifecycle', 'suspended'));
      expect((await getDomainState(conn.rpc, dom)).state).toBe('paused');

      await resumeDomain(conn.rpc, dom);
      await waitFor('the resumed event', () => eventFor('lifecycle', 'resumed'));
      expect((await getDomainState(conn.rpc, dom)).state).toBe('running');

      await destroyDomain(conn.rpc, dom);
      await waitFor('the stopped event', () => eventFor('lifecycle', 'stopped'));
      expect((await getDomainState(conn.rpc, dom)).state).toBe('shutoff');

      await undefineDomain(conn.rpc, dom);
      await waitFor('the undefined event', () => eventFor('lifecycle', 'undefined'));

      const poolPath = pool.path;
      const poolName = pool.pool.name;
      await pool.destroy();

      // Nothing left behind: no domain, no pool, no directory, no stray processes, no "pwned".
      const names = (await listAllDomains(conn.rpc)).map((d) => d.name);
      expect(names).not.toContain(HOSTILE_NAME);
      expect((await listAllStoragePools(conn.rpc)).map((p) => p.name)).not.toContain(poolName);
      expect(existsSync(transport.localPath(poolPath))).toBe(false);
      for (const dir of [process.cwd(), '/root', `/home/${transport.remoteUser}`]) {
        const seen = transport.localPath(dir);
        if (existsSync(seen)) expect(readdirSync(seen)).not.toContain('pwned');
      }
      await unsubscribe();
      unsubscribe = async () => {};
      await conn.close();
      await host.close();
      await waitFor('the SSH session processes to end', () =>
        transport.remoteUser === 'root' ? true : transport.userProcesses() <= processesBefore,
      );
    });
  },
);
