/**
 * A file the user names on the host (an appliance, an .ovf descriptor, a native config), read
 * through the host's file access: checked to be there and a file before any byte is read, each
 * refusal in the caller's words on the caller's form field.
 */
import type { Readable } from 'node:stream';
import { invalidInput } from '../../shared/inputChecks';
import type { Message } from '../../shared/messages/message';
import type { HostFileEntry, HostFiles } from '../hosts/host';

/** What the caller says when the path is refused, and on which field. */
export interface HostFileWords {
  field: string;
  /** `why`: the file access's own words (not ours to translate). */
  unreadable(why: string): Message;
  notAFile: Message;
}

/** The entry at `path`, which must be a file (or a symlink to one). */
export async function hostFileEntry(
  files: HostFiles,
  path: string,
  words: HostFileWords,
): Promise<HostFileEntry> {
  const entry = await files.stat(path).catch((err: unknown) => {
    const why = err instanceof Error ? err.message : String(err);
    throw invalidInput(words.unreadable(why), words.field);
  });
  if (entry.type !== 'file' && entry.type !== 'symlink') {
    throw invalidInput(words.notAFile, words.field);
  }
  return entry;
}

/** The stream's bytes, or undefined (the stream closed) when there are more than `max`. */
export async function readAtMost(stream: Readable, max: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > max) {
      stream.destroy();
      return undefined;
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
