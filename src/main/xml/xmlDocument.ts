/**
 * libvirt XML, parsed with @xmldom/xmldom and read through small helpers. Reading never changes
 * the document; edits (in later modules) change only the nodes they target.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { VirtdeckError } from '../../shared/errors';
import { msg } from '../../shared/messages/message';

export function parseXml(text: string): Document {
  let failure: string | undefined;
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message, context: { locator?: { lineNumber?: number } } | undefined) => {
        // The line lets the XML tab point at the problem.
        const line = context?.locator?.lineNumber;
        if (level !== 'warning') failure ??= line ? `${message} (line ${line})` : message;
      },
    }).parseFromString(text, 'text/xml');
  } catch (err) {
    // xmldom throws on a fatal error after reporting it.
    failure ??= err instanceof Error ? err.message : String(err);
    throw new VirtdeckError('invalid-input', msg('xml.invalid', { reason: failure }));
  }
  if (failure || !doc.documentElement) {
    throw new VirtdeckError(
      'invalid-input',
      failure ? msg('xml.invalid', { reason: failure }) : msg('xml.noRoot'),
    );
  }
  return doc;
}

/** The element children of `parent` named `name` (direct children only). */
export function childElements(parent: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (name === undefined || node.nodeName === name)) {
      out.push(node as Element);
    }
  }
  return out;
}

export function firstChild(parent: Element, name: string): Element | undefined {
  return childElements(parent, name)[0];
}

/** An attribute's value, or undefined when absent (xmldom returns null or ''). */
export function attribute(element: Element | undefined, name: string): string | undefined {
  if (!element?.hasAttribute(name)) return undefined;
  return element.getAttribute(name) ?? undefined;
}
