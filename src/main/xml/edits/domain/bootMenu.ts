/** The firmware's boot menu (<os><bootmenu enable='yes'/>): on or off, nothing else in <os>. */
import type { Element } from '@xmldom/xmldom';
import { firstChild } from '../../xmlDocument';
import { editXml, setAttr } from '../../xmlEdit';
import { insertSpec, x } from '../../xmlBuild';
import { invalidInput } from '../../../../shared/inputChecks';
import { OS_ORDER } from './domainOrder';
import type { XmlEdit } from '../editTypes';

export function bootMenuEnabled(os: Element | undefined): boolean {
  return os ? firstChild(os, 'bootmenu')?.getAttribute('enable') === 'yes' : false;
}

export function setBootMenu(xml: string, enabled: boolean): string {
  return editXml(xml, 'domain', (domain) => {
    const os = firstChild(domain, 'os');
    if (!os) throw invalidInput('The guest has no <os> element', 'bootMenu');
    const menu = firstChild(os, 'bootmenu');
    if (menu) setAttr(menu, 'enable', enabled ? 'yes' : 'no');
    else insertSpec(os, x('bootmenu', { enable: enabled ? 'yes' : 'no' }), OS_ORDER);
  });
}

export const bootMenuEdit: XmlEdit<boolean> = {
  id: 'domain.boot.menu',
  root: 'domain',
  scope: ['domain/os/bootmenu'],
  applies: (domain) => firstChild(domain, 'os') !== undefined,
  sample: (domain) => !bootMenuEnabled(firstChild(domain, 'os')),
  apply: setBootMenu,
};
