/**
 * The check of what handlers return and events carry (api/checkResult.ts against the schemas of
 * shared/api/methods/ and contract.ts), which backends built with `checkResults` make: the shape
 * the contract says passes, another shape is refused naming the method and the path at fault.
 */
import { describe, expect, it } from 'vitest';
import {
  checkEventPayload,
  checkResult,
  ContractBreachError,
} from '../../../src/main/api/checkResult';
import type { PoolSummary } from '../../../src/shared/api/methods/storage';
import type { VmDetails } from '../../../src/shared/api/vmDetailsTypes';

const pool: PoolSummary = {
  name: 'vd-results pool',
  uuid: '5f2b1c9e-0000-4000-8000-000000000001',
  type: 'dir',
  state: 'running',
  active: true,
  persistent: true,
  autostart: false,
  capacity: 10,
  allocation: 4,
  available: 6,
  path: '/var/lib/libvirt/images',
};

function breach(run: () => void): string {
  try {
    run();
  } catch (err) {
    if (err instanceof ContractBreachError) return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe('checkResult', () => {
  it('passes a result of the shape its method declares', () => {
    expect(() => checkResult('storage.pools.list', [pool])).not.toThrow();
    // An optional field left out is the declared shape too.
    const { path: _path, ...withoutPath } = pool;
    expect(() => checkResult('storage.pools.create', withoutPath)).not.toThrow();
    expect(() => checkResult('storage.pools.start', undefined)).not.toThrow();
  });

  it('refuses a wrong shape, naming the method and the path at fault', () => {
    expect(
      breach(() => checkResult('storage.pools.list', [pool, { ...pool, capacity: '10' }])),
    ).toMatch(/^The result of storage\.pools\.list does not match its schema at 1\.capacity: /);
    expect(breach(() => checkResult('storage.pools.create', { ...pool, state: 'on' }))).toMatch(
      /storage\.pools\.create .* at state: /,
    );
    const { uuid: _uuid, ...withoutUuid } = pool;
    expect(breach(() => checkResult('storage.pools.create', withoutUuid))).toMatch(/ at uuid: /);
    // A method that returns nothing returned something.
    expect(breach(() => checkResult('storage.pools.start', pool))).toMatch(
      /storage\.pools\.start .* at \(the whole value\)/,
    );
  });

  it('checks a device of the VM details by its kind', () => {
    const device = {
      key: 'disk:vda',
      element: 'disk',
      label: 'vda',
      inConfig: true,
      inLive: false,
      xml: '<disk/>',
      kind: 'disk',
      readonly: false,
      shareable: false,
    } as const;
    const details: VmDetails = {
      uuid: 'u',
      name: 'vd-results "vm" $(x);',
      title: '',
      description: '',
      state: 'shutoff',
      running: false,
      persistent: true,
      autostart: false,
      hypervisor: 'qemu',
      firmware: 'bios',
      memory: { sharedMemory: false },
      cpu: { maximum: 1, current: 1 },
      boot: { devices: ['hd'], menu: false },
      tags: [],
      devices: [device],
      inactiveXml: '<domain/>',
      host: { memoryKiB: 1, maxVcpus: 1 },
    };
    expect(() => checkResult('vms.details', details)).not.toThrow();
    // A disk's reading lacks what every disk has; an RNG's kind does not ask for it.
    const { readonly: _readonly, ...diskWithoutReadonly } = device;
    expect(
      breach(() => checkResult('vms.details', { ...details, devices: [diskWithoutReadonly] })),
    ).toMatch(/ at devices\.0\.readonly: /);
    const rng = { ...diskWithoutReadonly, key: 'rng:0', kind: 'rng', model: 'virtio' };
    expect(() => checkResult('vms.details', { ...details, devices: [rng] })).not.toThrow();
    expect(
      breach(() => checkResult('vms.details', { ...details, devices: [{ ...rng, kind: 'x' }] })),
    ).toMatch(/ at devices\.0\.kind: /);
  });
});

describe('checkEventPayload', () => {
  it('passes a payload of its event shape and refuses another', () => {
    const delta = { connectionId: 'c', upsert: [], remove: ['u'] };
    expect(() => checkEventPayload('vms.delta', delta)).not.toThrow();
    expect(breach(() => checkEventPayload('vms.delta', { ...delta, remove: 'u' }))).toMatch(
      /^The payload of event vms\.delta does not match its schema at remove: /,
    );
    expect(
      breach(() =>
        checkEventPayload('hosts.status', { connectionId: 'c', phase: 'up', errorCode: 'x' }),
      ),
    ).toMatch(/ at phase: /);
  });
});
