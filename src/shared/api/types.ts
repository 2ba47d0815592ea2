/**
 * The data that crosses the API between the backend (src/main/api) and the renderer. Plain JSON
 * values only: both shells carry them unchanged (Electron IPC, the browser shell's WebSocket).
 * Each is a valibot schema with its type inferred from it: the methods' result maps
 * (./methods/) and the events (./contract.ts) name these, and the backend checks what it returns
 * against them when asked to (createApiBackend's `checkResults`).
 */
import * as v from 'valibot';
import type { ErrorCode } from '../errors';
import { oneOf, record } from './schema';
import { message } from '../messages/message';

/** A saved connection: what ~/.config/virtdeck/connections.json holds. Never any secret. */
export const connectionConfig = v.object({
  id: v.string(),
  /** The full libvirt URI, e.g. qemu+ssh://root@kvm1:2222/system or test:///default. */
  uri: v.string(),
  /** What the user calls it; derived from the URI when absent. */
  label: v.optional(v.string()),
  autoconnect: v.boolean(),
});
export type ConnectionConfig = v.InferOutput<typeof connectionConfig>;

// Every ErrorCode (shared/errors.ts keeps their meanings), checked both ways below.
const ERROR_CODES = [
  'disconnected',
  'unreachable',
  'auth-failed',
  'cancelled',
  'host-key-unknown-rejected',
  'host-key-changed',
  'host-key-other-type',
  'host-key-revoked',
  'libvirt-unreachable',
  'libvirt',
  'not-supported',
  'invalid-input',
  'not-found',
  'in-use',
  'timeout',
  'host-tool',
  'protocol',
] as const satisfies readonly ErrorCode[];
const everyErrorCode: Exclude<ErrorCode, (typeof ERROR_CODES)[number]> extends never ? true : 0 =
  true;
void everyErrorCode;
const errorCode = v.picklist(ERROR_CODES);

const HOST_PHASES = ['connecting', 'connected', 'disconnected', 'closed'] as const;

/** The live state of one saved connection. */
export const hostStatus = v.object({
  connectionId: v.string(),
  phase: v.picklist(HOST_PHASES),
  /** Why it is disconnected, in words a user can act on. */
  reason: v.optional(v.string()),
  /** `reason` as a key and parameters, shown in the user's language (when the error had one). */
  reasonText: v.optional(message),
  errorCode: v.optional(errorCode),
  /** Epoch ms of the next automatic reconnect, while one is scheduled. */
  retryAt: v.optional(v.number()),
  hostname: v.optional(v.string()),
  hypervisor: v.optional(v.string()),
  libvirtVersion: v.optional(v.string()),
  /**
   * What the connection's configuration asked for that Virtdeck does not do (a `Match exec` block
   * of ~/.ssh/config, skipped), as of the last connect attempt: shown with the connection.
   */
  warnings: v.optional(v.array(message)),
});
export type HostStatus = v.InferOutput<typeof hostStatus>;

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
export const vmState = v.picklist(VM_STATES);

/** One VM as the list shows it. Keyed by (connectionId, uuid). */
export const vmSummary = v.object({
  connectionId: v.string(),
  uuid: v.string(),
  name: v.string(),
  state: vmState,
  vcpus: v.number(),
  /** Current memory, KiB. */
  memoryKiB: v.number(),
  maxMemoryKiB: v.number(),
  autostart: v.boolean(),
  persistent: v.boolean(),
  /** A managed save image exists: starting the VM restores it. */
  hasManagedSave: v.boolean(),
  /** Virtdeck's tags from the domain's <metadata> (persistent config); absent when none read. */
  tags: v.optional(v.array(v.string())),
  /** Marked as a template in Virtdeck's metadata: cloned from, never run. */
  template: v.optional(v.boolean()),
  /**
   * A container of libvirt's LXC driver (an lxc:// connection), which has no managed save and no
   * reset: Save, Restore and Reset are not offered (shared/vmActions.ts).
   */
  lxc: v.optional(v.boolean()),
  /**
   * What a host's first listing has not read yet: it reads every VM's state in one bulk call and
   * the per-VM rest after, and a later vms.delta brings the whole row. 'metadata': tags and the
   * template mark; 'sizes': those, and vcpus and memory too (a driver whose bulk stats lack them).
   */
  pending: v.optional(v.picklist(['metadata', 'sizes'])),
});
export type VmSummary = v.InferOutput<typeof vmSummary>;

/**
 * The VM list changes on one connection. `reset` replaces every VM of the connection (first
 * listing, reconnect); otherwise `upsert` adds or replaces and `remove` drops by UUID.
 */
export const vmDelta = v.object({
  connectionId: v.string(),
  reset: v.optional(v.boolean()),
  upsert: v.array(vmSummary),
  remove: v.array(v.string()),
});
export type VmDelta = v.InferOutput<typeof vmDelta>;

