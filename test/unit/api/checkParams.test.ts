/**
 * The one check of a call's parameters (api/checkParams.ts against shared/api/methods/): typed
 * output for a good call, and for a bad one invalid-input with the old readers' messages and the
 * fields named by their path in the parameters.
 */
import { describe, expect, it } from 'vitest';
import { checkParams } from '../../../src/main/api/checkParams';
import { InvalidInputError } from '../../../src/shared/errors';

const vm = { connectionId: 'c1', uuid: 'u1' };

function refusal(method: Parameters<typeof checkParams>[0], params: unknown): InvalidInputError {
  try {
    checkParams(method, params);
  } catch (err) {
    if (err instanceof InvalidInputError) return err;
    throw err;
  }
  throw new Error(`${method} accepted ${JSON.stringify(params)}`);
}

describe('checkParams', () => {
  it('passes a good call through, with form fields normalised', () => {
    expect(checkParams('vms.edit', { ...vm, edit: { kind: 'bootMenu', enabled: true } })).toEqual({
      ...vm,
      edit: { kind: 'bootMenu', enabled: true },
    });
    const spec = {
      name: 'n',
      mode: 'nat',
      bridge: '',
      ipv4: { address: '10.1.1.1', prefix: '24' },
    };
    expect(checkParams('networks.create', { connectionId: 'c1', spec }).spec).toEqual({
      name: 'n',
      mode: 'nat',
      bridge: undefined,
      forwardDev: undefined,
      ipv4: { address: '10.1.1.1', prefix: 24, dhcpStart: undefined, dhcpEnd: undefined },
      ipv6: undefined,
    });
  });

  it('keeps the messages users saw and names each field by its path', () => {
    expect(refusal('vms.details', { connectionId: 'c1' })).toMatchObject({
      code: 'invalid-input',
      message: 'Missing or invalid "uuid"',
      fields: { uuid: 'Missing or invalid "uuid"' },
    });
    expect(refusal('vms.resizeDisk', { ...vm, key: 'disk:vda', capacityBytes: 0 }).message).toBe(
      `"capacityBytes" must be a number from 1 to ${Number.MAX_SAFE_INTEGER}`,
    );
    expect(refusal('settings.update', { language: 'xx' }).message).toBe('Unknown language "xx"');
    expect(refusal('prompts.answer', { id: 'p1', answer: { maybe: true } }).message).toBe(
      'Invalid answer',
    );
    expect(refusal('vms.setTags', { ...vm, tags: ['a', 3] }).fields).toEqual({
      'tags.1': 'Tags must be a list of words',
    });
    expect(
      refusal('vms.edit', {
        ...vm,
        edit: { kind: 'deviceSettings', key: 'sound:0', settings: { device: 'sound', model: 'x' } },
      }).fields,
    ).toEqual({ 'edit.settings.model': 'Unknown sound model "x"' });
  });

  it('accepts the models the XML builders know, pcspk and diag288 included', () => {
    const settings = (s: object) => ({
      ...vm,
      edit: { kind: 'deviceSettings', key: 'k', settings: s },
    });
    expect(() =>
      checkParams('vms.edit', settings({ device: 'sound', model: 'pcspk' })),
    ).not.toThrow();
    expect(() =>
      checkParams('vms.edit', settings({ device: 'watchdog', model: 'diag288', action: 'reset' })),
    ).not.toThrow();
  });

  it("checks each form field's shape and leaves what a value means to the service", () => {
    const form = { hypervisor: 'qemu-system', remote: true, autoconnect: false };
    // The service, not the schema, says what is wrong with a host typed wrong or left out.
    expect(() => checkParams('connections.check', { ...form, host: 'a b' })).not.toThrow();
    expect(refusal('connections.check', { ...form, hypervisor: 'vmware' }).fields).toEqual({
      hypervisor: 'Unknown hypervisor "vmware"',
    });
    expect(refusal('connections.add', { form: { ...form, port: 22 } }).fields).toEqual({
      'form.port': '"port" must be text',
    });
    const onPool = { connectionId: 'c1', pool: 'p' };
    expect(refusal('storage.volumes.create', { ...onPool, form: 'x' }).fields).toEqual({
      form: 'Missing volume form',
    });
    // An empty name and a size typed as no number (NaN, null in JSON) reach the service.
    expect(
      checkParams('storage.volumes.create', {
        ...onPool,
        form: { name: '', format: 'raw', capacity: null },
      }).form,
    ).toEqual({ name: '', format: 'raw', capacity: null });
    expect(
      refusal('storage.pools.create', {
        connectionId: 'c1',
        form: { name: 'p', type: 'dir', sourceDevices: ['/dev/sdb', 1] },
      }).fields,
    ).toEqual({ 'form.sourceDevices.1': '"sourceDevices" must be text' });
  });
});
