/**
 * Shared memory (<memoryBacking><access mode='shared'/>), which virtiofs and vhost-user devices
 * need: turned on as the virtiofs share does it (filesystem.ts), turned off by taking the shared
 * access away again (from the NUMA cells too), refused while a virtiofs share still needs it.
 */
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, removeElement, removeIfEmpty, setAttr } from '../../xmlEdit';
import { invalidInput } from '../../../../shared/inputChecks';
import { devicesNamed } from './domainOrder';
import { memoryIsShared, shareMemory } from './filesystem';
import type { XmlEdit } from '../editTypes';

export function setSharedMemory(xml: string, enabled: boolean): string {
  return editXml(xml, 'domain', (domain) => {
    if (enabled) return shareMemory(domain);
    const virtiofs = devicesNamed(domain, 'filesystem').some(
      (f) => firstChild(f, 'driver')?.getAttribute('type') === 'virtiofs',
    );
    if (virtiofs) {
      throw invalidInput('A virtiofs share needs shared memory; remove the share first', 'shared');
    }
    const numa = firstChild(firstChild(domain, 'cpu') ?? domain, 'numa');
    if (numa && firstChild(domain, 'cpu')) {
      for (const cell of childElements(numa, 'cell')) {
        if (cell.getAttribute('memAccess') === 'shared') setAttr(cell, 'memAccess', undefined);
      }
    }
    const backing = firstChild(domain, 'memoryBacking');
    const access = backing && firstChild(backing, 'access');
    if (backing && access?.getAttribute('mode') === 'shared') {
      removeElement(access);
      removeIfEmpty(backing);
    }
  });
}

export const sharedMemoryEdit: XmlEdit<boolean> = {
  id: 'domain.memory.shared',
  root: 'domain',
  scope: ['domain/memoryBacking', 'domain/cpu/numa/cell/@memAccess'],
  applies: (domain) =>
    !devicesNamed(domain, 'filesystem').some(
      (f) => firstChild(f, 'driver')?.getAttribute('type') === 'virtiofs',
    ),
  sample: (domain) => !memoryIsShared(domain),
  apply: setSharedMemory,
};
