/**
 * npm run bench -- NAME [--seconds N]
 * Runs one benchmark and prints one JSON object as its last line. Absolute times on shared
 * machines are noise; compare the ratios measured in the same run.
 */
import { bigList } from './bigList';
import { clone } from './clone';
import { consoleThroughput } from './consoleThroughput';
import { isoUpload } from './isoUpload';
import { list300 } from './list300';
import { manyHosts } from './manyHosts';
import { migrate } from './migrate';
import { rpcRoundtrip } from './rpcRoundtrip';
import { snapshot } from './snapshot';
import { stats500 } from './stats500';
import { ui500 } from './ui500';
import { volumeDownload } from './volumeDownload';
import { vsVirtManager } from './vsVirtManager';

const BENCHMARKS: Record<string, (args: string[]) => Promise<Record<string, unknown>>> = {
  'rpc-roundtrip': () => rpcRoundtrip(),
  'list-300': () => list300(),
  'stats-500': (args) => {
    const i = args.indexOf('--seconds');
    return stats500(i >= 0 ? Number(args[i + 1]) : 60);
  },
  'console-throughput': () => consoleThroughput(),
  'iso-upload': () => isoUpload(),
  'volume-download': () => volumeDownload(),
  snapshot,
  clone,
  migrate,
  'big-list': () => bigList(),
  'many-hosts': () => manyHosts(),
  'ui-500': (args) => {
    const i = args.indexOf('--seconds');
    return ui500(i >= 0 ? Number(args[i + 1]) : 60);
  },
  'vs-virt-manager': (args) => {
    const i = args.indexOf('--seconds');
    return vsVirtManager(i >= 0 ? Number(args[i + 1]) : 30);
  },
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHMARKS[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- ${Object.keys(BENCHMARKS).join('|')}`);
  process.exit(2);
}
bench(args).then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
