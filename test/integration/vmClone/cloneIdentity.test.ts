/**
 * What a clone's definition carries, on both libvirt generations over SSH, read back from
 * libvirt: a new UUID, a new MAC for every NIC, the serial file and log renamed as virt-clone
 * renames them, what the New VM wizard's "from template" pages change (memory, vCPUs, the first
 * NIC's source); a UEFI guest's NVRAM copied (the bytes on the host) and its TPM state copied
 * when the host lets the connection's user read it, else the outcome says the TPM is fresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyDomain, lookupDomainByName, startDomain } from '../../../src/main/libvirt/domain';
import { startCloneVm } from '../../../src/main/services/vmClone/cloneVm';
import { attribute, firstChild } from '../../../src/main/xml/xmlDocument';
import { qemuWithTempPool } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import { guestXml } from '../vmDelete/deleteFixtures';
import {
  ODD,
  PREFIX,
  bootableVolume,
  cloneOptions,
  defineSource,
  devices,
  inactiveRoot,
  jobRunner,
  macs,
  removeSliceVms,
} from './cloneFixtures';

const LOG_DIR = '/var/log/libvirt/qemu';

function definedOnlyXml(name: string, diskPath: string): string {
  return `<domain type='qemu'>
  <name>${name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;')}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='${diskPath.replace(/&/g, '&amp;').replace(/'/g, '&apos;')}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'><source network='default'/><model type='virtio'/></interface>
    <interface type='network'><source network='default'/><model type='e1000'/></interface>
    <serial type='file'>
      <source path='${LOG_DIR}/vd-clonebe-serial.txt'/>
      <log file='${LOG_DIR}/vd-clonebe-serial.log'/>
    </serial>
  </devices>
</domain>`;
}

describe.each(libvirtGenerations())(
  'a clone’s identity on $name (libvirt $libvirtVersion)',
  (gen) => {
    const lv = qemuWithTempPool(gen);
    const { jobs } = jobRunner();
    const rpc = () => lv.conn.rpc;
    const sourceName = `${PREFIX}ident`;
    let source: { uuid: string; macs: string[] };

    beforeAll(async () => {
      await removeSliceVms(rpc());
      const disk = await bootableVolume(rpc(), lv.pool.pool, `${PREFIX}ident.img`);
      const { uuid, dom } = await defineSource(rpc(), definedOnlyXml(sourceName, disk.path));
      source = { uuid, macs: macs(await inactiveRoot(rpc(), dom)) };
    });

    afterAll(async () => {
      await removeSliceVms(lv.conn.rpc).catch(() => {});
    });

    it('gives the clone its own UUID, new MACs and renamed serial files', async () => {
      const name = `${PREFIX}ident-clone ${ODD}`;
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        jobs,
        cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'linked' }]),
      );
      await started.result;
      const root = await inactiveRoot(rpc(), await lookupDomainByName(rpc(), name));
      expect(firstChild(root, 'uuid')?.textContent).toBe(started.uuid);
      const cloneMacs = macs(root);
      expect(cloneMacs).toHaveLength(2);
      expect(new Set(cloneMacs).size).toBe(2);
      for (const mac of cloneMacs) expect(source.macs).not.toContain(mac);
      const serial = devices(root, 'serial')[0];
      // The source's name is not in these files' names: virt-clone adds "-clone".
      expect(attribute(serial && firstChild(serial, 'source'), 'path')).toBe(
        `${LOG_DIR}/vd-clonebe-serial-clone.txt`,
      );
      expect(attribute(serial && firstChild(serial, 'log'), 'file')).toBe(
        `${LOG_DIR}/vd-clonebe-serial-clone.log`,
      );
    });

    it("applies the wizard's memory, vCPUs and first network", async () => {
      const name = `${PREFIX}ident-wizard`;
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        jobs,
        cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'linked' }], {
          overrides: { memoryMiB: 96, vcpus: 2, network: { kind: 'bridge', name: 'vdcl0' } },
        }),
      );
      await started.result;
      const root = await inactiveRoot(rpc(), await lookupDomainByName(rpc(), name));
      const memory = firstChild(root, 'memory');
      expect(Number(memory?.textContent) * (attribute(memory, 'unit') === 'KiB' ? 1 : 0)).toBe(
        96 * 1024,
      );
      expect(firstChild(root, 'vcpu')?.textContent).toBe('2');
      const [first, second] = devices(root, 'interface');
      expect(attribute(first, 'type')).toBe('bridge');
      expect(attribute(first && firstChild(first, 'source'), 'bridge')).toBe('vdcl0');
      expect(attribute(second, 'type')).toBe('network');
    });

    it('copies a UEFI guest’s NVRAM, and its TPM state or says the TPM is fresh', async () => {
      const uefiName = `${PREFIX}uefi`;
      const disk = await bootableVolume(rpc(), lv.pool.pool, `${PREFIX}uefi.img`);
      const uefi = await defineSource(
        rpc(),
        guestXml(uefiName, [{ path: disk.path, target: 'vda', format: 'raw' }], { uefiTpm: true }),
      );
      // The first start makes the NVRAM file (from the firmware's template) and the TPM state.
      await startDomain(rpc(), uefi.dom);
      await destroyDomain(rpc(), uefi.dom);
      const sourceRoot = await inactiveRoot(rpc(), uefi.dom);
      const sourceNvram =
        firstChild(firstChild(sourceRoot, 'os') ?? sourceRoot, 'nvram')?.textContent?.trim() ||
        `/var/lib/libvirt/qemu/nvram/${uefiName}_VARS.fd`;

      const name = `${PREFIX}uefi-clone ${ODD}`;
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        jobs,
        cloneOptions(uefi.uuid, name, [{ target: 'vda', mode: 'copy' }]),
      );
      const outcome = await started.result;
      const root = await inactiveRoot(rpc(), await lookupDomainByName(rpc(), name));
      const nvram = firstChild(firstChild(root, 'os') ?? root, 'nvram')?.textContent?.trim();
      expect(nvram).toBe(`/var/lib/libvirt/qemu/nvram/${name}_VARS.fd`);
      const sha = (path: string) =>
        createHash('sha256')
          .update(readFileSync(gen.localPath(path)))
          .digest('hex');
      expect(sha(nvram as string)).toBe(sha(sourceNvram));

      const tpmDir = gen.localPath(`/var/lib/libvirt/swtpm/${started.uuid}`);
      expect(outcome.tpm).toBe(existsSync(tpmDir) ? 'copied' : 'fresh');
      if (outcome.tpm === 'copied') {
        const state = (uuid: string) =>
          gen.localPath(`/var/lib/libvirt/swtpm/${uuid}/tpm2/tpm2-00.permall`);
        expect(readFileSync(state(started.uuid))).toEqual(readFileSync(state(uefi.uuid)));
      }
    });
  },
);
