/** The host's CPU topology in words, with each count's plural form in English and Arabic. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { NAMESPACES, resources } from '../../../src/renderer/i18n/resources';
import { cpuTopologyText } from '../../../src/renderer/views/host/cpuTopologyText';

async function translator(lng: string) {
  const i18n = i18next.createInstance();
  await i18n.init({ resources, lng, ns: NAMESPACES, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('CPU topology text', () => {
  it('says "1 socket" and "2 cores" in English', async () => {
    const t = await translator('en');
    expect(cpuTopologyText(t, { cpus: 2, sockets: 1, cores: 2, threads: 1, mhz: 2445 })).toBe(
      '2 (1 socket × 2 cores × 1 thread, 2445 MHz)',
    );
    expect(cpuTopologyText(t, { cpus: 16, sockets: 2, cores: 4, threads: 2, mhz: 3000 })).toBe(
      '16 (2 sockets × 4 cores × 2 threads, 3000 MHz)',
    );
  });

  it("uses Arabic's one, two and few forms", async () => {
    const t = await translator('ar');
    expect(cpuTopologyText(t, { cpus: 2, sockets: 1, cores: 2, threads: 1, mhz: 2445 })).toBe(
      '2 (مقبس واحد × نواتان × خيط واحد، 2445 ميغاهرتز)',
    );
    expect(cpuTopologyText(t, { cpus: 24, sockets: 2, cores: 3, threads: 4, mhz: 3000 })).toBe(
      '24 (مقبسان × 3 أنوية × 4 خيوط، 3000 ميغاهرتز)',
    );
  });
});
