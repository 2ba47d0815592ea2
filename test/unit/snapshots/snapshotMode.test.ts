import { describe, expect, it } from 'vitest';
import {
  decideSnapshotMode,
  externalSnapshotGuests,
  readVmSnapshotFacts,
  type HostSnapshotSupport,
} from '../../../src/main/services/snapshots/snapshotMode';
import {
  buildSnapshotXml,
  readSnapshotXml,
} from '../../../src/main/services/snapshots/snapshotXml';

const disk = (type: string, format: string, source: string, target: string, extra = '') =>
  `<disk type='${type}' device='disk'${extra}><driver name='qemu' type='${format}'/>` +
  `${source}<target dev='${target}' bus='virtio'/></disk>`;
const CDROM = `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>
  <source file='/isos/boot.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>`;

function domain(disks: string, os = `<os><type arch='x86_64' machine='pc'>hvm</type></os>`) {
  return `<domain type='kvm'><name>vm</name>${os}<devices>${disks}${CDROM}</devices></domain>`;
}

const qcow2 = disk('file', 'qcow2', `<source file='/images/vm.qcow2'/>`, 'vda');
const raw = disk('file', 'raw', `<source file='/images/vm.img'/>`, 'vdb');
const lvm = disk('block', 'raw', `<source dev='/dev/vg/lv'/>`, 'vdc');
const UEFI = `<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>`;

const OLD: HostSnapshotSupport = { libvirtVersion: 9_000_000, externalSnapshotGuests: new Set() };
const NEW: HostSnapshotSupport = {
  libvirtVersion: 11_003_000,
  externalSnapshotGuests: new Set(['hvm/x86_64']),
};
const decide = (
  xml: string,
  host: HostSnapshotSupport,
  existing: ('internal' | 'external')[] = [],
) => decideSnapshotMode(readVmSnapshotFacts(xml), host, existing);

describe('the snapshot mode of a VM', () => {
  it('leaves CD-ROMs and read-only disks out of the snapshot', () => {
    const facts = readVmSnapshotFacts(domain(qcow2));
    expect(facts.disks.map((d) => [d.target, d.included])).toEqual([
      ['vda', true],
      ['hdc', false],
    ]);
  });

  it('is external where the host can revert and delete external snapshots and every disk is a file', () => {
    expect(decide(domain(qcow2 + raw), NEW)).toEqual({ mode: 'external' });
    expect(decide(domain(qcow2, UEFI), NEW)).toEqual({ mode: 'external' });
  });

  it('is internal on an older libvirt when every disk is qcow2', () => {
    expect(decide(domain(qcow2), OLD)).toEqual({ mode: 'internal' });
  });

  it('refuses a raw disk where only internal is possible, naming the disk', () => {
    expect(decide(domain(qcow2 + raw), OLD)).toEqual({ blocker: 'raw-disk', blockerDisk: 'vdb' });
  });

  it('uses internal for a disk that is not a file, and says so when that is raw too', () => {
    const lvmQcow2 = disk('block', 'qcow2', `<source dev='/dev/vg/lv'/>`, 'vdc');
    expect(decide(domain(qcow2 + lvmQcow2), NEW)).toEqual({ mode: 'internal' });
    expect(decide(domain(qcow2 + lvm), NEW)).toEqual({
      blocker: 'disk-not-file',
      blockerDisk: 'vdc',
    });
  });

  it('needs libvirt 10.10 for internal snapshots of a UEFI guest', () => {
    expect(decide(domain(qcow2, UEFI), OLD)).toEqual({ blocker: 'uefi-old-libvirt' });
    const v10_10: HostSnapshotSupport = { ...OLD, libvirtVersion: 10_010_000 };
    expect(decide(domain(qcow2, UEFI), v10_10)).toEqual({ mode: 'internal' });
    const pflash = `<os><type arch='x86_64'>hvm</type><loader readonly='yes' type='pflash'>/c.fd</loader></os>`;
    expect(decide(domain(qcow2, pflash), OLD)).toEqual({ blocker: 'uefi-old-libvirt' });
  });

  it('never mixes modes: the snapshots a VM has decide', () => {
    expect(decide(domain(qcow2), NEW, ['internal'])).toEqual({ mode: 'internal' });
    expect(decide(domain(qcow2 + raw), NEW, ['internal'])).toEqual({ blocker: 'mixed-modes' });
    expect(decide(domain(qcow2), OLD, ['external'])).toEqual({ blocker: 'libvirt-too-old' });
    expect(decide(domain(qcow2), NEW, ['internal', 'external'])).toEqual({
      blocker: 'mixed-modes',
    });
  });

  it("follows a disk's own snapshot='internal' preference, and leaves snapshot='no' disks out", () => {
    const pref = disk(
      'file',
      'qcow2',
      `<source file='/images/p.qcow2'/>`,
      'vdd',
      ` snapshot='internal'`,
    );
    expect(decide(domain(pref), NEW)).toEqual({ mode: 'internal' });
    const no = disk('file', 'raw', `<source file='/images/n.img'/>`, 'vde', ` snapshot='no'`);
    expect(decide(domain(qcow2 + no), OLD)).toEqual({ mode: 'internal' });
  });

  it("reads the host's external snapshot support from its guest capabilities", () => {
    const caps = `<capabilities><host/>
      <guest><os_type>hvm</os_type><arch name='x86_64'/><features><externalSnapshot/></features></guest>
      <guest><os_type>hvm</os_type><arch name='i686'/><features><disksnapshot default='on'/></features></guest>
    </capabilities>`;
    expect([...externalSnapshotGuests(caps)]).toEqual(['hvm/x86_64']);
  });
});

