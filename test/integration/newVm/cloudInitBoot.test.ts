/**
 * A real cloud-init guest (issue 17, part 1): a Debian 12 image with cloud-init, built from
 * Debian's packages by scripts/test-host/cloud-image.sh (once per machine, by up.sh), is uploaded
 * into a pool over SSH as the non-root test user. newVm.create (source.kind 'cloud', a linked
 * overlay) makes the VM with a NoCloud seed naming a user, a password with spaces and quotes and a
 * hostname; the guest boots under TCG. Through the app's console path (the console gateway's
 * WebSocket onto the serial console, carried over SSH) the test logs in with that user and
 * password, and `id -un; hostname` answer what the seed said. The final definition has no seed
 * CD-ROM and the seed volume is gone.
 *
 * Under TCG on this 2-core machine the guest needs 3 to 7 minutes from its start to cloud-init's
 * "finished" line (the whole test took 6.5 minutes with six test runs sharing the cores); the waits
 * are on what the console shows, with room for a busy machine.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { JobRunner } from '../../../src/main/api/jobs';
import { ConsoleGateway } from '../../../src/main/consoles/consoleGateway';
import type { Host } from '../../../src/main/hosts/host';
import { LibvirtConnection } from '../../../src/main/libvirt/connection';
import {
  destroyDomain,
  getDomainXml,
  listAllDomains,
  lookupDomainByName,
  undefineDomain,
} from '../../../src/main/libvirt/domain';
import { uuidToString } from '../../../src/main/libvirt/refs';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import {
  virDomainUndefineFlagsValues,
  virDomainXMLFlags,
} from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { refreshPool } from '../../../src/main/libvirt/storagePool';
import {
  createVolume,
  getVolumePath,
  getVolumeXml,
  listVolumes,
  lookupVolumeByName,
  uploadVolume,
} from '../../../src/main/libvirt/storageVolume';
import { prepareConsole } from '../../../src/main/services/consoleSources';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { readVolumeXml } from '../../../src/main/xml/build/storageVolumeXml';
import { attribute, childElements, firstChild, parseXml } from '../../../src/main/xml/xmlDocument';
import type { NewVmOptions } from '../../../src/shared/api/newVmTypes';
import type { JobProgress } from '../../../src/shared/api/types';
import {
  createTempPool,
  removeLeftovers,
  xmlEscape,
  type TempPool,
} from '../../support/libvirtFixtures';
import { loadTestHost } from '../../support/testHost';
import { sshHostFor } from '../../support/transports';
import { waitFor } from '../../support/waitFor';

/** Where scripts/test-host/cloud-image.sh caches the image (up.sh runs it). */
const CLOUD_IMAGE = '/var/cache/virtdeck-test-host/cloud-image/debian-bookworm-cloud-init.qcow2';
const ORIGIN = 'http://127.0.0.1:1234';
const PREFIX = 'cloudboot ';
const MINUTE = 60_000;

const tag = randomBytes(3).toString('hex');
const NAME = `${PREFIX}${tag} "ü" $(x);`;
const BASE = `cloudboot base ☁ ${tag}.qcow2`;
// "virtdeck-ci ü" is no Linux user name (cloudInitProblems refuses it): a valid one, and the
// strange characters go into the password, typed at the guest's login prompt.
const USER = 'vdk_ci';
const PASSWORD = `correct "horse" 'battery' $(x); ${tag}`;
const HOSTNAME = `cloudboot-${tag}`;

let host: Host;
let conn: LibvirtConnection;
let rpc: RpcClient;
let pool: TempPool;
let gateway: ConsoleGateway;
let basePath: string;
const events: JobProgress[] = [];
const jobs = new JobRunner((e) => events.push(e));

/** Removes this test's VMs (the current run's and any a crashed run left). */
async function removeVms(): Promise<void> {
  for (const dom of await listAllDomains(rpc)) {
    if (!dom.name.startsWith(PREFIX)) continue;
    await destroyDomain(rpc, dom).catch(() => {});
    await undefineDomain(rpc, dom, virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM);
  }
}

beforeAll(async () => {
  if (!existsSync(CLOUD_IMAGE)) {
    throw new Error(
      `${CLOUD_IMAGE} is missing: build it with sudo bash scripts/test-host/cloud-image.sh (up.sh does)`,
    );
  }
  gateway = await ConsoleGateway.start({ allowedOrigins: () => [ORIGIN] });
  host = sshHostFor(loadTestHost(), loadTestHost().user);
  conn = await LibvirtConnection.open(host, 'qemu:///system');
  rpc = conn.rpc;
  await removeLeftovers(rpc, []);
  await removeVms();
  pool = await createTempPool(rpc);
  // The base image goes into a pool as a user's would: the SSH user cannot read the cache.
  const size = statSync(CLOUD_IMAGE).size;
  const vol = await createVolume(
    rpc,
    pool.pool,
    `<volume><name>${xmlEscape(BASE)}</name><capacity unit='B'>${size}</capacity>` +
      `<target><format type='qcow2'/></target></volume>`,
  );
  await uploadVolume(rpc, vol, createReadStream(CLOUD_IMAGE), { length: size });
  // libvirt reads the uploaded qcow2 header (its guest size) again.
  await refreshPool(rpc, pool.pool);
  basePath = await getVolumePath(rpc, vol);
}, 5 * MINUTE);

afterAll(async () => {
  await gateway?.close();
  if (rpc) await removeVms();
  await pool?.destroy();
  await conn?.close();
  await host?.close();
});

