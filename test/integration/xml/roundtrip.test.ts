/**
 * The XML round trip over libvirt's own test data (libvirt 9.0.0's tests/, fetched and cached by
 * scripts/test-host/libvirt-corpus.sh): every edit the app offers, applied to every domain,
 * network, pool and volume document it applies to, changes nothing outside its scope.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRoundTrip } from '../../../src/main/xml/roundTrip';

const corpus = execFileSync('bash', ['scripts/test-host/libvirt-corpus.sh'], {
  encoding: 'utf8',
}).trim();

describe.each([
  // [folder, at least this many files, at least this many edits]
  ['qemuxml2argvdata', 1000, 20000],
  ['qemuxml2xmloutdata', 600, 10000],
  ['networkxml2xmlin', 40, 150],
  ['networkxml2xmlout', 35, 120],
  ['storagepoolxml2xmlin', 30, 50],
  ['storagevolxml2xmlin', 20, 50],
] as const)('round trip over %s', (folder, minFiles, minEdits) => {
  it('passes every applicable edit', () => {
    const report = runRoundTrip(join(corpus, folder));
    expect(report.failed).toEqual([]);
    expect(report.files).toBeGreaterThanOrEqual(minFiles);
    expect(report.edits).toBeGreaterThanOrEqual(minEdits);
    expect(report.passed).toBe(report.edits);
    // Thousands of parses and diffs: minutes on a busy shared machine.
  }, 900_000);
});