/** Disk and network I/O of a VM, bytes per second summed over its disks and NICs. */
const ioRates = v.object({
  diskReadBps: v.optional(v.number()),
  diskWriteBps: v.optional(v.number()),
  netRxBps: v.optional(v.number()),
  netTxBps: v.optional(v.number()),
});
export type IoRates = v.InferOutput<typeof ioRates>;

/** One bulk stats poll of one connection. */
export const statsBatch = v.object({
  connectionId: v.string(),
  /** Epoch ms of the poll. */
  time: v.number(),
  samples: v.array(
    v.object({
      uuid: v.string(),
      cpuPercent: v.optional(v.number()),
      memoryKiB: v.optional(v.number()),
      ...ioRates.entries,
    }),
  ),
});
export type StatsBatch = v.InferOutput<typeof statsBatch>;

export type LifecycleAction =
  'run' | 'pause' | 'resume' | 'shutdown' | 'reboot' | 'reset' | 'forceOff' | 'save' | 'restore';

const promptOf = <K extends string, E extends v.ObjectEntries>(kind: K, entries: E) =>
  v.object({
    id: v.string(),
    connectionId: v.string(),
    hostLabel: v.string(),
    kind: v.literal(kind),
    ...entries,
  });

/**
 * Whether a secret typed into a prompt can be remembered: 'offered' (the Electron shell, with the
 * system's keychain), 'browser-mode' (the browser shell never stores one), 'unavailable' (Electron
 * without a usable keychain, e.g. no Secret Service on Linux).
 */
export const rememberMode = v.picklist(['offered', 'browser-mode', 'unavailable']);
export type RememberMode = v.InferOutput<typeof rememberMode>;

/** Something the backend needs the user to answer before it can go on (a dialog). */
export const prompt = v.variant('kind', [
  promptOf('password', { user: v.string(), attempt: v.number(), remember: rememberMode }),
  promptOf('passphrase', { keyPath: v.string(), attempt: v.number(), remember: rememberMode }),
  promptOf('keyboard-interactive', {
    user: v.string(),
    name: v.string(),
    instructions: v.string(),
    fields: v.array(v.object({ prompt: v.string(), echo: v.boolean() })),
  }),
  promptOf('host-key', {
    host: v.string(),
    port: v.number(),
    keyType: v.string(),
    fingerprint: v.string(),
  }),
]);
export type Prompt = v.InferOutput<typeof prompt>;

/**
 * The answer to a Prompt: cancelled, the values typed (password, passphrase, 2FA), or the host
 * key accepted or refused. A parameter (`prompts.answer`), described here beside its Prompt.
 */
export const promptAnswer = v.union(
  [
    v.object({ cancelled: v.literal(true) }),
    // `remember`: keep this password / passphrase for the next connect (when it is 'offered').
    v.object({ values: v.array(v.string()), remember: v.optional(v.boolean()) }),
    v.object({ accept: v.boolean() }),
  ],
  'Invalid answer',
);
export type PromptAnswer = v.InferOutput<typeof promptAnswer>;

/** An error as the renderer receives it: a code to act on and a message to show, no stack. */
export const apiErrorData = v.object({
  code: errorCode,
  message: v.string(),
  /** Form field (as the form names it, e.g. "ipv4.dhcpStart") -> what is wrong with it. */
  fields: v.optional(v.record(v.string(), v.string())),
  /**
   * libvirt's own error, when libvirt refused: its virErrorNumber and virErrorDomain, for views
   * and translations that say more than libvirt's message.
   */
  libvirt: v.optional(v.object({ code: v.number(), domain: v.number() })),
  /** `message` as a key and parameters: the renderer shows it in the user's language. */
  text: v.optional(message),
  /** `fields` as messages, for the fields the backend said as one. */
  fieldTexts: v.optional(v.record(v.string(), message)),
  /** Words kept beside the message, untranslated: libvirt's own, a host tool's stderr. */
  detail: v.optional(v.string()),
});
export type ApiErrorData = v.InferOutput<typeof apiErrorData>;

export const jobProgress = v.object({
  jobId: v.string(),
  title: v.string(),
  /** The connection the job works on, so that pages can show their own jobs. */
  connectionId: v.optional(v.string()),
  phase: v.picklist(['running', 'done', 'failed', 'cancelled']),
  /** What the job counts: bytes (uploads, downloads) or steps (a create with rollback). */
  unit: v.picklist(['bytes', 'steps']),
  /** Units done and total; total absent when unknown. */
  done: v.number(),
  total: v.optional(v.number()),
  /** The step running now (or the one that failed), in English. */
  step: v.optional(v.string()),
  /** The same step as a key and parameters (shown in the user's language). */
  stepText: v.optional(message),
  /** `title` as a key and parameters, when the job was given one. */
  titleText: v.optional(message),
  /** A steps job's running step's own progress in bytes (a download, an upload, a conversion). */
  stepProgress: v.optional(v.object({ done: v.number(), total: v.optional(v.number()) })),
  /** Milliseconds since the job started, on the backend's clock: speed and time left. */
  elapsedMs: v.number(),
  cancellable: v.boolean(),
  error: v.optional(apiErrorData),
  /** A migration's own figures, from libvirt's job stats (bytes and bytes per second). */
  migration: v.optional(
    v.object({
      processedBytes: v.number(),
      remainingBytes: v.number(),
      totalBytes: v.number(),
      bytesPerSecond: v.optional(v.number()),
      /** Guest memory dirtied per second (live migration): above the speed, it never converges. */
      dirtyBytesPerSecond: v.optional(v.number()),
      /** Memory passes so far (live migration). */
      iteration: v.optional(v.number()),
    }),
  ),
});
export type JobProgress = v.InferOutput<typeof jobProgress>;

