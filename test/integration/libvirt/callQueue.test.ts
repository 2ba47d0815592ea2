/**
 * A burst of calls against the real libvirtd, once per transport: every call is answered, no more
 * than the queue's limit are ever outstanding, and libvirtd never logs "Client hit max requests
 * limit" (it stops reading a client's socket then, keepalive included). The warning is logged once
 * per client connection, so each run uses a fresh connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import { DEFAULT_MAX_OUTSTANDING_CALLS } from '../../../src/main/libvirt/rpc/client';
import { libvirtdLogFromNow } from '../../support/libvirtd';
import { transports } from '../../support/transports';

const CALLS = 30;

describe.each(transports())('a burst of calls over $name', (transport) => {
  let host: Host;
  let conn: LibvirtConnection;

  beforeAll(async () => {
    host = transport.makeHost();
    conn = await LibvirtConnection.open(host, 'qemu:///system');
  });

  afterAll(async () => {
    await conn?.close();
    await host?.close();
  });

  it(`${CALLS} pipelined calls all answer, and libvirtd never hits its max requests limit`, async () => {
    const log = libvirtdLogFromNow();
    const rpc = conn.rpc;
    let mostOutstanding = 0;
    const note = () => (mostOutstanding = Math.max(mostOutstanding, rpc.outstanding));
    // Capabilities take libvirtd a while to build, so unqueued calls pile up at the daemon.
    const calls = Array.from({ length: CALLS }, (_, i) =>
      (i % 2 === 0
        ? rpc.call('CONNECT_GET_CAPABILITIES', null).then((r) => r.capabilities)
        : rpc
            .call('CONNECT_LIST_ALL_DOMAINS', { need_results: 1, flags: 0 })
            .then((r) => `${r.ret} domains`)
      ).finally(note),
    );
    note();
    expect(rpc.inFlight).toBe(CALLS);
    const answers = await Promise.all(calls);
    answers.forEach((answer, i) =>
      expect(answer).toMatch(i % 2 === 0 ? /<capabilities>/ : /^\d+ domains$/),
    );
    expect(log.linesSince().filter((line) => line.includes('hit max requests limit'))).toEqual([]);
    expect(mostOutstanding).toBe(DEFAULT_MAX_OUTSTANDING_CALLS);
    expect(rpc.inFlight).toBe(0);
    // The daemon is still listening to us, keepalive and all.
    expect((await rpc.call('CONNECT_GET_HOSTNAME', null)).hostname.length).toBeGreaterThan(0);
  });
});
