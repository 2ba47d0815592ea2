/** The names a clone and its files get, as virt-clone makes them. */
import { describe, expect, it } from 'vitest';
import {
  cloneFileName,
  cloneFilePath,
  freeFileName,
  suggestCloneName,
} from '../../../src/main/services/vmClone/cloneNames';
import { suggestVolumes, type SourceDisk } from '../../../src/main/services/vmClone/clonePlan';

describe('clone names', () => {
  it('suggests NAME-clone, then -2, -3 when taken', () => {
    expect(suggestCloneName('web', new Set(['web']))).toBe('web-clone');
    expect(suggestCloneName('web', new Set(['web-clone', 'web-clone-2']))).toBe('web-clone-3');
  });

  it("puts the clone's name in place of the source's, keeping the extension", () => {
    expect(cloneFileName('web.qcow2', 'web', 'db')).toBe('db.qcow2');
    expect(cloneFileName('web-data.img', 'web', 'web-clone')).toBe('web-clone-data.img');
    expect(cloneFileName('disk0.qcow2', 'web', 'db')).toBe('disk0-clone.qcow2');
    // A "suffix" over 7 characters is part of the name (virt-clone's rule).
    expect(cloneFileName('web.longsuffix', 'zzz', 'y')).toBe('web.longsuffix-clone');
    expect(cloneFilePath('/var/log/a b/web;$(x).log', 'web', 'ü 名')).toBe(
      '/var/log/a b/ü 名;$(x).log',
    );
  });

  it('numbers a taken file name before its extension', () => {
    expect(freeFileName('db.qcow2', new Set())).toBe('db.qcow2');
    expect(freeFileName('db.qcow2', new Set(['db.qcow2', 'db-1.qcow2']))).toBe('db-2.qcow2');
  });

  it('never suggests one name for two disks of one pool', () => {
    const disk = (target: string, volume: string): SourceDisk => ({
      target,
      device: 'disk',
      pool: 'p',
      volume,
      modes: ['copy', 'share'],
      defaultMode: 'copy',
    });
    const cdrom: SourceDisk = {
      target: 'hdc',
      device: 'cdrom',
      modes: ['share'],
      defaultMode: 'share',
    };
    const suggested = suggestVolumes(
      { name: 'web', disks: [disk('vda', 'web.qcow2'), disk('vdb', 'web.qcow2'), cdrom] },
      'db',
      new Map([['p', new Set(['db.qcow2'])]]),
    );
    expect([...suggested]).toEqual([
      ['vda', 'db-1.qcow2'],
      ['vdb', 'db-2.qcow2'],
    ]);
  });
});
