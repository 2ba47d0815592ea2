/**
 * debootstrap run on the host through Host.exec (this machine, or over SSH), as root (directly, or
 * through `sudo -n`), with its progress read from its stdout and a Cancel that really stops it.
 *
 * One fixed shell script does the run; every path, the suite and the mirror reach it as "$1".."$6",
 * never inside its text. It prints its PID first, so that Cancel can signal it (`kill -TERM`),
 * and starts debootstrap in a session of its own (setsid) so that on TERM, HUP or a failure it
 * stops the whole process group (wget, dpkg, tar in the chroot), waits until it is gone, unmounts
 * what debootstrap mounted inside the tree (proc, sys, dev) and removes everything it made
 * (`rm --one-file-system`, which never crosses into a mount left behind). So the exec ends only
 * after the cleanup, and a cancelled or failed run leaves nothing behind.
 *
 * debootstrap itself breaks on a target path with spaces (its extraction loses files there), so it
 * works in a staging directory of a plain name (`.virtdeck-rootfs-<hex>`) beside the nearest
 * existing ancestor of the target, or in /var/tmp when that path is not plain either, and the
 * finished tree is moved to the target at the end.
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { Writable } from 'node:stream';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import {
  initialDebootstrapState,
  nextDebootstrapState,
  type DebootstrapState,
} from './debootstrapProgress';
import { hostTest } from './hostProbe';

const SCRIPT = `
top=$1 stage=$2 target=$3 suite=$4 mirror=$5 variant=$6
pid=
# Never remove what was there before: the run only starts where neither path exists (as root sees).
if [ -e "$top" ] || [ -e "$target" ]; then echo "$target already exists" >&2; exit 17; fi
gone() {
  for m in dev/pts dev/shm dev proc sys; do
    if mountpoint -q "$stage/$m" 2>/dev/null; then umount -l "$stage/$m" 2>/dev/null || :; fi
  done
  rm -rf --one-file-system -- "$stage" "$top"
}
stop() {
  trap '' TERM HUP INT
  if [ -n "$pid" ]; then
    kill -s TERM -- "-$pid" 2>/dev/null
    n=0
    while kill -s 0 -- "-$pid" 2>/dev/null; do
      n=$((n + 1))
      if [ "$n" -ge 50 ]; then kill -s KILL -- "-$pid" 2>/dev/null; fi
      sleep 0.2
    done
  fi
  gone
  exit 143
}
trap stop TERM HUP INT
echo "PID $$"
mkdir -p -- "$stage" || { gone; exit 1; }
if [ "$variant" = default ]; then set --; else set -- "--variant=$variant"; fi
setsid debootstrap "$@" "$suite" "$stage" "$mirror" &
pid=$!
wait "$pid"
code=$?
if [ "$code" -eq 0 ]; then
  mkdir -p -- "$(dirname -- "$target")" && mv -T -- "$stage" "$target" || code=1
fi
if [ "$code" -ne 0 ]; then gone; fi
exit "$code"
`;

/** A path debootstrap handles: no spaces, quotes or other characters its scripts split on. */
const PLAIN_PATH = /^[A-Za-z0-9_./+:@,-]+$/;

interface DebootstrapRequest {
  /** The root file system to make (absolute, not there yet). */
  target: string;
  /** The topmost directory the run creates: the target or its first missing ancestor. */
  top: string;
  /** The nearest ancestor of the target that exists (a directory). */
  existing: string;
  suite: string;
  mirror: string;
  variant: string;
  /** `[]` when the connecting user is root, else `['sudo', '-n']`. */
  asRoot: string[];
  signal: AbortSignal;
  onState(state: DebootstrapState): void;
}

/** Where debootstrap works before the tree is moved to the target. */
function stagingDir(existing: string): string {
  const name = `.virtdeck-rootfs-${randomBytes(6).toString('hex')}`;
  return PLAIN_PATH.test(existing) ? posix.join(existing, name) : posix.join('/var/tmp', name);
}

/** Runs debootstrap; rejects with a `cancelled` error (after the cleanup) or the run's error. */
export async function runDebootstrap(host: Host, request: DebootstrapRequest): Promise<void> {
  const { asRoot, signal } = request;
  const stage = stagingDir(request.existing);
  let state = initialDebootstrapState();
  let pid: string | undefined;
  let killing: Promise<unknown> | undefined;
  const kill = () => {
    if (pid === undefined || killing) return;
    killing = host.exec([...asRoot, 'kill', '-s', 'TERM', pid]).catch(() => undefined);
  };
  let pending = '';
  const lines = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        const started = /^PID (\d+)$/.exec(line.trim());
        if (started && pid === undefined) {
          pid = started[1];
          if (signal.aborted) kill();
          continue;
        }
        const next = nextDebootstrapState(state, line);
        if (next !== state) {
          state = next;
          request.onState(state);
        }
      }
      done();
    },
  });
  const onAbort = () => kill();
  signal.addEventListener('abort', onAbort, { once: true });
  let result;
  try {
    result = await host.exec(
      [
        ...asRoot,
        'sh',
        '-c',
        SCRIPT,
        'sh',
        request.top,
        stage,
        request.target,
        request.suite,
        request.mirror,
        request.variant,
      ],
      { stdout: lines },
    );
  } finally {
    signal.removeEventListener('abort', onAbort);
    await killing;
  }
  const left = await leftBehind(host, [stage, request.top]);
  if (signal.aborted) {
    throw new VirtdeckError('cancelled', msg('lxc.debootstrapCancelled'), {
      ...(left.length > 0 ? { detail: left.join('\n') } : {}),
    });
  }
  if (result.code !== 0 || !state.finished) {
    const said = [...state.problems, result.stderr.toString('utf8').trim()].filter(Boolean);
    if (left.length > 0) said.push(`Left on the host: ${left.join(', ')}`);
    throw new VirtdeckError(
      'libvirt',
      msg('lxc.debootstrapFailed', { code: result.code ?? 'signal' }),
      { detail: said.join('\n') },
    );
  }
}

/** Which of these paths are still on the host (a cleanup that could not remove them). */
export async function leftBehind(host: Host, paths: string[]): Promise<string[]> {
  const left: string[] = [];
  for (const path of paths) if (await hostTest(host, '-e', path)) left.push(path);
  return left;
}

/** The nearest existing ancestor of `path`, and the topmost directory a `mkdir -p` would make. */
export async function missingAncestors(
  host: Host,
  path: string,
): Promise<{ existing: string; top: string }> {
  let top = path;
  let existing = posix.dirname(path);
  while (existing !== '/' && !(await hostTest(host, '-e', existing))) {
    top = existing;
    existing = posix.dirname(existing);
  }
  return { existing, top };
}
