/**
 * The round trip behind `npm run xml-roundtrip`: every registered edit, applied on its own to a
 * fresh parse of a document, must leave the document unchanged outside the edit's scope; a device
 * edit, once per device of its kind, must leave everything but that device unchanged
 * (deviceRoundTrip.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Element } from '@xmldom/xmldom';
import { canonicalTree, changesOutsideScope, diffTrees, type CanonicalTree } from './canonicalDiff';
import { parseXml } from './xmlDocument';
import type { RegisteredEdit, XmlRoot } from './edits/editTypes';
import { XML_EDITS } from './edits/registry';
import { checkDeviceEdit } from './deviceRoundTrip';

export interface RoundTripFailure {
  file: string;
  edit: string;
  why: string;
}

export interface RoundTripReport {
  name: 'xml-roundtrip';
  files: number;
  edits: number;
  passed: number;
  failed: RoundTripFailure[];
}

const ROOTS: readonly string[] = ['domain', 'network', 'pool', 'volume'] satisfies XmlRoot[];

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The outcome of one edit on one document: undefined when it passed, else why not. `parsed` is
 * the document's root and canonical tree when the caller has them (one parse for many edits).
 */
export function checkEdit(
  xml: string,
  edit: RegisteredEdit,
  parsed?: { root: Element; tree: CanonicalTree },
): string | undefined {
  let after: string;
  let before: CanonicalTree;
  try {
    const root = parsed?.root ?? parseXml(xml).documentElement;
    if (!root) return 'no root element';
    before = parsed?.tree ?? canonicalTree(xml);
    after = edit.applySample(xml, root);
  } catch (err) {
    return `the edit threw: ${message(err)}`;
  }
  try {
    const diff = diffTrees(before, canonicalTree(after));
    if (diff.changes.length === 0) return 'the edit changed nothing';
    const outside = changesOutsideScope(diff, edit.scope, edit.reorders);
    if (outside.length === 0) return undefined;
    return outside
      .slice(0, 3)
      .map((c) => `${c.kind} outside scope at ${c.path}: ${c.detail}`)
      .join('; ');
  } catch (err) {
    return `the result is not comparable: ${message(err)}`;
  }
}

/** The edits that apply to `xml` (none when it is not a domain / network / pool / volume). */
export function applicableEdits(
  xml: string,
  edits: readonly RegisteredEdit[] = XML_EDITS,
): RegisteredEdit[] | undefined {
  let root;
  try {
    root = parseXml(xml).documentElement;
  } catch {
    return undefined;
  }
  if (!root || !ROOTS.includes(root.nodeName)) return undefined;
  const name = root.nodeName;
  return edits.filter((e) => {
    if (e.root !== name) return false;
    try {
      return e.applies(root);
    } catch {
      return false;
    }
  });
}

/** All *.xml files under `dir`, recursively, sorted; unreadable entries are skipped. */
export function xmlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name.endsWith('.xml')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function runRoundTrip(
  dir: string,
  onProgress: (done: number, total: number, file: string) => void = () => {},
  edits: readonly RegisteredEdit[] = XML_EDITS,
): RoundTripReport {
  const report: RoundTripReport = {
    name: 'xml-roundtrip',
    files: 0,
    edits: 0,
    passed: 0,
    failed: [],
  };
  const files = xmlFilesUnder(dir);
  files.forEach((path, i) => {
    onProgress(i, files.length, path);
    let xml: string;
    try {
      xml = readFileSync(path, 'utf8');
    } catch {
      return;
    }
    const applicable = applicableEdits(xml, edits);
    if (!applicable) return;
    report.files++;
    const file = relative(dir, path) || path;
    let parsed: { root: Element; tree: CanonicalTree } | undefined;
    try {
      const root = parseXml(xml).documentElement;
      if (root) parsed = { root, tree: canonicalTree(xml) };
    } catch {
      parsed = undefined;
    }
    for (const edit of applicable) {
      if (edit.target || edit.adds) {
        // A device edit: once per device of its kind (or the one it adds), judged on it alone.
        for (const run of checkDeviceEdit(xml, edit)) {
          report.edits++;
          if (run.why === undefined) report.passed++;
          else report.failed.push({ file, edit: `${edit.id}[${run.index}]`, why: run.why });
        }
        continue;
      }
      report.edits++;
      const why = checkEdit(xml, edit, parsed);
      if (why === undefined) report.passed++;
      else report.failed.push({ file, edit: edit.id, why });
    }
  });
  return report;
}
