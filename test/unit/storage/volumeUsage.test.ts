import { describe, expect, it } from 'vitest';
import { VolumeUsage, diskSources } from '../../../src/main/services/storage/volumeUsage';

const DOMAIN = `<domain type='kvm'>
  <name>web</name>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/web.qcow2'/>
      <backingStore type='file'>
        <format type='qcow2'/>
        <source file='/var/lib/libvirt/images/base.qcow2'/>
        <backingStore type='file'>
          <source file='/var/lib/libvirt/images/base-of-base.raw'/>
          <backingStore/>
        </backingStore>
      </backingStore>
      <target dev='vda'/>
    </disk>
    <disk type='volume' device='disk'>
      <source pool='fast' volume='data'/>
      <target dev='vdb'/>
    </disk>
    <disk type='block' device='disk'>
      <source dev='/dev/vg0/lv1'/>
      <target dev='vdc'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='hdc'/>
    </disk>
    <interface type='network'><source network='default'/></interface>
  </devices>
</domain>`;

describe('volume usage', () => {
  it('reads every disk source, backing chains included, and no other <source>', () => {
    expect(diskSources(DOMAIN)).toEqual([
      { path: '/var/lib/libvirt/images/web.qcow2', pool: undefined, volume: undefined },
      { path: '/var/lib/libvirt/images/base.qcow2', pool: undefined, volume: undefined },
      { path: '/var/lib/libvirt/images/base-of-base.raw', pool: undefined, volume: undefined },
      { path: undefined, pool: 'fast', volume: 'data' },
      { path: '/dev/vg0/lv1', pool: undefined, volume: undefined },
    ]);
  });

  it('finds the users of a volume by path (spelt any way) or by pool and name', () => {
    const usage = new VolumeUsage();
    for (const source of diskSources(DOMAIN)) usage.add('web', source);
    usage.add('db', { path: '/var/lib/libvirt//images/./base.qcow2' });
    expect(
      usage.usersOf({
        pool: 'default',
        name: 'base.qcow2',
        path: '/var/lib/libvirt/images/base.qcow2',
      }),
    ).toEqual(['db', 'web']);
    expect(usage.usersOf({ pool: 'fast', name: 'data', path: '/srv/fast/data' })).toEqual(['web']);
    expect(
      usage.usersOf({
        pool: 'default',
        name: 'other.qcow2',
        path: '/var/lib/libvirt/images/other.qcow2',
      }),
    ).toEqual([]);
  });
});
