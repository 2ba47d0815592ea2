/**
 * npm run bench -- NAME [--seconds N]
 * Runs one benchmark and prints one JSON object as its last line. Absolute times on shared
 * machines are noise; compare the ratios measured in the same run.
 * Each benchmark's module is loaded only when it runs: a memory figure (stats-500's) counts what
 * that benchmark uses, not every other benchmark's imports (Playwright, services, ...).
 */
import { printResultAndExit } from './support';

const BENCHMARKS: Record<string, (args: string[]) => Promise<Record<string, unknown>>> = {
  'rpc-roundtrip': async () => (await import('./rpcRoundtrip')).rpcRoundtrip(),
  'list-300': async () => (await import('./list300')).list300(),
  'stats-500': (args) => {
    const i = args.indexOf('--seconds');
    return import('./stats500').then((m) => m.stats500(i >= 0 ? Number(args[i + 1]) : 60));
  },
  'console-throughput': async () => (await import('./consoleThroughput')).consoleThroughput(),
  'iso-upload': async () => (await import('./isoUpload')).isoUpload(),
  'volume-download': async () => (await import('./volumeDownload')).volumeDownload(),
  snapshot: async (args) => (await import('./snapshot')).snapshot(args),
  clone: async (args) => (await import('./clone')).clone(args),
  migrate: async (args) => (await import('./migrate')).migrate(args),
  'big-list': async () => (await import('./bigList')).bigList(),
  'many-hosts': async () => (await import('./manyHosts')).manyHosts(),
  'four-consoles': async () => (await import('./fourConsoles')).fourConsoles(),
  'ui-500': (args) => {
    const i = args.indexOf('--seconds');
    return import('./ui500').then((m) => m.ui500(i >= 0 ? Number(args[i + 1]) : 60));
  },
  'vs-virt-manager': (args) => {
    const i = args.indexOf('--seconds');
    return import('./vsVirtManager').then((m) =>
      m.vsVirtManager(i >= 0 ? Number(args[i + 1]) : 30),
    );
  },
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- ${Object.keys(BENCHMARKS).join('|')}`);
  process.exit(2);
}
printResultAndExit(bench(args));
