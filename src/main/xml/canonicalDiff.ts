/**
 * The round trip's judge: compares two XML documents as canonical trees and lists where they
 * differ, so a test can tell whether an edit changed anything outside the nodes it declared.
 *
 * Canonical means: attributes as a sorted set, namespace prefixes replaced by their URIs (xmlns
 * declarations themselves ignored), whitespace-only text dropped, adjacent text and CDATA merged.
 * Children are aligned with a longest common subsequence over their canonical forms, so an element
 * that moved among its siblings shows up as "moved", not as silently equal.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { parseXml } from './xmlDocument';

interface CElement {
  kind: 'element';
  name: string;
  attrs: Map<string, string>;
  children: CNode[];
  key: string;
}
interface CLeaf {
  kind: 'text' | 'comment' | 'pi';
  value: string;
  key: string;
}
type CNode = CElement | CLeaf;

export interface XmlChange {
  kind: 'attribute' | 'text' | 'inserted' | 'removed' | 'moved' | 'comment' | 'root';
  /** Slash-separated path from the root: "domain/devices/disk", ".../@unit", ".../#text". */
  path: string;
  detail: string;
}

function qualifiedName(n: {
  namespaceURI?: string | null;
  localName?: string | null;
  nodeName: string;
}): string {
  return n.namespaceURI ? `{${n.namespaceURI}}${n.localName ?? n.nodeName}` : n.nodeName;
}

function canonical(el: Element): CElement {
  const attrs = new Map<string, string>();
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i);
    if (!a || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    attrs.set(qualifiedName(a), a.value);
  }
  const children: CNode[] = [];
  let text: string | undefined;
  const flush = () => {
    if (text !== undefined && text.trim() !== '') {
      children.push({ kind: 'text', value: text, key: `T${JSON.stringify(text)}` });
    }
    text = undefined;
  };
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.TEXT_NODE || n.nodeType === n.CDATA_SECTION_NODE) {
      text = (text ?? '') + (n.nodeValue ?? '');
      continue;
    }
    flush();
    if (n.nodeType === n.ELEMENT_NODE) children.push(canonical(n as Element));
    else if (n.nodeType === n.COMMENT_NODE) {
      children.push({
        kind: 'comment',
        value: n.nodeValue ?? '',
        key: `C${JSON.stringify(n.nodeValue)}`,
      });
    } else if (n.nodeType === n.PROCESSING_INSTRUCTION_NODE) {
      const v = `${n.nodeName} ${n.nodeValue ?? ''}`;
      children.push({ kind: 'pi', value: v, key: `P${JSON.stringify(v)}` });
    }
  }
  flush();
  const name = qualifiedName(el);
  const sorted = [...attrs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = `E${JSON.stringify(name)}${JSON.stringify(sorted)}[${children.map((c) => c.key).join(',')}]`;
  return { kind: 'element', name, attrs: new Map(sorted), children, key };
}

/**
 * Indices of a longest common subsequence of `a` and `b` (by key), as [i, j] pairs. The common
 * head and tail are paired first: among equally long alignments this is the one that keeps a
 * changed child at its own place (a sound changed into a copy of its next sibling pairs with
 * itself, not with that sibling, which would read as one removed and one inserted).
 */
function lcs(a: readonly CNode[], b: readonly CNode[]): [number, number][] {
  let head = 0;
  while (head < a.length && head < b.length && a[head]?.key === b[head]?.key) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail]?.key === b[b.length - 1 - tail]?.key
  ) {
    tail++;
  }
  const middle = lcsOf(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  return [
    ...Array.from({ length: head }, (_, k): [number, number] => [k, k]),
    ...middle.map(([i, j]): [number, number] => [i + head, j + head]),
    ...Array.from({ length: tail }, (_, k): [number, number] => [
      a.length - tail + k,
      b.length - tail + k,
    ]),
  ];
}

function lcsOf(a: readonly CNode[], b: readonly CNode[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i] as Uint32Array;
    const next = table[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] =
        a[i]?.key === b[j]?.key ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]?.key === b[j]?.key) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

function leafLabel(c: CNode): string {
  return c.kind === 'element' ? c.name : c.kind === 'text' ? '#text' : `#${c.kind}`;
}

