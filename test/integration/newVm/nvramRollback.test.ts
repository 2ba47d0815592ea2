/**
 * Rollback of a UEFI guest with a TPM (Windows 11's defaults: OVMF with Secure Boot, TPM 2.0)
 * whose start fails after libvirt has made its NVRAM and TPM state: the host bridge it names is
 * there when the wizard's checks run (a bridge the test makes) and gone when the VM starts (the
 * test removes it as the job reaches "Define VM"), which QEMU's start finds only after the
 * firmware variables were copied. The file
 * system is watched during the create to see the NVRAM file appear; afterwards there is no
 * domain, no NVRAM file, no TPM state directory and no disk volume.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, watch } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../../../src/main/api/jobs';
import { listAllDomains } from '../../../src/main/libvirt/domain';
import { listVolumes } from '../../../src/main/libvirt/storageVolume';
import { startCreateVm } from '../../../src/main/services/newVm/createVm';
import { installRestarter } from '../../../src/main/services/newVm/installRestarter';
import { uploadTinyIso } from '../../support/libvirtFixtures';
import {
  PREFIX,
  closeInstallEnv,
  installOptions,
  openInstallEnv,
  type InstallEnv,
} from './installFixtures';

const NVRAM_DIR = '/var/lib/libvirt/qemu/nvram';
const SWTPM_DIR = '/var/lib/libvirt/swtpm';
/** A bridge the test makes, then removes during the create (names are at most 15 characters). */
const MISSING_BRIDGE = 'vdk-wz2-nobr';
let env: InstallEnv;
let isoPath: string;

beforeAll(async () => {
  env = await openInstallEnv();
  isoPath = (await uploadTinyIso(env.rpc, env.pool.ref, 'install.iso')).path;
});

afterAll(() => closeInstallEnv(env));

describe('a UEFI guest whose start fails', () => {
  it('leaves no NVRAM file, no TPM state, no domain and no volume', async () => {
    expect(existsSync(`/sys/class/net/${MISSING_BRIDGE}`)).toBe(false);
    const name = `${PREFIX}efi ${env.tag} "q" $(z)`;
    const nvram = `${name}_VARS.fd`;
    const seen = new Set<string>();
    // A new machine has neither folder until its first UEFI / TPM guest: libvirt makes them then,
    // root-owned 0711 (qemuTPMEmulatorCreateStorage's g_mkdir_with_parents). Made here the same
    // way, so the watch can start before libvirt's own first use.
    for (const dir of [NVRAM_DIR, SWTPM_DIR]) mkdirSync(dir, { recursive: true, mode: 0o711 });
    const watchers = [NVRAM_DIR, SWTPM_DIR].map((dir) =>
      watch(dir, (_event, file) => file && seen.add(file.toString())),
    );
    try {
      execFileSync('ip', ['link', 'add', MISSING_BRIDGE, 'type', 'bridge']);
      let removed = false;
      // Job events are sent as each step starts: the bridge goes before the VM is defined.
      const jobs = new JobRunner((e) => {
        if (!removed && e.step === 'Define VM') {
          execFileSync('ip', ['link', 'del', MISSING_BRIDGE]);
          removed = true;
        }
      });
      const started = await startCreateVm(
        env.host,
        env.rpc,
        jobs,
        installOptions(env, name, {
          osId: 'win11',
          source: { kind: 'iso', path: isoPath },
          disk: { kind: 'new', pool: env.pool.ref.name, sizeGiB: 0.1 },
          network: { kind: 'bridge', name: MISSING_BRIDGE },
        }),
      );
      const err = await started.result.catch((e: unknown) => e as Error);
      expect((err as Error).message).toMatch(/^Start install failed: .*vdk-wz2-nobr/);
      expect(removed).toBe(true);
      const uuid = started.uuid;
      // libvirt had made the firmware variables (and the TPM's state) before QEMU failed.
      expect(seen).toContain(nvram);
      expect(seen).toContain(uuid);
      expect(existsSync(`${NVRAM_DIR}/${nvram}`)).toBe(false);
      expect(existsSync(`${SWTPM_DIR}/${uuid}`)).toBe(false);
      expect((await listAllDomains(env.rpc)).map((d) => d.name)).not.toContain(name);
      // Nor a first-reboot watch for a VM that is gone.
      expect(installRestarter(env.rpc).isWatching(uuid)).toBe(false);
      expect((await listVolumes(env.rpc, env.pool.ref)).map((v) => v.name)).toEqual([
        'install.iso',
      ]);
    } finally {
      for (const w of watchers) w.close();
      if (existsSync(`/sys/class/net/${MISSING_BRIDGE}`)) {
        execFileSync('ip', ['link', 'del', MISSING_BRIDGE]);
      }
    }
  });
});
