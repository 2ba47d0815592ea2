/**
 * The one way Virtdeck changes libvirt XML: parse the current document, change only the targeted
 * nodes, serialize. Everything else (unknown elements, attributes, comments, namespaced metadata,
 * the order of siblings) stays as it was. New nodes get the indentation of their neighbours so a
 * user reading the XML tab sees a document that looks hand-edited, not regenerated.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { childElements, parseXml } from './xmlDocument';
import { invalidInput } from '../../shared/inputChecks';

/** Parses `xml`, checks that its root is `rootName`, lets `edit` change it, serializes. */
export function editXml(xml: string, rootName: string, edit: (root: Element) => void): string {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  if (!root || root.nodeName !== rootName) {
    throw invalidInput(`Expected a <${rootName}> document, got <${root?.nodeName ?? 'nothing'}>`);
  }
  edit(root);
  return serializeXml(doc, xml);
}

/** Serializes `doc`; keeps the trailing newline of the original text when it had one. */
export function serializeXml(doc: Document, original?: string): string {
  const text = new XMLSerializer().serializeToString(doc);
  return original !== undefined && /\n\s*$/.test(original) && !text.endsWith('\n')
    ? `${text}\n`
    : text;
}

export function ownerDocument(el: Element): Document {
  const doc = el.ownerDocument;
  if (!doc) throw new Error('element without a document');
  return doc;
}

/** Sets an attribute, or removes it when `value` is undefined. */
export function setAttr(el: Element, name: string, value: string | number | undefined): void {
  if (value === undefined) el.removeAttribute(name);
  else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
}

/** Replaces an element's content with one text node (only when it differs). */
export function setText(el: Element, text: string): void {
  if (el.textContent === text && childElements(el).length === 0) return;
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(ownerDocument(el).createTextNode(text));
}

/** The whitespace before `el` on its line, as found in the document ('' if none). */
function indentOf(el: Node): string | undefined {
  const prev = el.previousSibling;
  if (prev && prev.nodeType === prev.TEXT_NODE) {
    const m = /\n([ \t]*)$/.exec(prev.nodeValue ?? '');
    if (m) return m[1];
  }
  return undefined;
}

/** The indentation one level deeper than `parent`'s, guessed from the document's own style. */
function childIndent(parent: Element): string {
  for (const c of childElements(parent)) {
    const i = indentOf(c);
    if (i !== undefined) return i;
  }
  const own = indentOf(parent) ?? '';
  const step = guessStep(parent) ?? '  ';
  return own + step;
}

function guessStep(el: Element): string | undefined {
  const root = el.ownerDocument?.documentElement;
  if (!root) return undefined;
  for (const c of childElements(root)) {
    const i = indentOf(c);
    if (i) return i;
  }
  return undefined;
}

/**
 * Inserts `child` into `parent` before `before` (or at the end), with a newline and indentation
 * matching its siblings when the parent is laid out on several lines.
 */
export function insertChild(parent: Element, child: Element, before?: Node | null): Element {
  const doc = ownerDocument(parent);
  const indent = childIndent(parent);
  // Whitespace left in an element whose children were all removed is dropped first, so the new
  // child gets the layout an empty element gets (not appended after a stray line break).
  if (childElements(parent).length === 0) dropWhitespace(parent);
  const multiline =
    childElements(parent).length === 0 ? parent.firstChild === null : hasNewlines(parent);
  if (!multiline) {
    parent.insertBefore(child, before ?? null);
    return child;
  }
  if (childElements(parent).length === 0) {
    // An empty element: <devices/> or <devices></devices> becomes a multi-line block.
    const closing = indentOf(parent) ?? '';
    parent.appendChild(doc.createTextNode(`\n${indent}`));
    parent.appendChild(child);
    parent.appendChild(doc.createTextNode(`\n${closing}`));
    return child;
  }
  if (before) {
    // Before an element: the new one takes its line, and the old one gets a fresh line.
    parent.insertBefore(child, before);
    parent.insertBefore(doc.createTextNode(`\n${indent}`), before);
  } else {
    const last = parent.lastChild;
    if (last && last.nodeType === last.TEXT_NODE && /^\s*$/.test(last.nodeValue ?? '')) {
      parent.insertBefore(doc.createTextNode(`\n${indent}`), last);
      parent.insertBefore(child, last);
    } else {
      parent.appendChild(doc.createTextNode(`\n${indent}`));
      parent.appendChild(child);
    }
  }
  return child;
}

function hasNewlines(parent: Element): boolean {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === n.TEXT_NODE && (n.nodeValue ?? '').includes('\n')) return true;
  }
  return false;
}

/**
 * Inserts `child` after the last sibling named like it, else after the last sibling whose name
 * comes before it in `order` (libvirt's own formatting order), else first.
 */
export function insertInOrder(parent: Element, child: Element, order: readonly string[]): Element {
  const siblings = childElements(parent);
  const name = child.nodeName;
  const rank = order.indexOf(name);
  let anchor: Element | undefined;
  for (const s of siblings) {
    if (s.nodeName === name) anchor = s;
  }
  if (!anchor && rank >= 0) {
    for (const s of siblings) {
      const r = order.indexOf(s.nodeName);
      if (r >= 0 && r < rank) anchor = s;
    }
  }
  if (anchor) return insertChild(parent, child, nextElement(anchor));
  if (rank >= 0 && siblings.length > 0) {
    // Nothing ranks before it: go before the first element that ranks after it, if any.
    const after = siblings.find((s) => order.indexOf(s.nodeName) > rank);
    if (after) return insertChild(parent, child, after);
  }
  return insertChild(parent, child, rank === 0 ? siblings[0] : undefined);
}

function nextElement(el: Element): Element | undefined {
  for (let n = el.nextSibling; n; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE) return n as Element;
  }
  return undefined;
}

/** The first child named `name`, created (in `order`) when missing. */
export function ensureChild(parent: Element, name: string, order: readonly string[] = []): Element {
  const existing = childElements(parent, name)[0];
  if (existing) return existing;
  return insertInOrder(parent, ownerDocument(parent).createElement(name), order);
}

/** Removes `el` with the whitespace that laid out its line, so no blank line is left behind. */
export function removeElement(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  const prev = el.previousSibling;
  if (prev && prev.nodeType === prev.TEXT_NODE && /^\s*$/.test(prev.nodeValue ?? '')) {
    parent.removeChild(prev);
  }
  parent.removeChild(el);
  // The last child gone: the parent closes on its own line no more (<ip ...></ip>, not a blank).
  if (childElements(parent as Element).length === 0) dropWhitespace(parent as Element);
}

/** Removes the whitespace-only text children of an element that has no child elements. */
function dropWhitespace(el: Element): void {
  for (let n = el.firstChild; n;) {
    const next = n.nextSibling;
    if (n.nodeType === n.TEXT_NODE && /^\s*$/.test(n.nodeValue ?? '')) el.removeChild(n);
    n = next;
  }
}

/** Removes `el` when it has no attributes and no child elements or text left. */
export function removeIfEmpty(el: Element): void {
  if (el.attributes.length === 0 && (el.textContent ?? '').trim() === '') {
    if (childElements(el).length === 0) removeElement(el);
  }
}

/** A standalone document for building fragments (device XML for attach, new XML for create). */
export function newDocument(rootName: string): Document {
  return new DOMParser().parseFromString(`<${rootName}/>`, 'text/xml');
}

/** One element serialized on its own (e.g. a device for DOMAIN_ATTACH_DEVICE_FLAGS). */
export function elementXml(el: Element): string {
  return new XMLSerializer().serializeToString(el);
}