function diffElement(a: CElement, b: CElement, path: string, out: XmlChange[], trees: Trees): void {
  for (const name of new Set([...a.attrs.keys(), ...b.attrs.keys()])) {
    const va = a.attrs.get(name);
    const vb = b.attrs.get(name);
    if (va !== vb) {
      out.push({
        kind: 'attribute',
        path: `${path}/@${name}`,
        detail: `${JSON.stringify(va)} -> ${JSON.stringify(vb)}`,
      });
    }
  }
  const pairs = lcs(a.children, b.children);
  const removed: { node: CNode; path: string }[] = [];
  const inserted: { node: CNode; path: string }[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.children.length, b.children.length] as [number, number]]) {
    const gapA = a.children.slice(i, pi);
    const gapB = b.children.slice(j, pj);
    // In a gap, a node of A and one of B with the same name are the same node, modified.
    const usedB = new Set<number>();
    for (const na of gapA) {
      const k = gapB.findIndex(
        (nb, idx) =>
          !usedB.has(idx) &&
          nb.kind === na.kind &&
          (na.kind !== 'element' || (nb as CElement).name === na.name),
      );
      const nb = gapB[k];
      const childPath = `${path}/${leafLabel(na)}`;
      if (k < 0 || !nb) {
        removed.push({ node: na, path: childPath });
        continue;
      }
      usedB.add(k);
      if (na.kind === 'element' && nb.kind === 'element')
        diffElement(na, nb, childPath, out, trees);
      else if (na.kind === 'text')
        out.push({
          kind: 'text',
          path: `${path}/#text`,
          detail: `${JSON.stringify(na.value)} -> ${JSON.stringify((nb as CLeaf).value)}`,
        });
      else
        out.push({
          kind: 'comment',
          path: childPath,
          detail: `${JSON.stringify((na as CLeaf).value)} -> ${JSON.stringify((nb as CLeaf).value)}`,
        });
    }
    gapB.forEach((nb, idx) => {
      if (!usedB.has(idx)) inserted.push({ node: nb, path: `${path}/${leafLabel(nb)}` });
    });
    i = pi + 1;
    j = pj + 1;
  }
  // The same subtree removed in one place and inserted in another: a move.
  for (const r of removed) {
    const k = inserted.findIndex((ins) => ins.node.key === r.node.key);
    if (k >= 0) {
      inserted.splice(k, 1);
      out.push({ kind: 'moved', path: r.path, detail: 'moved among its siblings' });
    } else {
      out.push({ kind: 'removed', path: r.path, detail: 'removed' });
      trees.set(out[out.length - 1] as XmlChange, r.node);
    }
  }
  for (const ins of inserted) {
    out.push({ kind: 'inserted', path: ins.path, detail: 'inserted' });
    trees.set(out[out.length - 1] as XmlChange, ins.node);
  }
}

type Trees = Map<XmlChange, CNode>;

export interface XmlDiff {
  changes: XmlChange[];
  /** The subtree added or removed for an inserted / removed change. */
  trees: Trees;
}

/** A document's root as a canonical tree, to compare one input with many edited versions. */
export type CanonicalTree = CElement;

export function canonicalTree(xml: string): CanonicalTree {
  const root = parseXml(xml).documentElement;
  if (!root) throw new Error('no root element');
  return canonical(root);
}

/** One element (a device) as a canonical tree, to compare it on its own. */
export function canonicalElement(el: Element): CanonicalTree {
  return canonical(el);
}

/**
 * Every difference between two canonical trees; `at` is the path of their parent when they are
 * not roots ("domain/devices" for a device), so the changes' paths read as in the document.
 */
export function diffTrees(ca: CanonicalTree, cb: CanonicalTree, at?: string): XmlDiff {
  const changes: XmlChange[] = [];
  const trees: Trees = new Map();
  const path = at === undefined ? ca.name : `${at}/${ca.name}`;
  if (ca.name !== cb.name) {
    changes.push({ kind: 'root', path: at ?? '', detail: `root ${ca.name} -> ${cb.name}` });
  } else if (ca.key !== cb.key) diffElement(ca, cb, path, changes, trees);
  return { changes, trees };
}

/** Every difference between two XML texts, as canonical trees. Throws when either is not XML. */
export function diffXml(before: string, after: string): XmlDiff {
  return diffTrees(canonicalTree(before), canonicalTree(after));
}

function matches(pattern: string, path: string): boolean {
  const p = splitPath(pattern);
  const s = splitPath(path);
  if (p.length > s.length) return false;
  return p.every(
    (seg, k) => seg === s[k] || (seg === '*' && !s[k]?.startsWith('@') && !s[k]?.startsWith('#')),
  );
}

/** Splits on "/" outside {namespace} braces. */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '/' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** True when `path` is a proper ancestor of something a pattern names. */
function isContainerOf(path: string, scope: readonly string[]): boolean {
  const s = splitPath(path);
  return scope.some((pattern) => {
    const p = splitPath(pattern);
    return p.length > s.length && s.every((seg, k) => p[k] === seg || p[k] === '*');
  });
}

/** A bare container (no attributes, no text) whose every child element is in scope. */
function containerInScope(node: CNode, path: string, scope: readonly string[]): boolean {
  if (node.kind !== 'element' || node.attrs.size > 0 || !isContainerOf(path, scope)) return false;
  return node.children.every(
    (c) =>
      c.kind === 'element' &&
      (scope.some((p) => matches(p, `${path}/${c.name}`)) ||
        containerInScope(c, `${path}/${c.name}`, scope)),
  );
}

/**
 * The changes of `diff` outside `scope` (paths an edit may change; see XmlEdit.scope) and
 * `reorders` (elements whose children may move). Creating or removing a bare container of scoped
 * elements (a <metadata> for tags, a <cpu> for a topology) counts as in scope.
 */
export function changesOutsideScope(
  diff: XmlDiff,
  scope: readonly string[],
  reorders: readonly string[] = [],
): XmlChange[] {
  return diff.changes.filter((c) => {
    if (c.kind === 'root') return true;
    if (c.kind === 'moved') {
      const parent = splitPath(c.path).slice(0, -1).join('/');
      // Moves inside an element the edit owns (its scope) are its business.
      if (scope.some((p) => matches(p, parent))) return false;
      return !reorders.some(
        (p) => matches(p, parent) && splitPath(p).length === splitPath(parent).length,
      );
    }
    if (scope.some((p) => matches(p, c.path))) return false;
    const tree = diff.trees.get(c);
    return !(tree && containerInScope(tree, c.path, scope));
  });
}
