/**
 * New XML (a device to add or attach, a <host/> to add to a network) described as plain data and
 * turned either into a string (for DOMAIN_ATTACH_DEVICE_FLAGS and friends) or into nodes inserted
 * into an existing document with its indentation. One builder serves both, so a device hot-added
 * to a running guest and the same device added to its persistent XML are the same XML.
 */
import type { Element } from '@xmldom/xmldom';
import { elementXml, insertChild, insertInOrder, newDocument, ownerDocument } from './xmlEdit';

export interface XmlSpec {
  name: string;
  /** Undefined and false values are left out; true becomes "yes". */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Child elements; undefined / false entries are skipped (for optional parts). */
  children?: (XmlSpec | undefined | false)[];
  text?: string;
}

export function x(
  name: string,
  attrs: XmlSpec['attrs'] = {},
  children: XmlSpec['children'] = [],
  text?: string,
): XmlSpec {
  return { name, attrs, children, text };
}

function attrValue(v: string | number | boolean): string {
  return v === true ? 'yes' : String(v);
}

/** Builds the element for `spec` in the document of `context`, indented from `indent`. */
export function specToElement(context: Element, spec: XmlSpec, indent = '', step = '  '): Element {
  const doc = ownerDocument(context);
  const el = doc.createElement(spec.name);
  for (const [k, v] of Object.entries(spec.attrs ?? {})) {
    if (v !== undefined && v !== false) el.setAttribute(k, attrValue(v));
  }
  const kids = (spec.children ?? []).filter((c): c is XmlSpec => !!c);
  if (spec.text !== undefined) el.appendChild(doc.createTextNode(spec.text));
  for (const kid of kids) {
    el.appendChild(doc.createTextNode(`\n${indent}${step}`));
    el.appendChild(specToElement(context, kid, indent + step, step));
  }
  if (kids.length > 0) el.appendChild(doc.createTextNode(`\n${indent}`));
  return el;
}

/** The XML text of `spec`, indented by two spaces per level, no trailing newline. */
export function specToXml(spec: XmlSpec): string {
  const doc = newDocument('scratch');
  const root = doc.documentElement;
  if (!root) throw new Error('scratch document without a root');
  return elementXml(specToElement(root, spec));
}

/** The indentation of `parent`'s children and one step, from the document's own layout. */
function layout(parent: Element): { indent: string; step: string } {
  const line = (n: Element | null): string | undefined => {
    const prev = n?.previousSibling;
    if (prev && prev.nodeType === prev.TEXT_NODE) {
      const m = /\n([ \t]*)$/.exec(prev.nodeValue ?? '');
      if (m) return m[1];
    }
    return undefined;
  };
  const own = line(parent) ?? '';
  let child: string | undefined;
  for (let n = parent.firstChild; n && child === undefined; n = n.nextSibling) {
    if (n.nodeType === n.ELEMENT_NODE) child = line(n as Element);
  }
  const step =
    child !== undefined && child.startsWith(own) && child.length > own.length
      ? child.slice(own.length)
      : '  ';
  return { indent: child ?? own + step, step };
}

/** Inserts `spec` into `parent` in libvirt's order (see insertInOrder); returns the element. */
export function insertSpec(parent: Element, spec: XmlSpec, order: readonly string[] = []): Element {
  const { indent, step } = layout(parent);
  return insertInOrder(parent, specToElement(parent, spec, indent, step), order);
}

/** Inserts `spec` into `parent` right before `before` (or at the end). */
export function insertSpecBefore(parent: Element, spec: XmlSpec, before?: Element): Element {
  const { indent, step } = layout(parent);
  return insertChild(parent, specToElement(parent, spec, indent, step), before);
}
