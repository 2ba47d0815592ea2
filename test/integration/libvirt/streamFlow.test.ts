/**
 * A libvirt stream whose reader has stopped must not stall the connection, once per transport:
 * a volume's whole file in one download stream into a target that never takes anything (what a
 * console tab in the background is too) floods its stream, and meanwhile list and lifecycle calls
 * and a guest's serial console carry on; the stream then fails alone with the "was not read"
 * error, and the connection stays up. Before streams had their own buffers, the client paused the
 * shared transport for the stuck stream: every call waited until keepalive declared the host dead.
 * (downloadVolume itself asks for the file window by window at its reader's pace, so it never
 * floods: volumeDownloadFlow.test.ts.)
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineDomain,
  destroyDomain,
  getDomainState,
  listAllDomains,
  resumeDomain,
  startDomain,
  suspendDomain,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import type { DomainRef } from '../../../src/main/libvirt/refs';
import { STREAM_BUFFER_LIMIT_BYTES } from '../../../src/main/libvirt/rpc/stream';
import { createVolume } from '../../../src/main/libvirt/storageVolume';
import {
  qemuWithTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
} from '../../support/libvirtFixtures';
import { transports } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

const MiB = 1024 * 1024;

describe.each(transports())('a download nobody reads, over $name', (transport) => {
  const session = qemuWithTempPool(transport);
  const name = `virtdeck-stream-flow-${transport.name.replace(/\W+/g, '-')}`;
  let dom: DomainRef | undefined;

  beforeAll(async () => {
    const { conn, pool } = session;
    await removeLeftovers(conn.rpc, [name]);
    const iso = await uploadTinyIso(conn.rpc, pool.pool, 'tiny.iso');
    dom = await defineDomain(conn.rpc, tcgDomainXml(name, undefined, iso.path));
    dom = await startDomain(conn.rpc, dom);
  });

  afterAll(async () => {
    if (!dom) return;
    await destroyDomain(session.conn.rpc, dom).catch(() => {});
    await undefineDomain(session.conn.rpc, dom);
  });

  it('fails alone with "was not read" while calls and the serial console carry on', async () => {
    const { conn, pool } = session;
    const rpc = conn.rpc;
    const guest = dom!;
    // The guest's serial console, at isolinux's prompt, which echoes what is typed.
    const console = await rpc.openStream('DOMAIN_OPEN_CONSOLE', {
      dom: guest,
      dev_name: null,
      flags: 0,
    });
    let screen = '';
    let consoleError: unknown;
    console.on('data', (chunk: Buffer) => (screen += chunk.toString('latin1')));
    console.on('error', (e: unknown) => (consoleError = e));
    await waitFor(
      'the isolinux boot: prompt on the serial console',
      () => {
        console.write('\r');
        return /boot:/.test(screen);
      },
      90_000,
      1000,
    );

    // Four times what a stream may buffer; a sparse raw file, so it costs no disk.
    const size = 4 * STREAM_BUFFER_LIMIT_BYTES;
    const vol = await createVolume(
      rpc,
      pool.pool,
      `<volume><name>unread.raw</name><capacity unit='B'>${size}</capacity>` +
        `<target><format type='raw'/></target></volume>`,
    );
    const stuck = new Writable({ highWaterMark: 1024, write: () => {} });
    // All of it at once (length 0: to the end), as libvirtd sends it: unacknowledged.
    const flood = await rpc.openStream('STORAGE_VOL_DOWNLOAD', {
      vol,
      offset: 0n,
      length: 0n,
      flags: 0,
    });
    const download = pipeline(flood, stuck).then(
      () => new Error('the download finished although nobody read it'),
      (err: unknown) => err,
    );

    // Meanwhile: a list, a pause and a resume, and typing on the console.
    const names = (await listAllDomains(rpc)).map((d) => d.name);
    expect(names).toContain(name);
    await suspendDomain(rpc, guest);
    expect((await getDomainState(rpc, guest)).state).toBe('paused');
    await resumeDomain(rpc, guest);
    expect((await getDomainState(rpc, guest)).state).toBe('running');
    await waitFor('the console to echo what is typed', () => {
      console.write('flowing');
      return screen.includes('flowing');
    });

    const err = await download;
    expect(err).toMatchObject({
      code: 'protocol',
      message: `STORAGE_VOL_DOWNLOAD stream on ${conn.host.label} was not read: more than ${STREAM_BUFFER_LIMIT_BYTES / MiB} MiB buffered`,
    });
    // The connection is up, and only the console is still open on it.
    expect(rpc.closed).toBe(false);
    expect(consoleError).toBeUndefined();
    expect(rpc.openStreams).toBe(1);
    console.destroy();
    expect(rpc.openStreams).toBe(0);
    expect((await rpc.call('CONNECT_GET_HOSTNAME', null)).hostname.length).toBeGreaterThan(0);
  });
});