export const LANGUAGES = ['en', 'ar', 'ru', 'de', 'et', 'hr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const settings = v.object({
  language: v.picklist(LANGUAGES),
  /** How often the VM list's stats are polled, per host. */
  statsIntervalMs: v.number(),
  /** Light or dark, or as the system says (the default). */
  theme: v.picklist(THEMES),
  /**
   * False until a language was saved: the renderer then takes the system's language, once
   * (i18n/systemLanguage.ts). Never sent in settings.update: saving a language sets it.
   */
  languageChosen: v.optional(v.boolean()),
});
export type Settings = v.InferOutput<typeof settings>;

const consoleKind = v.picklist(['vnc', 'spice', 'serial']);
export type ConsoleKind = v.InferOutput<typeof consoleKind>;

/** A console a VM offers: its graphics display, or one of its serial / console devices. */
export const consoleTarget = v.object({
  /** Stable within the VM: 'graphics:0', 'serial:0', 'console:1', ... */
  id: v.string(),
  kind: consoleKind,
  /** What the user sees in the console picker, e.g. "VNC", "Serial 1", "Console 1 (virtio)". */
  label: v.string(),
  /** False when the app cannot open it (e.g. a display listening where the host cannot reach). */
  supported: v.boolean(),
  /** Why not, in words, when unsupported. */
  why: v.optional(v.string()),
  /** Graphics on TCP: where the display listens, as the host sees it (for remote-viewer files). */
  display: v.optional(v.object({ host: v.string(), port: v.number() })),
});
export type ConsoleTarget = v.InferOutput<typeof consoleTarget>;

/**
 * A one-time ticket to a console session on the console gateway (loopback WebSocket). The URL
 * carries the token; it works once, and expires unused after 30 s.
 */
export const consoleTicket = v.object({
  url: v.string(),
  kind: consoleKind,
  /** The VNC / SPICE password from the domain XML, so the user never types it. Not logged. */
  password: v.optional(v.string()),
});
export type ConsoleTicket = v.InferOutput<typeof consoleTicket>;

/** A connection the app proposes on first run (no saved connections yet). */
export const connectionSuggestion = v.object({
  uri: v.string(),
  /** 'local' for this machine's libvirt, 'demo' for libvirt's test driver. */
  kind: v.picklist(['local', 'demo']),
  /** Why this one, in English (logs, tests); the renderer words it from `kind` and `uri`. */
  note: v.string(),
});
export type ConnectionSuggestion = v.InferOutput<typeof connectionSuggestion>;

export const HYPERVISORS = ['qemu-system', 'qemu-session', 'xen', 'lxc', 'test'] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

const formString = (name: string) => v.optional(v.string(`"${name}" must be text`));

/**
 * The Add connection form, as virt-manager's. `customUri`, when not empty, wins. A parameter
 * (`connections.check`, `connections.add`): the schema checks each field's shape; what the values
 * mean (a host name, a port, a URI) is checked by shared/connectionForm.ts, naming the field.
 */
export const connectionForm = record(
  {
    hypervisor: oneOf(HYPERVISORS, 'hypervisor'),
    /** Over SSH; otherwise this machine. */
    remote: v.boolean('"remote" must be true or false'),
    user: formString('user'),
    /** Host name, address, or a Host alias from ~/.ssh/config. */
    host: formString('host'),
    /** Kept as typed so that the form can say what is wrong with it. */
    port: formString('port'),
    customUri: formString('customUri'),
    autoconnect: v.boolean('"autoconnect" must be true or false'),
    label: formString('label'),
  },
  'connection form',
);
export type ConnectionForm = v.InferOutput<typeof connectionForm>;

/** Form field -> what is wrong with it. Empty when the form is fine. */
export const fieldErrors = v.partial(
  v.object({ host: v.string(), port: v.string(), user: v.string(), customUri: v.string() }),
);
export type FieldErrors = v.InferOutput<typeof fieldErrors>;

/** Everything the renderer needs to draw the app at start; events keep it current. */
export const sessionSnapshot = v.object({
  connections: v.array(connectionConfig),
  hosts: v.array(hostStatus),
  vms: v.array(vmSummary),
  prompts: v.array(prompt),
  settings,
});
export type SessionSnapshot = v.InferOutput<typeof sessionSnapshot>;
