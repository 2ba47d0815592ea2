/**
 * debootstrap's progress from its stdout: the fixture is a real run's output (debootstrap
 * 1.0.128+nmu2+deb12u2, `--variant=minbase bookworm` from deb.debian.org, 88 packages).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEBOOTSTRAP_PHASES,
  debootstrapDone,
  initialDebootstrapState,
  nextDebootstrapState,
  type DebootstrapState,
} from '../../../src/main/services/lxc/debootstrapProgress';

const RUN = readFileSync(
  join(import.meta.dirname, '../../fixtures/lxc/debootstrap-bookworm-minbase.txt'),
  'utf8',
).split('\n');

function feed(lines: string[], from = initialDebootstrapState()) {
  const states: DebootstrapState[] = [];
  let state = from;
  for (const line of lines) {
    state = nextDebootstrapState(state, line);
    states.push(state);
  }
  return { state, states };
}

describe('debootstrap progress', () => {
  it('walks every phase of a real run in order, and ends finished at 100 %', () => {
    const { state, states } = feed(RUN);
    const phases = [...new Set(states.map((s) => s.phase).filter(Boolean))];
    expect(phases).toEqual([...DEBOOTSTRAP_PHASES]);
    expect(state.fetched).toBe(88);
    expect(state.finished).toBe(true);
    expect(state.problems).toEqual([]);
    expect(debootstrapDone(state, 'minbase')).toBe(DEBOOTSTRAP_PHASES.length);
  });

  it('never goes backwards, and stays below the next phase inside each phase', () => {
    const { states } = feed(RUN);
    const done = states.map((s) => debootstrapDone(s, 'minbase'));
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThanOrEqual(done[i - 1]!);
    for (const s of states.slice(0, -1)) {
      if (!s.phase || s.finished) continue;
      const index = DEBOOTSTRAP_PHASES.indexOf(s.phase);
      expect(debootstrapDone(s, 'minbase')).toBeLessThan(index + 1);
    }
  });

  it('reads each line as debootstrap prints it', () => {
    const at = (lines: string[]) => feed(lines).state;
    expect(at(['I: Retrieving InRelease ']).phase).toBe('release');
    expect(at(['I: Valid Release signature (key id 4D64FEC1)']).phase).toBe('release');
    expect(at(['I: Retrieving Packages ']).phase).toBe('indexes');
    expect(at(['I: Checking component main on http://deb.debian.org/debian...']).phase).toBe(
      'resolve',
    );
    const fetching = at(['I: Retrieving bash 5.2.15-2+b13', 'I: Validating bash 5.2.15-2+b13']);
    expect(fetching).toMatchObject({ phase: 'download', fetched: 1, pkg: 'bash' });
    expect(at(['I: Extracting libc6...'])).toMatchObject({ phase: 'extract', count: 1 });
    expect(at(['I: Unpacking zlib1g:amd64...'])).toMatchObject({ phase: 'install', count: 1 });
    expect(at(['I: Configuring libc-bin...'])).toMatchObject({ phase: 'configure', count: 1 });
    // The base system after the required packages: still configuring, not back to installing.
    expect(at(['I: Configuring libc-bin...', 'I: Unpacking the base system...']).phase).toBe(
      'configure',
    );
  });

  it('counts the download against an estimate, then the later phases against what was fetched', () => {
    const fetched = Array.from({ length: 45 }, (_, i) => `I: Retrieving p${i} 1.0`);
    const { state } = feed(fetched);
    expect(debootstrapDone(state, 'minbase')).toBeCloseTo(3.5);
    const many = feed(Array.from({ length: 400 }, (_, i) => `I: Retrieving p${i} 1.0`)).state;
    expect(debootstrapDone(many, 'minbase')).toBeCloseTo(3.95);
    const extracting = feed(
      Array.from({ length: 9 }, (_, i) => `I: Extracting p${i}...`),
      { ...state, fetched: 18 },
    ).state;
    expect(debootstrapDone(extracting, 'minbase')).toBeCloseTo(4.5);
  });

  it('keeps warnings and errors for a failed run, and ignores lines it does not know', () => {
    const { state } = feed([
      'I: Retrieving InRelease ',
      'W: Failure trying to run: chroot "/srv/x" /bin/true',
      "E: Couldn't download packages: libc6",
      'some other line',
      'I: Chosen extractor for .deb packages: dpkg-deb',
    ]);
    expect(state.phase).toBe('release');
    expect(state.problems).toEqual([
      'W: Failure trying to run: chroot "/srv/x" /bin/true',
      "E: Couldn't download packages: libc6",
    ]);
  });
});
