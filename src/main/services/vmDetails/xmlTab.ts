/**
 * The XML tab: the user's whole edited XML, defined with libvirt's validation. It must describe
 * this VM (same UUID, or none, which libvirt would take as a new VM), and a display password the
 * tab never showed (the renderer gets XML without secrets) is carried over, so a define from the
 * tab does not silently remove it. On any error nothing has changed.
 */
import type { EditResult } from '../../../shared/api/vmDetailsTypes';
import { VirtdeckError } from '../../../shared/errors';
import { msg } from '../../../shared/messages/message';
import { defineDomain } from '../../libvirt/domain';
import { childElements, firstChild, parseXml } from '../../xml/xmlDocument';
import { editXml } from '../../xml/xmlEdit';
import { invalidInput } from '../../../shared/inputChecks';
import { secureConfigXml, type VmHandle } from './vmXml';
import { virDomainDefineFlags } from '../../libvirt/rpc/generated/libvirtEnums';

function graphicsOf(xml: string) {
  const domain = parseXml(xml).documentElement;
  const devices = domain ? firstChild(domain, 'devices') : undefined;
  return devices ? childElements(devices, 'graphics') : [];
}

export async function defineXmlFromTab(
  vm: VmHandle,
  uuid: string,
  edited: string,
): Promise<EditResult> {
  if (!vm.persistent) {
    throw new VirtdeckError('invalid-input', msg('vmDetails.transientXml'));
  }
  const current = await secureConfigXml(vm);
  const secrets = graphicsOf(current);
  const xml = editXml(edited, 'domain', (domain) => {
    const own = firstChild(domain, 'uuid')?.textContent?.trim().toLowerCase();
    if (own !== uuid.toLowerCase()) {
      throw invalidInput(msg('vmDetails.keepUuid', { uuid }), 'xml');
    }
    const devices = firstChild(domain, 'devices');
    const graphics = devices ? childElements(devices, 'graphics') : [];
    graphics.forEach((g, i) => {
      const before = secrets[i];
      const passwd = before?.getAttribute('passwd');
      if (
        passwd &&
        !g.hasAttribute('passwd') &&
        before?.getAttribute('type') === g.getAttribute('type')
      ) {
        g.setAttribute('passwd', passwd);
      }
    });
  });
  await defineDomain(vm.rpc, xml, virDomainDefineFlags.VIR_DOMAIN_DEFINE_VALIDATE);
  return { needsRestart: vm.active };
}
