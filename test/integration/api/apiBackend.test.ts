/**
 * The backend API as a shell sees it (createApiBackend's call / subscribe), against the real
 * libvirtd: a test-driver connection listed and driven through the lifecycle with events, and an
 * SSH connection to the private sshd whose host-key and password questions arrive as prompts.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ApiEvents,
  EventName,
  MethodName,
  MethodParams,
  MethodResult,
} from '../../../src/shared/api/contract';
import type { HostStatus, Prompt, VmSummary } from '../../../src/shared/api/types';
import type { ApiBackend } from '../../../src/main/api/apiBackend';
import { createApiBackend } from '../../../src/main/api/createApiBackend';
import { loadTestHost } from '../../support/testHost';
import { waitFor } from '../../support/waitFor';

class Client {
  readonly received: { name: string; payload: unknown }[] = [];
  readonly hosts = new Map<string, HostStatus>();
  readonly vms = new Map<string, VmSummary>();

  constructor(readonly backend: ApiBackend) {
    backend.subscribe((name, payload) => {
      this.received.push({ name, payload });
      if (name === 'hosts.status') {
        const s = payload as HostStatus;
        this.hosts.set(s.connectionId, s);
      }
      if (name === 'vms.delta') {
        const d = payload as ApiEvents['vms.delta'];
        if (d.reset)
          for (const [k, v] of this.vms) if (v.connectionId === d.connectionId) this.vms.delete(k);
        for (const vm of d.upsert) this.vms.set(`${vm.connectionId}/${vm.uuid}`, vm);
        for (const uuid of d.remove) this.vms.delete(`${d.connectionId}/${uuid}`);
      }
    });
  }

  async call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const reply = await this.backend.call(method, params);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as MethodResult<M>;
  }

  events<E extends EventName>(name: E): ApiEvents[E][] {
    return this.received.filter((e) => e.name === name).map((e) => e.payload as ApiEvents[E]);
  }

  vmNamed(name: string): VmSummary | undefined {
    return [...this.vms.values()].find((vm) => vm.name === name);
  }
}

describe('API backend', () => {
  let dir: string;
  let backend: ApiBackend;
  let client: Client;

  const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'virtdeck-api-'));
    // A user with no ~/.ssh and no agent: every question has to come through the prompts.
    process.env.HOME = dir;
    delete process.env.SSH_AUTH_SOCK;
    backend = await createApiBackend({ configDir: dir, consoleOrigins: () => [] });
    client = new Client(backend);
  });

  afterEach(async () => {
    await backend.close();
    process.env.HOME = saved.HOME;
    if (saved.SSH_AUTH_SOCK !== undefined) process.env.SSH_AUTH_SOCK = saved.SSH_AUTH_SOCK;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the test driver, follows its events, and runs lifecycle actions', async () => {
    const config = await client.call('connections.add', {
      form: { hypervisor: 'test', remote: false, autoconnect: true },
      connect: true,
    });
    expect(config.uri).toBe('test:///default');
    await waitFor('connected', () => client.hosts.get(config.id)?.phase === 'connected');
    const vm = await waitFor('the test VM, whole', () => {
      const row = client.vmNamed('test');
      return row?.pending ? undefined : row;
    });
    expect(vm).toMatchObject({ state: 'running', vcpus: 2, persistent: true, tags: [] });
    // The list came first from bulk calls (this driver's bulk stats have no sizes), whole after.
    const deltas = client.events('vms.delta').filter((d) => d.connectionId === config.id);
    expect(deltas[0]).toMatchObject({ reset: true, upsert: [{ name: 'test', pending: 'sizes' }] });
    expect(deltas[1]?.upsert).toEqual([vm]);

    await client.call('vms.action', { connectionId: config.id, uuid: vm.uuid, action: 'pause' });
    await waitFor('paused', () => client.vmNamed('test')?.state === 'paused');
    await client.call('vms.action', { connectionId: config.id, uuid: vm.uuid, action: 'resume' });
    await waitFor('running', () => client.vmNamed('test')?.state === 'running');
    await client.call('vms.action', { connectionId: config.id, uuid: vm.uuid, action: 'forceOff' });
    await waitFor('shut off', () => client.vmNamed('test')?.state === 'shutoff');

    // An action that does not apply is refused in words, and nothing changes.
    await expect(
      client.call('vms.action', { connectionId: config.id, uuid: vm.uuid, action: 'pause' }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('shut off'),
    });

    await client.call('vms.setAutostart', {
      connectionId: config.id,
      uuid: vm.uuid,
      autostart: true,
    });
    await waitFor('autostart on', () => client.vmNamed('test')?.autostart === true);

    const snapshot = await client.call('session.snapshot', undefined);
    expect(snapshot.connections).toEqual([config]);
    expect(snapshot.vms.find((v) => v.name === 'test')).toMatchObject({
      state: 'shutoff',
      autostart: true,
    });
  });

  it('checks every call against its method schema first, naming the fields at fault', async () => {
    const config = await client.call('connections.add', {
      form: { hypervisor: 'test', remote: false, autoconnect: true },
      connect: true,
    });
    await waitFor('connected', () => client.hosts.get(config.id)?.phase === 'connected');
    const vm = await waitFor('the test VM', () => client.vmNamed('test'));
    const on = { connectionId: config.id, uuid: vm.uuid };
    const before = await client.call('vms.details', on);
    // The page is typed, but a call is data from a page: send what its types would refuse.
    const raw = (method: string, params: unknown) => backend.call(method, params);

    expect(await raw('vms.edit', { ...on, edit: { kind: 'memory', maximumKiB: 'lots' } })).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringContaining('maximumKiB'),
        fields: { 'edit.maximumKiB': expect.stringContaining('must be a number') },
      },
    });
    // An unknown edit keeps the message users saw, and names the field.
    expect(await raw('vms.edit', { ...on, edit: { kind: 'bogus' } })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'Unknown edit "bogus"',
        fields: { 'edit.kind': 'Unknown edit "bogus"' },
      },
    });
    expect(
      await raw('vms.edit', { ...on, edit: { kind: 'addDevice', device: { kind: 'modem' } } }),
    ).toMatchObject({
      ok: false,
      error: {
        message: 'Unknown device kind "modem"',
        fields: { 'edit.device.kind': expect.any(String) },
      },
    });
    expect(await raw('vms.action', { ...on, action: 'explode' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: 'Unknown action "explode"',
        fields: { action: expect.any(String) },
      },
    });
    // A nested list item is named by its path in the parameters.
    const spec = {
      name: 'virtdeck-schema-test',
      mode: 'nat',
      ipv4: { address: '10.77.1.1', prefix: 24, hosts: [{ ip: '10.77.1.5', mac: 5 }] },
    };
    expect(await raw('networks.create', { connectionId: config.id, spec })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { 'spec.ipv4.hosts.0.mac': expect.any(String) } },
    });
    expect(await raw('vms.setTags', { ...on, tags: 'web' })).toMatchObject({
      ok: false,
      error: { message: 'Tags must be a list of words', fields: { tags: expect.any(String) } },
    });
    // Nothing reached libvirt: the VM's memory is as it was and no network was defined.
    expect((await client.call('vms.details', on)).inactiveXml).toBe(before.inactiveXml);
    const networks = await client.call('networks.list', { connectionId: config.id });
    expect(networks.map((n) => n.name)).not.toContain('virtdeck-schema-test');
  });

  it("says not-found for libvirt's missing objects and keeps libvirt's code and domain", async () => {
    const config = await client.call('connections.add', {
      form: { hypervisor: 'test', remote: false, autoconnect: true },
      connect: true,
    });
    await waitFor('connected', () => client.hosts.get(config.id)?.phase === 'connected');
    const connectionId = config.id;
    const missingVm = await backend.call('vms.details', {
      connectionId,
      uuid: '0badc0de-0000-4000-8000-000000000001',
    });
    // The services say it in their own words and keep libvirt's error: VIR_ERR_NO_DOMAIN,
    // VIR_ERR_NO_NETWORK, VIR_ERR_NO_STORAGE_POOL.
    expect(missingVm).toMatchObject({
      ok: false,
      error: {
        code: 'not-found',
        message: 'This VM no longer exists on the host',
        libvirt: { code: 42, domain: expect.any(Number) },
      },
    });
    expect(await backend.call('networks.xml', { connectionId, name: 'no-such-net' })).toMatchObject(
      {
        ok: false,
        error: {
          code: 'not-found',
          message: expect.stringContaining('no network named'),
          libvirt: { code: 43, domain: expect.any(Number) },
        },
      },
    );
    expect(
      await backend.call('storage.volumes.list', { connectionId, pool: 'no-such-pool' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', libvirt: { code: 49, domain: expect.any(Number) } },
    });
  });

  it('saves connections without secrets and reports form errors per field', async () => {
    await expect(
      client.call('connections.add', {
        form: {
          hypervisor: 'qemu-system',
          remote: true,
          host: 'no such host',
          port: '70000',
          autoconnect: false,
        },
        connect: false,
      }),
    ).rejects.toMatchObject({
      code: 'invalid-input',
      fields: { host: expect.any(String), port: expect.any(String) },
    });
    const unknownAlias = await client.call('connections.check', {
      hypervisor: 'qemu-system',
      remote: true,
      host: 'virtdeck-no-such-alias',
      autoconnect: false,
    });
    expect(unknownAlias.host).toMatch(/not a Host alias in ~\/\.ssh\/config/);
    // A password typed into a URI is refused, not saved as typed.
    const withPassword = client.call('connections.add', {
      form: {
        hypervisor: 'qemu-system',
        remote: false,
        customUri: 'qemu+ssh://root:secret@kvm1.example/system',
        autoconnect: false,
      },
      connect: false,
    });
    await expect(withPassword).rejects.toMatchObject({
      code: 'invalid-input',
      fields: { customUri: expect.stringMatching(/password/) },
    });
    expect(await withPassword.catch((err: Error) => err.message)).not.toMatch(/secret/);
    expect((await client.call('session.snapshot', undefined)).connections).toEqual([]);
    expect(existsSync(join(dir, 'connections.json'))).toBe(false);
  });

  it('asks for the unknown host key and the password as prompts over SSH', async () => {
    const env = loadTestHost();
    const config = await client.call('connections.add', {
      form: {
        hypervisor: 'qemu-system',
        remote: true,
        host: env.sshHost,
        port: String(env.sshPort),
        user: env.user,
        autoconnect: false,
      },
      connect: true,
    });
    const answered = new Set<string>();
    const answerPrompts = async (): Promise<boolean> => {
      for (const prompt of client.events('prompts.opened')) {
        if (answered.has(prompt.id)) continue;
        answered.add(prompt.id);
        await client.call('prompts.answer', {
          id: prompt.id,
          answer:
            prompt.kind === 'host-key'
              ? { accept: true }
              : prompt.kind === 'password'
                ? { values: [env.password] }
                : { cancelled: true },
        });
      }
      return client.hosts.get(config.id)?.phase === 'connected';
    };
    await waitFor('connected over SSH', answerPrompts, 60_000);
    const kinds = client.events('prompts.opened').map((p: Prompt) => p.kind);
    expect(kinds).toContain('host-key');
    expect(kinds).toContain('password');
    const hostKey = client.events('prompts.opened').find((p) => p.kind === 'host-key');
    expect(hostKey).toMatchObject({
      host: env.sshHost,
      port: env.sshPort,
      fingerprint: expect.stringMatching(/^SHA256:/),
    });
    expect(client.events('prompts.closed').length).toBe(answered.size);
    await client.call('connections.disconnect', { id: config.id });
    expect(client.hosts.get(config.id)?.phase).toBe('closed');
  });
});

describe('API backend config directory', () => {
  it('makes an existing config folder and its files private (0700 / 0600) at start', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'virtdeck-perms-'));
    const dir = join(parent, 'virtdeck');
    // As an older version, a sync tool or a umask of 022 may have left them.
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const files = {
      'connections.json': '{"version":1,"connections":[]}\n',
      'settings.json': '{}\n',
      known_hosts: '',
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text, { mode: 0o644 });
      chmodSync(join(dir, name), 0o644);
    }
    const backend = await createApiBackend({ configDir: dir, consoleOrigins: () => [] });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const name of Object.keys(files)) {
        expect({ name, mode: statSync(join(dir, name)).mode & 0o777 }).toEqual({
          name,
          mode: 0o600,
        });
      }
    } finally {
      await backend.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