function options(): NewVmOptions {
  return {
    connectionId: 'ssh',
    name: NAME,
    // Debian's osinfo entry: q35, a virtio disk and the seed on a SATA CD-ROM, as virt-install.
    osId: 'debian11',
    memoryMiB: 512,
    vcpus: 1,
    disk: { kind: 'new', pool: pool.pool.name, sizeGiB: 3 },
    network: { kind: 'none' },
    virtType: 'qemu',
    source: {
      kind: 'cloud',
      image: { from: 'path', path: basePath },
      diskMode: 'overlay',
      cloudInit: { userName: USER, password: PASSWORD, sshKeys: [], hostname: HOSTNAME },
    },
  };
}

function cdroms(xml: string): (string | undefined)[] {
  const devices = firstChild(parseXml(xml).documentElement as Element, 'devices') as Element;
  return childElements(devices, 'disk')
    .filter((d) => attribute(d, 'device') === 'cdrom')
    .map((d) => attribute(firstChild(d, 'source'), 'file'));
}

/**
 * The guest's serial console through the console gateway: what it printed since opened, typing,
 * and waits for text printed after the last thing waited for.
 */
async function openSerial(uuid: string) {
  const prepared = await prepareConsole(host, rpc, uuid, 'serial:0');
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(gateway.issue(prepared), { headers: { Origin: ORIGIN } });
    socket.on('open', () => resolve(socket));
    socket.on('unexpected-response', (_req, res) =>
      reject(new Error(`refused: ${res.statusCode}`)),
    );
    socket.on('error', reject);
  });
  let screen = '';
  let seen = 0;
  ws.on('message', (data: Buffer) => (screen += data.toString('latin1')));
  return {
    screen: () => screen,
    type: (text: string) => ws.send(Buffer.from(text, 'latin1')),
    /**
     * Waits for `re` in what came after the previous match; `poke` presses Enter every few
     * seconds meanwhile (a getty prints its prompt again). A failed login fails at once.
     */
    async expect(what: string, re: RegExp, timeoutMs: number, poke = false): Promise<string> {
      let lastPoke = 0;
      const match = await waitFor(
        what,
        () => {
          const rest = screen.slice(seen);
          if (/Login incorrect/.test(rest)) throw new Error(`login refused: ${rest}`);
          const found = re.exec(rest);
          if (found) return { text: found[0], end: seen + found.index + found[0].length };
          if (poke && Date.now() - lastPoke > 5000) {
            ws.send(Buffer.from('\r'));
            lastPoke = Date.now();
          }
          return undefined;
        },
        timeoutMs,
        250,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}; the console showed:\n${screen.slice(-3000)}`);
      });
      seen = match.end;
      return match.text;
    },
    close: () => ws.close(),
  };
}

describe('a cloud-init guest boots and takes the seed’s user, password and hostname', () => {
  it(
    'logs in on the serial console as the seed’s user; the seed is gone afterwards',
    async () => {
      const started = await startCreateVm(host, rpc, jobs, options());
      await started.result;
      const dom = await lookupDomainByName(rpc, NAME);
      const serial = await openSerial(uuidToString(dom.uuid));

      // The VM runs with the seed attached, from an overlay on the base.
      const seedPath = `${pool.path}/${NAME}-cidata.iso`;
      expect(cdroms(await getDomainXml(rpc, dom))).toEqual([seedPath]);
      const disk = readVolumeXml(
        await getVolumeXml(rpc, await lookupVolumeByName(rpc, pool.pool, `${NAME}.qcow2`)),
      );
      expect(disk.backingPath).toBe(basePath);

      // cloud-init's last stage says it is done (users, passwords and hostname are set before);
      // from then on the console is quiet, and the getty's prompt names the new hostname.
      const finished = await serial.expect(
        "cloud-init's final stage",
        /Cloud-init v\. \S+ finished at [^\r\n]*/,
        8 * MINUTE,
      );
      // The seed was found on the CD-ROM (NoCloud with a seed device, not the fallback "None").
      expect(finished).toMatch(/DataSourceNoCloud \[seed=\/dev\/sr0\]/);
      await serial.expect('the login prompt', new RegExp(`${HOSTNAME} login: $`), MINUTE, true);
      serial.type(`${USER}\r`);
      await serial.expect('the password prompt', /Password: $/, MINUTE);
      serial.type(`${PASSWORD}\r`);
      await serial.expect('a shell prompt', /[$#] $/, 2 * MINUTE);
      // The markers are typed with "" inside, so the command's echo does not match them.
      serial.type('echo ==B""EGIN==; id -un; hostname; echo ==E""ND==\r');
      const answer = await serial.expect('the answer', /==BEGIN==\r?\n[^]*?==END==/, MINUTE);
      const lines = answer
        .split(/\r?\n/)
        .slice(1, -1)
        .map((line) => line.trim());
      expect(lines).toEqual([USER, HOSTNAME]);
      serial.type('exit\r');
      serial.close();

      // The final definition has no seed CD-ROM, and the seed volume is gone; the base stays.
      const saved = await getDomainXml(rpc, dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
      expect(cdroms(saved)).toEqual([]);
      const volumes = (await listVolumes(rpc, pool.pool)).map((v) => v.name).sort();
      expect(volumes).toEqual([BASE, `${NAME}.qcow2`].sort());
      // The password went to the guest only as the seed's hash: no job event holds it.
      expect(JSON.stringify(events)).not.toContain(PASSWORD);
    },
    10 * MINUTE,
  );
});
