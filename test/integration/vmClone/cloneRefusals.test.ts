/**
 * A clone that cannot or must not be made leaves nothing, on both libvirt generations over SSH:
 * a used name, a used volume name, a pool without room for the copy, a running source without
 * consent (and linked at all) are refused before anything is made, each naming its form field;
 * a clone that fails part way (its start) and one cancelled during the copy remove every volume
 * and the definition they made. A running source with consent is paused for the copy and runs
 * again after.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import {
  destroyDomain,
  getDomainState,
  lookupDomainByUuid,
  startDomain,
} from '../../../src/main/libvirt/domain';
import { uuidFromString } from '../../../src/main/libvirt/refs';
import { createVolume, getVolumePath } from '../../../src/main/libvirt/storageVolume';
import { getPoolInfo } from '../../../src/main/libvirt/storagePool';
import { startCloneVm } from '../../../src/main/services/vmClone/cloneVm';
import type { JobProgress } from '../../../src/shared/api/types';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import { qemuWithTempPool, xmlEscape } from '../../support/libvirtFixtures';
import { libvirtGenerations } from '../../support/transports';
import {
  ODD,
  PREFIX,
  bootableVolume,
  cloneOptions,
  defineSource,
  jobRunner,
  removeSliceVms,
  sliceDomainNames,
  sourceXml,
  volumeNames,
} from './cloneFixtures';

const GiB = 1024 ** 3;

describe.each(libvirtGenerations())(
  'clones refused or undone on $name (libvirt $libvirtVersion)',
  (gen) => {
    const lv = qemuWithTempPool(gen);
    const { jobs } = jobRunner();
    const rpc = () => lv.conn.rpc;
    const sourceName = `${PREFIX}refuse ${ODD}`;
    let source: { uuid: string };
    let sourceDisk: string;

    /** What exists of this slice now: its domains and the pool's volumes. */
    const world = async () => ({
      domains: await sliceDomainNames(rpc()),
      volumes: await volumeNames(rpc(), lv.pool.pool),
    });

    const refusal = async (run: () => Promise<unknown>): Promise<InvalidInputError> => {
      const err = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InvalidInputError);
      return err as InvalidInputError;
    };

    beforeAll(async () => {
      await removeSliceVms(rpc());
      const disk = await bootableVolume(rpc(), lv.pool.pool, `${PREFIX}refuse.img`);
      sourceDisk = disk.path;
      source = await defineSource(rpc(), sourceXml(sourceName, disk.path));
    });

    afterAll(async () => {
      await removeSliceVms(lv.conn.rpc).catch(() => {});
    });

    it('refuses a used name and a used volume name, naming both fields, and makes nothing', async () => {
      const before = await world();
      const err = await refusal(() =>
        startCloneVm(
          lv.conn.host,
          lv.conn,
          jobs,
          cloneOptions(source.uuid, sourceName, [
            { target: 'vda', mode: 'copy', volume: `${PREFIX}refuse.img` },
          ]),
        ),
      );
      expect(err.fields.name).toBe(`A VM named "${sourceName}" already exists`);
      expect(err.fields['disks.0.volume']).toMatch(
        /already has a volume named "vd-clonebe-refuse.img"/,
      );
      expect(await world()).toEqual(before);
    });

    it('refuses a copy the pool has no room for', async () => {
      const { available } = await getPoolInfo(rpc(), lv.pool.pool);
      // A sparse raw volume larger than the pool's free space: its copy would need all of it.
      const big = await createVolume(
        rpc(),
        lv.pool.pool,
        `<volume><name>${xmlEscape(`${PREFIX}big.img`)}</name>` +
          `<capacity unit='bytes'>${available + 4 * GiB}</capacity><allocation>0</allocation>` +
          `<target><format type='raw'/></target></volume>`,
      );
      const bigSource = await defineSource(
        rpc(),
        sourceXml(`${PREFIX}big`, await getVolumePath(rpc(), big)),
      );
      const before = await world();
      const err = await refusal(() =>
        startCloneVm(
          lv.conn.host,
          lv.conn,
          jobs,
          cloneOptions(bigSource.uuid, `${PREFIX}big-clone`, [{ target: 'vda', mode: 'copy' }]),
        ),
      );
      expect(err.fields['disks.0.volume']).toMatch(/^Copying vda needs .* free$/);
      expect(await world()).toEqual(before);
    });

    it('refuses a running source without consent and a linked clone of it; with consent it pauses and resumes it', async () => {
      const dom = await lookupDomainByUuid(rpc(), uuidFromString(source.uuid));
      await startDomain(rpc(), dom);
      try {
        const before = await world();
        const name = `${PREFIX}running-clone`;
        const unconsented = await refusal(() =>
          startCloneVm(
            lv.conn.host,
            lv.conn,
            jobs,
            cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'copy' }]),
          ),
        );
        expect(unconsented.fields.pauseSource).toMatch(/is running/);
        const linked = await refusal(() =>
          startCloneVm(
            lv.conn.host,
            lv.conn,
            jobs,
            cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'linked' }], {
              pauseSource: true,
            }),
          ),
        );
        expect(linked.fields['disks.0.mode']).toMatch(/shut off/);
        expect(await world()).toEqual(before);

        const events: JobProgress[] = [];
        const watched = new JobRunner((e) => events.push(e));
        const started = await startCloneVm(
          lv.conn.host,
          lv.conn,
          watched,
          cloneOptions(source.uuid, name, [{ target: 'vda', mode: 'copy' }], { pauseSource: true }),
        );
        await started.result;
        expect(events.map((e) => e.step)).toContain('Pause source');
        expect((await getDomainState(rpc(), dom)).state).toBe('running');
        // The copy went through libvirt's streams (qemu-img cannot open a running guest's image):
        // the same bytes as the original.
        const sha = (path: string) =>
          createHash('sha256')
            .update(readFileSync(gen.localPath(path)))
            .digest('hex');
        const clonePath = `${lv.pool.path}/${PREFIX}refuse-clone.img`;
        expect(await sliceDomainNames(rpc())).toContain(name);
        expect(sha(clonePath)).toBe(sha(sourceDisk));
      } finally {
        await destroyDomain(rpc(), dom).catch(() => {});
      }
    });

    it('removes what it made when a step fails (the clone cannot start)', async () => {
      const before = await world();
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        jobs,
        // No such bridge on the host: the define works, the start fails.
        cloneOptions(source.uuid, `${PREFIX}fails ${ODD}`, [{ target: 'vda', mode: 'copy' }], {
          overrides: { network: { kind: 'bridge', name: 'vdcl-none0' } },
          start: true,
        }),
      );
      const err = await started.result.catch((e: unknown) => e as VirtdeckError);
      expect((err as VirtdeckError).message).toMatch(/^Start clone failed: /);
      expect(await world()).toEqual(before);
    });

    it('cancelled during the copy, it lets the copy end, then removes it and makes no VM', async () => {
      const before = await world();
      // Cancel as the copy step is announced: libvirt cannot stop a copy under way, so the job
      // stops after it and removes the copy.
      const cancelling: JobRunner = new JobRunner((e) => {
        if (e.phase === 'running' && e.step === 'Copy disk vda') cancelling.cancel(e.jobId);
      });
      const started = await startCloneVm(
        lv.conn.host,
        lv.conn,
        cancelling,
        cloneOptions(source.uuid, `${PREFIX}cancelled`, [{ target: 'vda', mode: 'copy' }]),
      );
      const err = await started.result.catch((e: unknown) => e as VirtdeckError);
      expect(err).toMatchObject({ code: 'cancelled' });
      expect(await world()).toEqual(before);
    });

    it('cancelled during the copy of a paused source, it stops the stream, resumes the source and makes nothing', async () => {
      const dom = await lookupDomainByUuid(rpc(), uuidFromString(source.uuid));
      await startDomain(rpc(), dom);
      try {
        const before = await world();
        const cancelling: JobRunner = new JobRunner((e) => {
          if (e.phase === 'running' && e.step === 'Copy disk vda') cancelling.cancel(e.jobId);
        });
        const started = await startCloneVm(
          lv.conn.host,
          lv.conn,
          cancelling,
          cloneOptions(source.uuid, `${PREFIX}cancelled-live`, [{ target: 'vda', mode: 'copy' }], {
            pauseSource: true,
          }),
        );
        const err = await started.result.catch((e: unknown) => e as VirtdeckError);
        expect(err).toMatchObject({ code: 'cancelled' });
        expect((await getDomainState(rpc(), dom)).state).toBe('running');
        expect(await world()).toEqual(before);
      } finally {
        await destroyDomain(rpc(), dom).catch(() => {});
      }
    });
  },
);
