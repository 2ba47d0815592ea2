/**
 * The template mark on both libvirt generations over SSH, through the app's HostSession: marking
 * writes Virtdeck's template element in the persistent definition (read back from libvirt), the
 * list row says template at once (the metadata event re-reads it), Run is refused in the
 * backend's words and the VM stays shut off; unmarked, it runs again; a running VM cannot become
 * a template, and nothing is written then. A linked clone (the clone job) marks its source a
 * template, and the clone itself is a plain VM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmSummary } from '../../../src/shared/api/types';
import type { ApiEvents } from '../../../src/shared/api/contract';
import { TEMPLATE_REFUSAL } from '../../../src/shared/vmActions';
import {
  defineDomain,
  getDomainState,
  getDomainXml,
  lookupDomainByUuid,
} from '../../../src/main/libvirt/domain';
import { uuidFromString, uuidToString } from '../../../src/main/libvirt/refs';
import { virDomainXMLFlags } from '../../../src/main/libvirt/rpc/generated/libvirtEnums';
import { HostSession } from '../../../src/main/services/hostSession';
import { planClone } from '../../../src/main/services/vmClone/clonePlan';
import { startCloneVm } from '../../../src/main/services/vmClone/cloneVm';
import { setTemplate, TEMPLATE_NS } from '../../../src/main/services/vmClone/template';
import { childElements, parseXml } from '../../../src/main/xml/xmlDocument';
import {
  createQcow2,
  qemuWithTempPool,
  removeLeftovers,
  tcgDomainXml,
  uploadTinyIso,
} from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import { waitFor } from '../../support/waitFor';
import { cloneOptions, jobRunner } from './cloneFixtures';

/** A name with every kind of character a shell or XML could trip on. */
const NAME = `vd-templates-it's "odd" $(touch x); ü 名`;
const BASE = 'vd-templates-base';
const LINKED = `vd-templates-linked "ü"`;

describe.each(libvirtGenerations())('Template mark on $name (libvirt $libvirtVersion)', (gen) => {
  const lv = qemuWithTempPool(gen);
  const deltas: VmSummary[] = [];
  let session: HostSession;
  let uuid: string;
  let isoPath: string;

  const rpc = () => lv.conn.rpc;
  const row = () => session.vmList().find((vm) => vm.uuid === uuid);
  /** Virtdeck's template elements in the persistent definition libvirt returns. */
  const marksInDefinition = async (of = uuid) => {
    const dom = await lookupDomainByUuid(rpc(), uuidFromString(of));
    const xml = await getDomainXml(rpc(), dom, virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE);
    const root = parseXml(xml).documentElement;
    if (!root) throw new Error('no domain XML');
    const metadata = childElements(root).find((el) => el.localName === 'metadata');
    return metadata ? childElements(metadata).filter((el) => el.namespaceURI === TEMPLATE_NS) : [];
  };
  const rowOf = (name: string) => session.vmList().find((vm) => vm.name === name);
  const state = async () =>
    (await getDomainState(rpc(), await lookupDomainByUuid(rpc(), uuidFromString(uuid)))).state;

  beforeAll(async () => {
    await removeLeftovers(rpc(), [NAME, LINKED, BASE]);
    isoPath = (await uploadTinyIso(rpc(), lv.pool.pool, 'vd-templates-boot.iso')).path;
    uuid = uuidToString((await defineDomain(rpc(), tcgDomainXml(NAME, undefined, isoPath))).uuid);
    session = newSession();
    await session.connect();
  });
  const newSession = () =>
    new HostSession(
      { id: `vd-templates-${process.pid}`, uri: 'qemu:///system', autoconnect: false },
      {
        emit: (name, payload) => {
          if (name !== 'vms.delta') return;
          deltas.push(...(payload as ApiEvents['vms.delta']).upsert);
        },
        createHost: () => gen.makeHost(),
        onClosed: () => {},
        statsIntervalMs: () => 1000,
        statsActive: () => false,
        reconnect: { initialDelayMs: 200, maxDelayMs: 1000 },
      },
    );

  afterAll(async () => {
    await session?.disconnect();
    await removeLeftovers(lv.conn.rpc, [NAME, LINKED, BASE]).catch(() => {});
  });

  it('lists a VM without the mark as no template', async () => {
    // The first listing leaves the mark pending; the row comes again whole.
    await waitFor('the whole row', () => row() !== undefined && row()?.pending === undefined);
    expect(row()).toMatchObject({ name: NAME, state: 'shutoff', template: false });
  });

  it('marks the persistent definition, shows the row as a template and refuses Run', async () => {
    await setTemplate(rpc(), uuid, true);

    const marks = await marksInDefinition();
    expect(marks.map((el) => el.localName)).toEqual(['template']);
    // The row comes again by itself (the metadata event), without a lifecycle change.
    await waitFor('the template row', () => deltas.some((vm) => vm.uuid === uuid && vm.template));
    expect(row()).toMatchObject({ template: true, state: 'shutoff' });

    await expect(session.runAction(uuid, 'run')).rejects.toThrow(
      `Cannot run "${NAME}". ${TEMPLATE_REFUSAL}`,
    );
    // Right after connecting the row does not know the mark yet: Run reads the VM whole first.
    const fresh = newSession();
    try {
      await fresh.connect();
      expect(fresh.vmList().find((vm) => vm.uuid === uuid)?.pending).toBe('metadata');
      await expect(fresh.runAction(uuid, 'run')).rejects.toThrow(TEMPLATE_REFUSAL);
    } finally {
      await fresh.disconnect();
    }
    expect(await state()).toBe('shutoff');
  });

  it('converts it back to a VM, which then runs', async () => {
    await setTemplate(rpc(), uuid, false);

    expect(await marksInDefinition()).toEqual([]);
    await waitFor('the row without the mark', () => row()?.template === false);
    await session.runAction(uuid, 'run');
    expect(await state()).toBe('running');
  });

  it('refuses to make a running VM a template, and writes nothing', async () => {
    await waitFor('the row running', () => row()?.state === 'running');

    await expect(setTemplate(rpc(), uuid, true)).rejects.toThrow(
      `"${NAME}" cannot become a template: it is running: shut it down first`,
    );
    expect(await marksInDefinition()).toEqual([]);
    expect(row()?.template).toBe(false);
  });

  it('is set on the source of a linked clone, and not on the clone', async () => {
    const disk = await createQcow2(rpc(), lv.pool.pool, 'vd-templates-base.qcow2', 8);
    const base = uuidToString(
      (await defineDomain(rpc(), tcgDomainXml(BASE, disk.path, isoPath))).uuid,
    );
    const { jobs } = jobRunner();
    const started = await startCloneVm(
      lv.conn.host,
      lv.conn,
      jobs,
      cloneOptions(base, LINKED, [
        { target: 'vda', mode: 'linked' },
        { target: 'hdc', mode: 'share' },
      ]),
    );
    await started.result;

    expect((await marksInDefinition(base)).map((el) => el.localName)).toEqual(['template']);
    expect(await marksInDefinition(started.uuid)).toEqual([]);
    await waitFor('both rows', () => rowOf(BASE)?.template && rowOf(LINKED));
    expect(rowOf(BASE)?.template).toBe(true);
    expect(rowOf(LINKED)?.template).toBe(false);
    // The clone dialog's plan says so too.
    expect((await planClone(lv.conn.host, lv.conn, base)).template).toBe(true);
    expect((await planClone(lv.conn.host, lv.conn, started.uuid)).template).toBe(false);
  });
});
