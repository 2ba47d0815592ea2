import { englishText, type Message } from './messages/message';

/**
 * Error codes that cross the API boundary. The renderer shows `message` to the user and may act on
 * `code` (e.g. offer "fix known_hosts" for host-key-changed); it never sees a stack trace.
 */
export type ErrorCode =
  /** The host transport dropped; pending calls fail with this and the host reconnects. */
  | 'disconnected'
  /** Could not reach the host at all (DNS, refused, timeout). */
  | 'unreachable'
  | 'auth-failed'
  /** The user cancelled a prompt (password, passphrase, host key). */
  | 'cancelled'
  | 'host-key-unknown-rejected'
  | 'host-key-changed'
  /** The host offered a key of a type not known for it, while a key of another type is known. */
  | 'host-key-other-type'
  | 'host-key-revoked'
  /** libvirt's daemon cannot be reached on the host (helper missing, socket not accessible). */
  | 'libvirt-unreachable'
  /** An error returned by libvirt itself; see LibvirtError for its code, domain and message. */
  | 'libvirt'
  /** The host's libvirt does not implement a procedure the app called. */
  | 'not-supported'
  | 'invalid-input'
  /** The object named is not there (any more): a VM, a volume, a job that has ended. */
  | 'not-found'
  /** Refused because something else uses it, e.g. a volume attached to a VM (named in message). */
  | 'in-use'
  | 'timeout'
  /** A program the app runs on the host (virt-sysprep...) failed; the message has its own words. */
  | 'host-tool'
  | 'protocol';

export class VirtdeckError extends Error {
  /** The message as a key and parameters, for the renderer to show in the user's language. */
  readonly text?: Message;
  /** Words from elsewhere kept beside the message: libvirt's own, a host tool's stderr. */
  readonly detail?: string;

  /**
   * `message` is a Message (msg('area.name', params)) for anything a user reads; a plain string
   * only for words that are not ours to translate (a host tool's output) or not for users.
   */
  constructor(
    readonly code: ErrorCode,
    message: string | Message,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(typeof message === 'string' ? message : englishText(message), options);
    this.name = 'VirtdeckError';
    if (typeof message !== 'string') this.text = message;
    if (options?.detail !== undefined) this.detail = options.detail;
  }
}

/**
 * The one invalid-input error: what the user gave is wrong, said in `message`, with the fields at
 * fault (field path -> what is wrong with it) so that a form can show each beside its field.
 * Nothing has changed when it is thrown: every check runs before the first change.
 */
export class InvalidInputError extends VirtdeckError {
  /** Field path -> what is wrong with it, in English. */
  readonly fields: Record<string, string>;
  /** The same, as messages (for the fields given as one). */
  readonly fieldTexts: Record<string, Message>;

  constructor(
    message: string | Message,
    fields: Record<string, string | Message> = {},
    options?: { cause?: unknown; detail?: string },
  ) {
    super('invalid-input', message, options);
    this.name = 'InvalidInputError';
    this.fields = {};
    this.fieldTexts = {};
    for (const [field, said] of Object.entries(fields)) {
      this.fields[field] = typeof said === 'string' ? said : englishText(said);
      if (typeof said !== 'string') this.fieldTexts[field] = said;
    }
  }

  /** One message per field, the error's message all of them (a form's several faults). */
  static ofFields(fields: Partial<Record<string, string | Message>>): InvalidInputError {
    const named = Object.fromEntries(
      Object.entries(fields).filter(
        (entry): entry is [string, string | Message] => entry[1] !== undefined,
      ),
    );
    const english = Object.values(named).map((said) =>
      typeof said === 'string' ? said : englishText(said),
    );
    return new InvalidInputError(english.join('; '), named);
  }
}
