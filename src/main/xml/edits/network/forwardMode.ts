/**
 * A network's forward mode among nat, route, open and isolated (no <forward>). The <forward>
 * element keeps its other attributes (dev) and children where the new mode allows them; <nat>
 * (port and address ranges) only means something in NAT mode and goes with it.
 */
import type { Element } from '@xmldom/xmldom';
import { childElements, firstChild } from '../../xmlDocument';
import { editXml, ensureChild, removeElement, setAttr } from '../../xmlEdit';
import { checkOneOf, invalidInput } from '../../../../shared/inputChecks';
import type { XmlEdit } from '../editTypes';
import { firstIpv4, NETWORK_ORDER } from './networkOrder';

export const EDITABLE_FORWARD_MODES = ['nat', 'route', 'open', 'isolated'] as const;

export function readForwardMode(network: Element): string {
  const forward = firstChild(network, 'forward');
  return forward ? (forward.getAttribute('mode') ?? 'nat') : 'isolated';
}

export function setNetworkForwardMode(xml: string, params: { mode: string }): string {
  const mode = checkOneOf(params.mode, EDITABLE_FORWARD_MODES, 'The forward mode', 'mode');
  return editXml(xml, 'network', (network) => {
    const now = readForwardMode(network);
    if (!(EDITABLE_FORWARD_MODES as readonly string[]).includes(now)) {
      throw invalidInput(`A network in ${now} mode cannot be changed to ${mode} here`, 'mode');
    }
    if (mode === now) return;
    if (mode === 'nat' && !firstIpv4(network)) {
      throw invalidInput('NAT needs an IPv4 address on the network', 'mode');
    }
    if (mode === 'isolated') {
      const forward = firstChild(network, 'forward');
      if (forward) removeElement(forward);
      return;
    }
    const forward = ensureChild(network, 'forward', NETWORK_ORDER);
    // <forward/> without a mode means NAT; the attribute is written anyway, as libvirt does.
    setAttr(forward, 'mode', mode);
    if (mode !== 'nat' && childElements(forward, 'nat').length > 0) {
      for (const nat of childElements(forward, 'nat')) removeElement(nat);
      // Nothing else inside: <forward mode='route'/> rather than an empty multi-line block.
      if (childElements(forward).length === 0 && (forward.textContent ?? '').trim() === '') {
        while (forward.firstChild) forward.removeChild(forward.firstChild);
      }
    }
  });
}

export const forwardModeEdit: XmlEdit<{ mode: string }> = {
  id: 'network.forwardMode',
  root: 'network',
  scope: ['network/forward'],
  applies: (network) =>
    (EDITABLE_FORWARD_MODES as readonly string[]).includes(readForwardMode(network)),
  sample: (network) => ({ mode: readForwardMode(network) === 'route' ? 'isolated' : 'route' }),
  apply: setNetworkForwardMode,
};
