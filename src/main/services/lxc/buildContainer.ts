/**
 * A new OS container whose root file system is made on the host first, as one job: debootstrap's
 * phases as the job's steps (the bar moving inside each, debootstrapProgress.ts), then define and
 * (optionally) start. Every field is checked before the job starts, as for `createContainer`.
 * Cancel stops debootstrap on the host and removes the half-made tree; a failed define or start
 * undefines the container and removes the tree, so a job that did not finish leaves nothing.
 */
import { posix } from 'node:path';
import type { ContainerOptions } from '../../../shared/api/methods/lxc';
import { VirtdeckError } from '../../../shared/errors';
import { msg, type Message } from '../../../shared/messages/message';
import type { Host } from '../../hosts/host';
import type { LibvirtConnection } from '../../libvirt/connection';
import { defineAndStart } from '../defineAndStart';
import { jobCancelled, jobTitle, stepFailed, type Jobs, type StartedJob } from '../jobTypes';
import { checkContainer } from './containerChecks';
import { containerHostFacts } from './containerHostFacts';
import { containerXml } from './containerXml';
import { DEBOOTSTRAP_PHASES, debootstrapDone, type DebootstrapPhase } from './debootstrapProgress';
import { leftBehind, missingAncestors, runDebootstrap } from './debootstrapRun';

const PHASE_STEP: Record<DebootstrapPhase, Message> = {
  release: msg('lxc.stepRelease'),
  indexes: msg('lxc.stepIndexes'),
  resolve: msg('lxc.stepResolve'),
  download: msg('lxc.stepDownload'),
  extract: msg('lxc.stepExtract'),
  install: msg('lxc.stepInstall'),
  configure: msg('lxc.stepConfigure'),
};

/**
 * Gives the new tree to the ids the container's root is mapped to (an unprivileged container sees
 * the host's root-owned files as nobody's): each file's owner and group moved up by the mapping's
 * target, symlinks themselves (`chown -h`), and the setuid / setgid modes chown clears put back.
 * Refused when a file's id is past the mapped count, or when the shifted ids could meet unshifted
 * ones (a target below the count).
 */
const SHIFT_SCRIPT = `
t=$1 uo=$2 go=$3 nu=$4 ng=$5
if [ "$uo" -lt "$nu" ] || [ "$go" -lt "$ng" ]; then echo "the mapping's target is below its count" >&2; exit 3; fi
if [ -n "$(find "$t" -xdev \\( -uid +$((nu - 1)) -o -gid +$((ng - 1)) \\) -print -quit)" ]; then
  echo "$t has files whose ids are past the mapped range" >&2; exit 3
fi
special=$(find "$t" -xdev ! -type l -perm /6000 -printf '%m %p\n') || exit 1
find "$t" -xdev -printf '%U %G\n' | sort -u | while read -r u g; do
  find "$t" -xdev -uid "$u" -gid "$g" -exec chown -h "$((u + uo)):$((g + go))" {} + || exit 1
done || exit 1
printf '%s\n' "$special" | while read -r m p; do
  if [ -n "$p" ]; then chmod "$m" "$p" || exit 1; fi
done
`;

async function asRootPrefix(host: Host): Promise<string[]> {
  const id = await host.exec(['id', '-u']);
  return id.stdout.toString('utf8').trim() === '0' ? [] : ['sudo', '-n'];
}

export async function startBuildContainer(
  host: Host,
  conn: LibvirtConnection,
  jobs: Jobs,
  connectionId: string,
  options: ContainerOptions,
): Promise<StartedJob<{ uuid: string; name: string }>> {
  if (conn.uri.driver !== 'lxc') throw new VirtdeckError('invalid-input', msg('lxc.notLxc'));
  const build = options.build;
  if (!build || options.rootfs === undefined) {
    throw new VirtdeckError('invalid-input', msg('lxc.rootfsRequired'));
  }
  const facts = await containerHostFacts(host, conn.rpc);
  await checkContainer(host, conn.rpc, facts, options);
  const target = posix.normalize(options.rootfs);
  const { existing, top } = await missingAncestors(host, target);
  const asRoot = await asRootPrefix(host);
  const spec = { ...options, rootfs: target };
  const xml = containerXml(spec, facts.idmap);
  // The ids the tree is given, when the container is unprivileged (as containerXml maps them).
  const mapped = options.idmap
    ? (options.idmapRanges ??
      (facts.idmap && {
        uid: { start: 0, target: facts.idmap.uid.start, count: facts.idmap.uid.count },
        gid: { start: 0, target: facts.idmap.gid.start, count: facts.idmap.gid.count },
      }))
    : undefined;
  const total = DEBOOTSTRAP_PHASES.length + (options.start ? 2 : 1) + (mapped ? 1 : 0);

  return jobs.start(
    {
      ...jobTitle(msg('lxc.buildTitle', { name: options.name })),
      connectionId,
      unit: 'steps',
      total,
    },
    async (job) => {
      let stepsSaid = 0;
      let current: Message = PHASE_STEP.release;
      // One step per phase, in order (a phase debootstrap skips is passed through), so the job's
      // step count and the phase's index agree; the bar then moves inside the phase.
      const reach = (index: number) => {
        while (stepsSaid <= index) {
          current = PHASE_STEP[DEBOOTSTRAP_PHASES[stepsSaid]!];
          job.step(current);
          stepsSaid++;
        }
      };
      reach(0);
      try {
        await runDebootstrap(host, {
          target,
          top,
          existing,
          suite: build.suite.trim(),
          mirror: build.mirror.trim(),
          variant: build.variant,
          asRoot,
          signal: job.signal,
          onState(state) {
            if (state.phase) reach(DEBOOTSTRAP_PHASES.indexOf(state.phase));
            job.progress(debootstrapDone(state, build.variant), total);
          },
        });
      } catch (err) {
        if (job.signal.aborted) throw err;
        throw stepFailed(err, current, []);
      }
      reach(DEBOOTSTRAP_PHASES.length - 1);

      // From here the tree is made: a failure or Cancel removes it again (defineAndStart removes
      // a container that was defined but did not start).
      const undo = async (): Promise<string[]> => {
        await host
          .exec([...asRoot, 'rm', '-rf', '--one-file-system', '--', top])
          .catch(() => undefined);
        return leftBehind(host, [top]);
      };
      const step = async <T>(name: Message, run: () => Promise<T>): Promise<T> => {
        if (job.signal.aborted) throw jobCancelled(await undo());
        current = name;
        job.step(name);
        try {
          return await run();
        } catch (err) {
          throw stepFailed(err, current, await undo());
        }
      };
      if (mapped) {
        await step(msg('lxc.stepShiftIds'), async () => {
          const { uid, gid } = mapped;
          const argv = [
            String(uid.target),
            String(gid.target),
            String(uid.count),
            String(gid.count),
          ];
          const shifted = await host.exec([
            ...asRoot,
            'sh',
            '-c',
            SHIFT_SCRIPT,
            'sh',
            target,
            ...argv,
          ]);
          if (shifted.code !== 0) {
            throw new VirtdeckError('libvirt', msg('lxc.shiftFailed'), {
              detail: shifted.stderr.toString('utf8').trim(),
            });
          }
        });
      }
      return step(msg('lxc.stepDefine'), () =>
        defineAndStart(conn, xml, options.start === true, msg('lxc.startFailed'), () => {
          if (job.signal.aborted) throw jobCancelled([]);
          current = msg('lxc.stepStart');
          job.step(current);
        }),
      );
    },
  );
}
