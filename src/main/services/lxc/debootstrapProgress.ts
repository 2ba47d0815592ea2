/**
 * debootstrap's progress, read from the `I:` lines it prints on stdout (its full log goes to
 * TARGET/debootstrap/debootstrap.log): which of its phases runs, and how far that phase is.
 *
 *   I: Retrieving InRelease             release    I: Extracting libc6...           extract
 *   I: Retrieving Packages              indexes    I: Installing core packages...   install
 *   I: Resolving dependencies of ...    resolve    I: Unpacking required packages.. install
 *   I: Retrieving bash 5.2.15-2+b13     download   I: Configuring required pack...  configure
 *   I: Base system installed successfully.         done
 *
 * debootstrap does not say how many packages it will fetch before it fetches them: the download
 * phase counts against an estimate (a bookworm minbase has about 90 packages, the default
 * variant about 130), never above 95 % of the phase; extraction, unpacking and configuring count
 * against the packages fetched. The phase never goes back (the default variant unpacks and
 * configures its base packages after the required ones: counted in the configure phase).
 * `W:` and `E:` lines are kept for the error a failed run shows.
 */

export const DEBOOTSTRAP_PHASES = [
  'release',
  'indexes',
  'resolve',
  'download',
  'extract',
  'install',
  'configure',
] as const;
export type DebootstrapPhase = (typeof DEBOOTSTRAP_PHASES)[number];

export interface DebootstrapState {
  phase?: DebootstrapPhase;
  /** Packages fetched (or found in the cache) so far. */
  fetched: number;
  /** Packages counted in the running phase (extracted, unpacked or configured). */
  count: number;
  /** The package the last line named, if any. */
  pkg?: string;
  /** `W:` and `E:` lines, for the error of a failed run. */
  problems: string[];
  /** "Base system installed successfully." was printed. */
  finished: boolean;
}

export function initialDebootstrapState(): DebootstrapState {
  return { fetched: 0, count: 0, problems: [], finished: false };
}

/** How many packages the download phase is measured against before the count is known. */
function expectedPackages(variant: string): number {
  return variant === 'minbase' ? 90 : 130;
}

/**
 * The state after one line of debootstrap's stdout; lines it does not know leave it as it was.
 * A new phase starts with its count at zero.
 */
export function nextDebootstrapState(state: DebootstrapState, rawLine: string): DebootstrapState {
  const line = rawLine.trim();
  if (/^[WE]: /.test(line)) return { ...state, problems: [...state.problems, line].slice(-10) };
  const info = /^I: (.*)$/.exec(line)?.[1]?.trim();
  if (info === undefined) return state;
  // Never back to an earlier phase: "Unpacking the base system" comes after the configuring.
  const enter = (wanted: DebootstrapPhase, pkg?: string): DebootstrapState => {
    const now = state.phase ? DEBOOTSTRAP_PHASES.indexOf(state.phase) : -1;
    const phase = DEBOOTSTRAP_PHASES.indexOf(wanted) < now ? state.phase! : wanted;
    const count = phase === state.phase ? state.count : 0;
    return { ...state, phase, count, pkg };
  };
  if (info === 'Base system installed successfully.') return { ...state, finished: true };
  if (/^(Retrieving (In)?Release|Checking Release signature|Valid Release signature)/.test(info)) {
    return enter('release');
  }
  if (/^(Retrieving|Validating) Packages$/.test(info)) return enter('indexes');
  if (/^(Resolving dependencies|Checking component|Found )/.test(info)) return enter('resolve');
  const fetched = /^Retrieving (\S+) \S+$/.exec(info);
  if (fetched) {
    return { ...enter('download', fetched[1]), fetched: state.fetched + 1 };
  }
  if (/^Validating \S+ \S+$/.test(info)) return enter('download', state.pkg);
  const extracting = /^Extracting (\S+)\.\.\.$/.exec(info);
  if (extracting) {
    const next = enter('extract', extracting[1]);
    return { ...next, count: next.count + 1 };
  }
  if (
    /^(Installing core packages|Unpacking required packages|Unpacking the base system)/.test(info)
  ) {
    return enter('install');
  }
  if (/^(Configuring required packages|Configuring the base system)/.test(info)) {
    return enter('configure');
  }
  const each = /^(Unpacking|Configuring) (\S+?)\.\.\.$/.exec(info);
  if (each) {
    const next = enter(each[1] === 'Unpacking' ? 'install' : 'configure', each[2]);
    return { ...next, count: next.count + 1 };
  }
  return state;
}

/**
 * How far the whole run is, in phases (0 .. DEBOOTSTRAP_PHASES.length): the phases done plus
 * the running phase's fraction.
 */
export function debootstrapDone(state: DebootstrapState, variant: string): number {
  const total = DEBOOTSTRAP_PHASES.length;
  if (state.finished) return total;
  if (state.phase === undefined) return 0;
  const index = DEBOOTSTRAP_PHASES.indexOf(state.phase);
  let fraction = 0;
  if (state.phase === 'download') {
    fraction = Math.min(0.95, state.fetched / expectedPackages(variant));
  } else if (['extract', 'install', 'configure'].includes(state.phase) && state.fetched > 0) {
    fraction = Math.min(0.95, state.count / state.fetched);
  }
  return index + fraction;
}
