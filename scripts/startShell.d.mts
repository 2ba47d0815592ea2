// Types of startShell.mjs for the unit tests (the launcher runs as plain JavaScript).
export interface ElectronFacts {
  /** node_modules/electron is there. */
  installed: boolean;
  /** Its engines.node, e.g. ">= 22.12.0". */
  nodeRange: string | null;
  /** The downloaded Electron executable, when it exists. */
  binary: string | null;
}
export interface ShellFacts {
  electron: ElectronFacts;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  nodeVersion: string;
  forceBrowser?: boolean;
  /** What Electron's installer said when its download failed. */
  downloadError?: string | undefined;
}
export type ShellChoice = { shell: 'electron'; binary: string } | { shell: 'browser'; why: string };

export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean;
export function satisfiesMinimum(version: string, range: string | null | undefined): boolean;
export function probeElectron(root: string): ElectronFacts;
export function shouldDownloadElectron(facts: Omit<ShellFacts, 'nodeVersion'>): boolean;
export function chooseShell(facts: ShellFacts): ShellChoice;
export const REQUIRED_NODE_FOR_ELECTRON: string;
export const BUILD_OUTPUTS: readonly string[];
export const BUILD_INPUTS: readonly string[];
export function isBuildStale(root: string): boolean;
