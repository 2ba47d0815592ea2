import { VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';

// Words made only of these characters mean the same to sh quoted or not, so they stay readable in
// logs. Everything else is single-quoted: inside '...' sh interprets nothing at all.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Joins argv into one POSIX sh command line (as SSH exec sends it to the remote user's shell via
 * `sh -c`) so that every argument reaches the program byte for byte.
 */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteWord).join(' ');
}

function quoteWord(word: string): string {
  // A C program cannot receive a NUL inside an argument; quoting cannot fix that, and letting it
  // through would silently truncate the argument on the remote side.
  if (word.includes('\0')) {
    throw new VirtdeckError('invalid-input', msg('host.nulByte'));
  }
  if (SAFE_WORD.test(word)) return word;
  // A single quote cannot appear inside '...': close the quote, add an escaped quote, reopen.
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
