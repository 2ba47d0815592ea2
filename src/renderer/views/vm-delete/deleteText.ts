import type { TFunction } from 'i18next';
import type { DeletableDisk, DeleteItem } from '../../../shared/api/methods/vmDelete';
import { formatBytes } from '../../format';

/** Why a disk starts unchecked (or is never deleted), in words, naming the VMs when known. */
export function keepReasonText(t: TFunction, disk: DeletableDisk): string | undefined {
  const reason = disk.keepReason;
  if (!reason) return undefined;
  const vms = disk.usedBy?.join(', ');
  if ((reason === 'used-by-other-vm' || reason === 'backing-file') && vms) {
    return t(`vmDelete:reason.${reason}-named`, { vms });
  }
  return t(`vmDelete:reason.${reason}`);
}

/** "Disk vda", "CD-ROM sdb", or "Snapshot overlay of vda". */
function diskTitle(t: TFunction, disk: DeletableDisk): string {
  if (disk.overlayOf) return t('vmDelete:disk.overlay', { target: disk.overlayOf });
  if (disk.device === 'cdrom' || disk.device === 'floppy') {
    return t(`vmDelete:disk.${disk.device}`, { target: disk.target });
  }
  return t('vmDelete:disk.target', { target: disk.target });
}

/** The line under a disk: where it lives and its size, joined as one phrase. */
export function diskFacts(t: TFunction, disk: DeletableDisk): string {
  const facts = [diskTitle(t, disk)];
  if (disk.pool && disk.volume) {
    facts.push(t('vmDelete:disk.volume', { pool: disk.pool, volume: disk.volume }));
  }
  if (disk.sizeBytes !== undefined) {
    facts.push(t('vmDelete:disk.size', { size: formatBytes(disk.sizeBytes) }));
  }
  return facts.join(' · ');
}

/** One thing a delete removed or left, in words ("disk /var/lib/…/a.qcow2", "the TPM state"). */
export function itemText(t: TFunction, item: DeleteItem): string {
  return t(`vmDelete:item.${item.kind}`, { what: item.what });
}
