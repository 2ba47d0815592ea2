/**
 * A fake libvirt daemon for drivers this sandbox cannot run (Xen's libxl): a unix-socket server
 * speaking libvirt's RPC with the project's own packet framing and XDR codecs, answering each
 * procedure from a table of replies a test gives (recorded from libvirt: test/fixtures/xen/).
 * It proves the call path (our encoding of the call, the daemon's reply or error decoded, the
 * service's handling), never the hypervisor. The handshake (AUTH_LIST, CONNECT_OPEN, the
 * keepalive feature question) and keepalive pings are answered as libvirtd does; any procedure
 * the table lacks gets libvirt's "unknown procedure" error. Each call is kept in `calls`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  asLibvirtStream,
  type Host,
  type HostFiles,
  type HostState,
  type LibvirtStream,
} from '../../src/main/hosts/host';
import {
  encodePacket,
  KEEPALIVE_PROGRAM,
  KeepaliveProc,
  MessageStatus,
  MessageType,
  PacketReader,
  type PacketHeader,
} from '../../src/main/libvirt/rpc/packet';
import {
  procedures,
  REMOTE_PROGRAM,
  remote_error,
} from '../../src/main/libvirt/rpc/generated/remoteProtocol';
import { decodeXdr, encodeXdr, type Codec, type XdrType } from '../../src/main/libvirt/rpc/xdr';

type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;

/** An error as libvirtd sends it (virErrorNumber, virErrorDomain, its message). */
export class FakeLibvirtError extends Error {
  constructor(
    readonly code: number,
    readonly domain: number,
    message: string,
  ) {
    super(message);
  }
}

export type FakeReplies = {
  [P in ProcedureName]?: (
    args: XdrType<Procedures[P]['args']>,
  ) => XdrType<Procedures[P]['ret']> | Promise<XdrType<Procedures[P]['ret']>>;
};

/** VIR_FROM_RPC: the domain of "unknown procedure". */
const VIR_FROM_RPC = 7;
/** VIR_ERR_RPC. */
const VIR_ERR_RPC = 39;

const HANDSHAKE: FakeReplies = {
  AUTH_LIST: () => ({ types: [0] }),
  CONNECT_OPEN: () => null,
  CONNECT_SUPPORTS_FEATURE: () => ({ supported: 0 }),
  CONNECT_CLOSE: () => null,
};

export interface FakeLibvirtd {
  /** A Host whose libvirt stream reaches this daemon (nothing else of a host is there). */
  host: Host;
  /** Every call the daemon answered, in order, with its decoded arguments. */
  calls: { name: ProcedureName; args: unknown }[];
  /** The URIs the client opened. */
  opened: string[];
  stop(): Promise<void>;
}

export async function startFakeLibvirtd(replies: FakeReplies): Promise<FakeLibvirtd> {
  const dir = mkdtempSync(join(tmpdir(), 'vdk-native-fake '));
  const socketPath = join(dir, 'libvirt-sock');
  const byId = new Map<number, ProcedureName>(
    Object.entries(procedures).map(([name, p]) => [p.id, name as ProcedureName]),
  );
  const table: FakeReplies = { ...HANDSHAKE, ...replies };
  const calls: FakeLibvirtd['calls'] = [];
  const opened: string[] = [];
  const sockets = new Set<Socket>();

  const answer = async (socket: Socket, header: PacketHeader, body: Buffer) => {
    const reply = (status: number, payload: Buffer) =>
      socket.write(encodePacket({ ...header, type: MessageType.Reply, status }, payload));
    const fail = (err: FakeLibvirtError) =>
      reply(
        MessageStatus.Error,
        encodeXdr(remote_error, {
          code: err.code,
          domain: err.domain,
          message: err.message,
          level: 2,
          dom: null,
          str1: err.message,
          str2: null,
          str3: null,
          int1: -1,
          int2: -1,
          net: null,
        }),
      );
    const name = byId.get(header.proc);
    const handler = name && (table[name] as ((args: unknown) => unknown) | undefined);
    if (!name || !handler) {
      fail(new FakeLibvirtError(VIR_ERR_RPC, VIR_FROM_RPC, `unknown procedure: ${header.proc}`));
      return;
    }
    const definition = procedures[name] as { args: Codec<unknown>; ret: Codec<unknown> };
    const args = decodeXdr(definition.args, body);
    calls.push({ name, args });
    if (name === 'CONNECT_OPEN') opened.push((args as { name: string | null }).name ?? '');
    try {
      reply(MessageStatus.Ok, encodeXdr(definition.ret, await handler(args)));
    } catch (err) {
      if (!(err instanceof FakeLibvirtError)) throw err;
      fail(err);
    }
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const reader = new PacketReader();
    socket.on('data', (chunk: Buffer) => {
      for (const { header, body } of reader.push(chunk)) {
        if (header.prog === KEEPALIVE_PROGRAM && header.proc === KeepaliveProc.Ping) {
          socket.write(
            encodePacket({ ...header, proc: KeepaliveProc.Pong, type: MessageType.Message }),
          );
        } else if (header.prog === REMOTE_PROGRAM && header.type === MessageType.Call) {
          void answer(socket, header, body);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));

  let state: HostState = { kind: 'closed' };
  const host: Host = {
    label: 'fake libvirtd',
    get state() {
      return state;
    },
    onStateChange: () => () => undefined,
    connect: async () => {
      state = { kind: 'connected' };
    },
    close: async () => {
      state = { kind: 'closed' };
    },
    openLibvirtStream: async (): Promise<LibvirtStream> =>
      new Promise((resolve, reject) => {
        const socket = createConnection(socketPath, () =>
          resolve(asLibvirtStream(socket, 'local-socket')),
        );
        socket.once('error', reject);
      }),
    exec: () => Promise.reject(new Error('the fake daemon has no host to run programs on')),
    files: (): Promise<HostFiles> => Promise.reject(new Error('the fake daemon has no host files')),
    forward: () => Promise.reject(new Error('the fake daemon forwards nothing')),
  };

  return {
    host,
    calls,
    opened,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
