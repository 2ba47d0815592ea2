/**
 * The data that crosses the API between the backend (src/main/api) and the renderer. Plain JSON
 * values only: both shells carry them unchanged (Electron IPC, the browser shell's WebSocket).
 */
import type { ErrorCode } from '../errors';

/** A saved connection: what ~/.config/virtdeck/connections.json holds. Never any secret. */
export interface ConnectionConfig {
  id: string;
  /** The full libvirt URI, e.g. qemu+ssh://root@kvm1:2222/system or test:///default. */
  uri: string;
  /** What the user calls it; derived from the URI when absent. */
  label?: string;
  autoconnect: boolean;
}

export type HostPhase = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** The live state of one saved connection. */
export interface HostStatus {
  connectionId: string;
  phase: HostPhase;
  /** Why it is disconnected, in words a user can act on. */
  reason?: string;
  errorCode?: ErrorCode;
  /** Epoch ms of the next automatic reconnect, while one is scheduled. */
  retryAt?: number;
  hostname?: string;
  hypervisor?: string;
  libvirtVersion?: string;
}

/** libvirt's virDomainState, in its order (the index is the number libvirt sends). */
export const VM_STATES = [
  'nostate',
  'running',
  'blocked',
  'paused',
  'shutdown',
  'shutoff',
  'crashed',
  'pmsuspended',
] as const;
export type VmState = (typeof VM_STATES)[number];

/** One VM as the list shows it. Keyed by (connectionId, uuid). */
export interface VmSummary {
  connectionId: string;
  uuid: string;
  name: string;
  state: VmState;
  vcpus: number;
  /** Current memory, KiB. */
  memoryKiB: number;
  maxMemoryKiB: number;
  autostart: boolean;
  persistent: boolean;
  /** A managed save image exists: starting the VM restores it. */
  hasManagedSave: boolean;
  /** Virtdeck's tags from the domain's <metadata> (persistent config); absent when none read. */
  tags?: string[];
}

/**
 * The VM list changes on one connection. `reset` replaces every VM of the connection (first
 * listing, reconnect); otherwise `upsert` adds or replaces and `remove` drops by UUID.
 */
export interface VmDelta {
  connectionId: string;
  reset?: boolean;
  upsert: VmSummary[];
  remove: string[];
}

/** Disk and network I/O of a VM, bytes per second summed over its disks and NICs. */
export interface IoRates {
  diskReadBps?: number;
  diskWriteBps?: number;
  netRxBps?: number;
  netTxBps?: number;
}

/** One bulk stats poll of one connection. */
export interface StatsBatch {
  connectionId: string;
  /** Epoch ms of the poll. */
  time: number;
  samples: ({ uuid: string; cpuPercent?: number; memoryKiB?: number } & IoRates)[];
}

export type LifecycleAction =
  'run' | 'pause' | 'resume' | 'shutdown' | 'reboot' | 'reset' | 'forceOff' | 'save' | 'restore';

/** Something the backend needs the user to answer before it can go on (a dialog). */
export type Prompt = { id: string; connectionId: string; hostLabel: string } & (
  | { kind: 'password'; user: string; attempt: number }
  | { kind: 'passphrase'; keyPath: string; attempt: number }
  | {
      kind: 'keyboard-interactive';
      user: string;
      name: string;
      instructions: string;
      fields: { prompt: string; echo: boolean }[];
    }
  | { kind: 'host-key'; host: string; port: number; keyType: string; fingerprint: string }
);

/** The answer to a Prompt: typed values (password, passphrase, 2FA), a yes / no, or cancel. */
export type { PromptAnswer } from './methods/core';

export interface JobProgress {
  jobId: string;
  title: string;
  /** The connection the job works on, so that pages can show their own jobs. */
  connectionId?: string;
  phase: 'running' | 'done' | 'failed' | 'cancelled';
  /** What the job counts: bytes (uploads, downloads) or steps (a create with rollback). */
  unit: 'bytes' | 'steps';
  /** Units done and total; total absent when unknown. */
  done: number;
  total?: number;
  /** The step running now (or the one that failed), in the user's words. */
  step?: string;
  /** Milliseconds since the job started, on the backend's clock: speed and time left. */
  elapsedMs: number;
  cancellable: boolean;
  error?: ApiErrorData;
}

export type Language = 'en' | 'ar';

export interface Settings {
  language: Language;
  /** How often the VM list's stats are polled, per host. */
  statsIntervalMs: number;
}

export type ConsoleKind = 'vnc' | 'spice' | 'serial';

/** A console a VM offers: its graphics display, or one of its serial / console devices. */
export interface ConsoleTarget {
  /** Stable within the VM: 'graphics:0', 'serial:0', 'console:1', ... */
  id: string;
  kind: ConsoleKind;
  /** What the user sees in the console picker, e.g. "VNC", "Serial 1", "Console 1 (virtio)". */
  label: string;
  /** False when the app cannot open it (e.g. a display listening where the host cannot reach). */
  supported: boolean;
  /** Why not, in words, when unsupported. */
  why?: string;
  /** Graphics on TCP: where the display listens, as the host sees it (for remote-viewer files). */
  display?: { host: string; port: number };
}

/**
 * A one-time ticket to a console session on the console gateway (loopback WebSocket). The URL
 * carries the token; it works once, and expires unused after 30 s.
 */
export interface ConsoleTicket {
  url: string;
  kind: ConsoleKind;
  /** The VNC / SPICE password from the domain XML, so the user never types it. Not logged. */
  password?: string;
}

/** A connection the app proposes on first run (no saved connections yet). */
export interface ConnectionSuggestion {
  uri: string;
  /** 'local' for this machine's libvirt, 'demo' for libvirt's test driver. */
  kind: 'local' | 'demo';
  /** Why this one, in English (logs, tests); the renderer words it from `kind` and `uri`. */
  note: string;
}

export type Hypervisor = 'qemu-system' | 'qemu-session' | 'xen' | 'lxc' | 'test';

/** The Add connection form, as virt-manager's. `customUri`, when not empty, wins. */
export interface ConnectionForm {
  hypervisor: Hypervisor;
  /** Over SSH; otherwise this machine. */
  remote: boolean;
  user?: string;
  /** Host name, address, or a Host alias from ~/.ssh/config. */
  host?: string;
  /** Kept as typed so that the form can say what is wrong with it. */
  port?: string;
  customUri?: string;
  autoconnect: boolean;
  label?: string;
}

/** Form field -> what is wrong with it. Empty when the form is fine. */
export type FieldErrors = Partial<Record<'host' | 'port' | 'user' | 'customUri', string>>;

/** An error as the renderer receives it: a code to act on and a message to show, no stack. */
export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  /** Form field (as the form names it, e.g. "ipv4.dhcpStart") -> what is wrong with it. */
  fields?: Record<string, string>;
  /**
   * libvirt's own error, when libvirt refused: its virErrorNumber and virErrorDomain, for views
   * and translations that say more than libvirt's message.
   */
  libvirt?: { code: number; domain: number };
}

/** Everything the renderer needs to draw the app at start; events keep it current. */
export interface SessionSnapshot {
  connections: ConnectionConfig[];
  hosts: HostStatus[];
  vms: VmSummary[];
  prompts: Prompt[];
  settings: Settings;
}
