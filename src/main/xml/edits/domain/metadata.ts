/**
 * Title, description and Virtdeck's tags. Tags live in the domain's <metadata> under Virtdeck's
 * own namespace, the place libvirt keeps for applications; other applications' metadata stays.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements, firstChild } from '../../xmlDocument';
import {
  editXml,
  ensureChild,
  insertChild,
  ownerDocument,
  removeElement,
  setText,
} from '../../xmlEdit';
import { checkNonEmpty, invalidInput } from '../../../../shared/inputChecks';
import { DOMAIN_ORDER } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export const VIRTDECK_NS = 'https://virtdeck.app/xmlns/domain/1';
const PREFIX = 'virtdeck';

function setOptionalText(domain: Element, name: string, value: string): void {
  const el = firstChild(domain, name);
  if (value === '') {
    if (el) removeElement(el);
    return;
  }
  setText(el ?? ensureChild(domain, name, DOMAIN_ORDER), value);
}

/** Sets the one-line title; '' removes it. */
export function setDomainTitle(xml: string, title: string): string {
  if (/[\r\n]/.test(title)) throw invalidInput('A title is one line', 'title');
  return editXml(xml, 'domain', (domain) => setOptionalText(domain, 'title', title));
}

/** Sets the description; '' removes it. */
export function setDomainDescription(xml: string, description: string): string {
  return editXml(xml, 'domain', (domain) => setOptionalText(domain, 'description', description));
}

function tagsElement(domain: Element): Element | undefined {
  const metadata = firstChild(domain, 'metadata');
  if (!metadata) return undefined;
  return childElements(metadata).find(
    (e) => e.namespaceURI === VIRTDECK_NS && e.localName === 'tags',
  );
}

export function readTags(domain: Element): string[] {
  const tags = tagsElement(domain);
  if (!tags) return [];
  return childElements(tags)
    .filter((e) => e.namespaceURI === VIRTDECK_NS && e.localName === 'tag')
    .map((e) => (e.textContent ?? '').trim())
    .filter((t) => t !== '');
}

/** Replaces the guest's tags (deduplicated, order kept); an empty list removes the element. */
export function setDomainTags(xml: string, tags: readonly string[]): string {
  const clean: string[] = [];
  for (const t of tags) {
    const tag = checkNonEmpty(t, 'A tag', 'tags').trim();
    if (tag.length > 64) throw invalidInput('A tag is at most 64 characters', 'tags');
    if (!clean.includes(tag)) clean.push(tag);
  }
  return editXml(xml, 'domain', (domain) => {
    const old = tagsElement(domain);
    if (clean.length === 0) {
      if (old) removeElement(old);
      return;
    }
    const doc = ownerDocument(domain);
    const metadata = ensureChild(domain, 'metadata', DOMAIN_ORDER);
    const el = doc.createElementNS(VIRTDECK_NS, `${PREFIX}:tags`);
    for (const tag of clean) {
      const t = doc.createElementNS(VIRTDECK_NS, `${PREFIX}:tag`);
      t.appendChild(doc.createTextNode(tag));
      el.appendChild(t);
    }
    // In the old element's place, so the other applications' metadata keeps its order.
    insertChild(metadata, el, old);
    if (old) removeElement(old);
  });
}

const TAGS_PATH = `domain/metadata/{${VIRTDECK_NS}}tags`;

export const titleEdit: XmlEdit<string> = {
  id: 'domain.title',
  root: 'domain',
  scope: ['domain/title'],
  applies: () => true,
  sample: (domain) =>
    firstChild(domain, 'title')?.textContent === 'Round trip' ? 'Round trip 2' : 'Round trip',
  apply: setDomainTitle,
};

export const descriptionEdit: XmlEdit<string> = {
  id: 'domain.description',
  root: 'domain',
  scope: ['domain/description'],
  applies: () => true,
  sample: () => "Edited by Virtdeck's round trip\nsecond line & <markup>",
  apply: setDomainDescription,
};

export const tagsEdit: XmlEdit<string[]> = {
  id: 'domain.tags',
  root: 'domain',
  scope: [TAGS_PATH],
  applies: () => true,
  sample: (domain) => [...readTags(domain), 'web', 'round-trip'],
  apply: setDomainTags,
};
