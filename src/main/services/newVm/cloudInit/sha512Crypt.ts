/**
 * SHA-512 crypt ("$6$salt$hash", Ulrich Drepper's SHA-crypt as glibc, `openssl passwd -6` and
 * `mkpasswd -m sha-512` make it): the password hash cloud-init writes into /etc/shadow. Node's
 * crypto has SHA-512 but not this scheme, hence this implementation of the published algorithm.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;
const MAX_SALT = 16;

function sha512(...parts: Buffer[]): Buffer {
  const hash = createHash('sha512');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** `length` bytes of `digest` repeated (the algorithm's P and S sequences). */
function repeated(digest: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += digest.length) digest.copy(out, i, 0, Math.min(64, length - i));
  return out;
}

/** The algorithm's base64 of three bytes into four characters (least significant first). */
function encode24(b2: number, b1: number, b0: number, chars: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += ALPHABET[w & 0x3f];
    w >>>= 6;
  }
  return out;
}

/** The byte order the final digest is encoded in, three bytes at a time. */
const ORDER = [
  [0, 21, 42],
  [22, 43, 1],
  [44, 2, 23],
  [3, 24, 45],
  [25, 46, 4],
  [47, 5, 26],
  [6, 27, 48],
  [28, 49, 7],
  [50, 8, 29],
  [9, 30, 51],
  [31, 52, 10],
  [53, 11, 32],
  [12, 33, 54],
  [34, 55, 13],
  [56, 14, 35],
  [15, 36, 57],
  [37, 58, 16],
  [59, 17, 38],
  [18, 39, 60],
  [40, 61, 19],
  [62, 20, 41],
] as const;

/**
 * The SHA-512 crypt of `password` with `salt` (at most 16 characters are used, as glibc does) and
 * `rounds` (5000, the default, is left out of the result as glibc does).
 */
export function sha512Crypt(password: string, salt: string, rounds = DEFAULT_ROUNDS): string {
  const key = Buffer.from(password, 'utf8');
  const saltBytes = Buffer.from(salt, 'utf8').subarray(0, MAX_SALT);
  const r = Math.min(999_999_999, Math.max(1000, rounds));

  const b = sha512(key, saltBytes, key);
  const a = createHash('sha512').update(key).update(saltBytes).update(repeated(b, key.length));
  for (let n = key.length; n > 0; n >>= 1) a.update(n & 1 ? b : key);
  const aDigest = a.digest();

  const dp = createHash('sha512');
  for (let i = 0; i < key.length; i++) dp.update(key);
  const p = repeated(dp.digest(), key.length);

  const ds = createHash('sha512');
  for (let i = 0; i < 16 + (aDigest[0] ?? 0); i++) ds.update(saltBytes);
  const s = repeated(ds.digest(), saltBytes.length);

  let c = aDigest;
  for (let i = 0; i < r; i++) {
    const h = createHash('sha512');
    h.update(i & 1 ? p : c);
    if (i % 3) h.update(s);
    if (i % 7) h.update(p);
    h.update(i & 1 ? c : p);
    c = h.digest();
  }

  let encoded = '';
  for (const [x, y, z] of ORDER) encoded += encode24(c[x] ?? 0, c[y] ?? 0, c[z] ?? 0, 4);
  encoded += encode24(0, 0, c[63] ?? 0, 2);
  const roundsPart = rounds === DEFAULT_ROUNDS ? '' : `rounds=${r}$`;
  return `$6$${roundsPart}${saltBytes.toString('utf8')}$${encoded}`;
}

/** A fresh random salt of 16 characters from crypt's alphabet. */
export function randomSalt(): string {
  return [...randomBytes(MAX_SALT)].map((byte) => ALPHABET[byte & 0x3f]).join('');
}

/** The password hashed for /etc/shadow with a fresh salt. */
export function hashPassword(password: string): string {
  return sha512Crypt(password, randomSalt());
}
