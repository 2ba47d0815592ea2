/**
 * Memory: <memory> is the maximum the guest boots with, <currentMemory> the balloon target.
 * Values are KiB in the API; each element keeps its own unit when the new value fits it.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, setAttr, setText } from '../../xmlEdit';
import { checkInt, invalidInput } from '../../../../shared/inputChecks';
import { sizeInBytes, sizeInUnit } from '../../units';
import { DOMAIN_ORDER } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export interface DomainMemory {
  /** <memory>, KiB. */
  maximumKiB: number | undefined;
  /** <currentMemory>, KiB (defaults to the maximum). */
  currentKiB: number | undefined;
}

function kib(el: Element | undefined): number | undefined {
  if (!el) return undefined;
  const bytes = sizeInBytes(
    el.textContent ?? undefined,
    el.getAttribute('unit') ?? undefined,
    'KiB',
  );
  return bytes === undefined ? undefined : Math.floor(bytes / 1024);
}

export function readDomainMemory(domain: Element): DomainMemory {
  const maximumKiB = kib(firstChild(domain, 'memory'));
  return { maximumKiB, currentKiB: kib(firstChild(domain, 'currentMemory')) ?? maximumKiB };
}

/** NUMA cells carry the memory themselves; libvirt recomputes <memory> from them. */
function hasNumaCells(domain: Element): boolean {
  const cpu = firstChild(domain, 'cpu');
  const numa = cpu && firstChild(cpu, 'numa');
  return numa !== undefined && childElements(numa, 'cell').length > 0;
}

export interface SetMemoryParams {
  /** New maximum (<memory>), KiB; unchanged when undefined. */
  maximumKiB?: number;
  /** New current (<currentMemory>), KiB; unchanged when undefined. */
  currentKiB?: number;
  /** The host's memory, KiB: a maximum above it is refused. */
  hostMemoryKiB?: number;
}

function writeKiB(el: Element, valueKiB: number): void {
  const { value, unit } = sizeInUnit(
    valueKiB * 1024,
    el.getAttribute('unit') ?? undefined,
    'KiB',
    'KiB',
  );
  setText(el, value);
  if (unit !== (el.getAttribute('unit') ?? undefined)) setAttr(el, 'unit', unit);
}

export function setDomainMemory(xml: string, params: SetMemoryParams): string {
  return editXml(xml, 'domain', (domain) => {
    const now = readDomainMemory(domain);
    const max = params.maximumKiB ?? now.maximumKiB;
    const limit = params.hostMemoryKiB ?? Number.MAX_SAFE_INTEGER / 1024;
    if (params.maximumKiB !== undefined) {
      if (hasNumaCells(domain)) {
        throw invalidInput(
          'The memory is set per NUMA cell in this guest; edit the cells in its XML',
          'maximumKiB',
        );
      }
      checkInt(params.maximumKiB, 'Maximum memory', 'maximumKiB', 1024, Math.floor(limit));
    }
    if (params.currentKiB !== undefined) {
      checkInt(params.currentKiB, 'Current memory', 'currentKiB', 1024, max ?? Math.floor(limit));
    }
    // Lowering the maximum below the current allocation lowers the current one with it.
    const current =
      params.currentKiB ??
      (max !== undefined && now.currentKiB !== undefined && now.currentKiB > max ? max : undefined);
    if (params.maximumKiB !== undefined) {
      writeKiB(ensureChild(domain, 'memory', DOMAIN_ORDER), params.maximumKiB);
    }
    if (current !== undefined) {
      writeKiB(ensureChild(domain, 'currentMemory', DOMAIN_ORDER), current);
    }
  });
}

export const memoryEdit: XmlEdit<SetMemoryParams> = {
  id: 'domain.memory',
  root: 'domain',
  scope: ['domain/memory', 'domain/currentMemory'],
  applies: (domain) => !hasNumaCells(domain) && readDomainMemory(domain).maximumKiB !== undefined,
  sample: (domain) => {
    const { maximumKiB = 1048576 } = readDomainMemory(domain);
    const max = Math.max(maximumKiB, 1024) * 2;
    return { maximumKiB: max, currentKiB: max / 2 };
  },
  apply: setDomainMemory,
};
