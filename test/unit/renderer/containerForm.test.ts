import { describe, expect, it } from 'vitest';
import {
  INITIAL_FORM,
  withHostDefaults,
} from '../../../src/renderer/views/new-container/containerForm';
import type { ContainerHostFacts } from '../../../src/shared/api/methods/lxc';

const facts = (networks: string[]): ContainerHostFacts => ({
  memoryMiB: 4096,
  cpus: 2,
  networks,
  bridges: ['br0'],
  lxcCreate: false,
  debootstrap: false,
  root: true,
  mac: '52:54:00:aa:bb:cc',
});

describe('the New container form with the host facts', () => {
  it('takes the NAT network "default" and a fresh MAC when the host has them', () => {
    expect(withHostDefaults(INITIAL_FORM, facts(['isolated', 'default']))).toMatchObject({
      netKind: 'network',
      netName: 'default',
      mac: '52:54:00:aa:bb:cc',
    });
  });

  it('keeps "No network" chosen before the facts arrived, and when they are read again', () => {
    const chosen = { ...INITIAL_FORM, netKind: 'none' as const, netChosen: true };
    expect(withHostDefaults(chosen, facts(['default']))).toMatchObject({
      netKind: 'none',
      netName: '',
    });
  });

  it('stays without a NIC on a host with no network', () => {
    expect(withHostDefaults(INITIAL_FORM, facts([]))).toMatchObject({ netKind: 'none' });
  });
});