describe('snapshot XML', () => {
  it("reads libvirt's <domainsnapshot>", () => {
    const xml = `<domainsnapshot>
      <name>after "update" $(x); ü</name><description>before the upgrade</description>
      <state>running</state><parent><name>base</name></parent>
      <creationTime>1764680000</creationTime><memory snapshot='external' file='/i/vm.mem'/>
      <disks><disk name='vda' snapshot='external' type='file'><source file='/i/vm.s'/></disk>
      <disk name='hdc' snapshot='no'/></disks><domain type='kvm'><name>vm</name></domain>
    </domainsnapshot>`;
    expect(readSnapshotXml(xml)).toEqual({
      name: 'after "update" $(x); ü',
      parent: 'base',
      createdAt: 1764680000,
      description: 'before the upgrade',
      state: 'running',
      location: 'external',
      memory: true,
    });
    const internal = readSnapshotXml(
      `<domainsnapshot><name>a</name><state>shutoff</state><creationTime>1</creationTime>
       <memory snapshot='no'/><disks><disk name='vda' snapshot='internal'/></disks></domainsnapshot>`,
    );
    expect(internal).toMatchObject({ location: 'internal', memory: false, parent: undefined });
  });

  it('builds the XML to create, escaping the name', () => {
    const xml = buildSnapshotXml({
      name: `it's <new> & "odd"`,
      memory: 'external',
      memoryFile: '/i/vm.x.mem',
      disks: [
        { target: 'vda', snapshot: 'external', overlay: '/i/vm.x.qcow2' },
        { target: 'hdc', snapshot: 'no' },
      ],
    });
    expect(xml).toContain('<name>it\'s &lt;new&gt; &amp; "odd"</name>');
    expect(xml).toContain(`<memory snapshot="external" file="/i/vm.x.mem"/>`);
    expect(xml).toContain(`<disk name="vda" snapshot="external">`);
    expect(xml).toContain(`<source file="/i/vm.x.qcow2"/>`);
    expect(xml).toContain(`<disk name="hdc" snapshot="no"/>`);
    expect(xml).not.toContain('<description');
    expect(readSnapshotXml(xml).name).toBe(`it's <new> & "odd"`);
  });
});
