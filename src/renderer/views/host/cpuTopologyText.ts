import type { TFunction } from 'i18next';
import type { HostOverview } from '../../../shared/api/hostTypes';

/** "2 (1 socket × 2 cores × 1 thread, 2445 MHz)": each count with its language's plural form. */
export function cpuTopologyText(
  t: TFunction,
  o: Pick<HostOverview, 'cpus' | 'sockets' | 'cores' | 'threads' | 'mhz'>,
): string {
  return t('host:overview.cpusValue', {
    cpus: o.cpus,
    sockets: t('host:overview.sockets', { count: o.sockets }),
    cores: t('host:overview.cores', { count: o.cores }),
    threads: t('host:overview.threads', { count: o.threads }),
    mhz: o.mhz,
  });
}
