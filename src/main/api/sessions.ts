/**
 * The saved connections and their live sessions, kept in step: adding saves and (maybe) connects,
 * removing disconnects and forgets. Also the app-wide stats switches every session follows.
 */
import type {
  ConnectionConfig,
  ConnectionForm,
  HostStatus,
  VmSummary,
} from '../../shared/api/types';
import { connectionUri, describeConnectionUri } from '../../shared/connectionForm';
import { InvalidInputError, VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';
import { parseLibvirtUri } from '../../shared/libvirtUri';
import type { Host } from '../hosts/host';
import { LocalHost } from '../hosts/localHost';
import { SshHost } from '../hosts/ssh/sshHost';
import { checkConnectionForm } from '../services/connectionChecks';
import { HostSession } from '../services/hostSession';
import type { ConnectionStore } from './connectionStore';
import type { EventHub } from './eventHub';
import type { PromptBroker } from './promptBroker';
import type { SettingsStore } from './settingsStore';

export interface SessionsDeps {
  connections: ConnectionStore;
  settings: SettingsStore;
  events: EventHub;
  prompts: PromptBroker;
  /** Virtdeck's own known_hosts, where accepted host keys are written. */
  appKnownHostsFile: string;
}

export class Sessions {
  private readonly sessions = new Map<string, HostSession>();
  private statsActive = true;

  constructor(private readonly deps: SessionsDeps) {}

  /** Creates a session per saved connection and connects those marked autoconnect. */
  start(): void {
    for (const config of this.deps.connections.list()) {
      const session = this.create(config);
      if (config.autoconnect) void session.connect();
    }
  }

  statuses(): HostStatus[] {
    return [...this.sessions.values()].map((s) => s.status);
  }

  vms(): VmSummary[] {
    return [...this.sessions.values()].flatMap((s) => s.vmList());
  }

  /** Every saved connection has its session from start() or add() until remove(). */
  /**
   * The other connected sessions to the host `id` is connected to, as libvirt names the host
   * (qemu:///system and qemu:///session of one machine, or one host saved twice). Used where a
   * file's other users matter: a VM on any of them may use a disk.
   */
  sameHost(id: string): HostSession[] {
    const hostname = this.get(id).status.hostname;
    if (!hostname) return [];
    return [...this.sessions.values()].filter(
      (s) => s.config.id !== id && s.status.phase === 'connected' && s.status.hostname === hostname,
    );
  }

  get(id: string): HostSession {
    const session = this.sessions.get(id);
    if (!session) throw new VirtdeckError('invalid-input', msg('api.noSavedConnection', { id }));
    return session;
  }

  async add(form: ConnectionForm, connect: boolean): Promise<ConnectionConfig> {
    const errors = await checkConnectionForm(form);
    if (Object.keys(errors).length > 0) throw InvalidInputError.ofFields(errors);
    const uri = connectionUri(form);
    if (this.deps.connections.findByUri(uri)) {
      throw InvalidInputError.ofFields({
        [form.customUri?.trim() ? 'customUri' : 'host']: msg('api.uriListed', { uri }),
      });
    }
    const label = form.label?.trim() || undefined;
    const config = await this.deps.connections.add({ uri, label, autoconnect: form.autoconnect });
    this.changed();
    const session = this.create(config);
    if (connect || config.autoconnect) void session.connect();
    return config;
  }

  async update(
    id: string,
    patch: { autoconnect?: boolean; label?: string },
  ): Promise<ConnectionConfig> {
    const config = await this.deps.connections.update(id, patch);
    this.changed();
    return config;
  }

  async remove(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    await session?.disconnect();
    await this.deps.connections.remove(id);
    this.changed();
  }

  setStatsActive(active: boolean): void {
    this.statsActive = active;
    this.updateStats();
  }

  updateStats(): void {
    for (const session of this.sessions.values()) session.updateStats();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.disconnect()));
  }

  private changed(): void {
    this.deps.events.emit('connections.changed', this.deps.connections.list());
  }

  private create(config: ConnectionConfig): HostSession {
    const session = new HostSession(config, {
      emit: (name, payload) => this.deps.events.emit(name, payload),
      createHost: (c) => this.createHost(c),
      onClosed: (id) => this.deps.prompts.withdraw(id),
      statsIntervalMs: () => this.deps.settings.get().statsIntervalMs,
      statsActive: () => this.statsActive,
    });
    this.sessions.set(config.id, session);
    return session;
  }

  private createHost(config: ConnectionConfig): Host {
    const uri = parseLibvirtUri(config.uri);
    if (uri.transport !== 'ssh' || !uri.host) return new LocalHost();
    const label = config.label ?? describeConnectionUri(config.uri).where;
    return new SshHost({
      host: uri.host,
      user: uri.user,
      port: uri.port,
      appKnownHostsFile: this.deps.appKnownHostsFile,
      prompter: this.deps.prompts.prompterFor(config.id, label),
    });
  }
}
