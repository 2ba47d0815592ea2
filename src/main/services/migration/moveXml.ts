/**
 * The domain XML a moved VM is defined with on the target: the source's own definition with each
 * copied disk pointed at its new volume (and the NVRAM at its copy), nothing else changed, so the
 * VM keeps its UUID, MACs, devices and metadata.
 */
import { editXml, setAttr, setText } from '../../xml/xmlEdit';
import { attribute, childElements, firstChild } from '../../xml/xmlDocument';

/** Where one disk of the domain now lives on the target. */
export interface DiskRelocation {
  /** The disk's `<target dev>`. */
  target: string;
  /** The new volume's path (for a `file` disk). */
  path: string;
  /** The target pool and volume name (for a `volume` disk). */
  pool: string;
  volume: string;
}

export function relocateDisks(
  domainXml: string,
  disks: readonly DiskRelocation[],
  nvramPath?: string,
): string {
  const byTarget = new Map(disks.map((d) => [d.target, d]));
  return editXml(domainXml, 'domain', (root) => {
    const devices = firstChild(root, 'devices');
    for (const disk of devices ? childElements(devices, 'disk') : []) {
      const move = byTarget.get(attribute(firstChild(disk, 'target'), 'dev') ?? '');
      const source = firstChild(disk, 'source');
      if (!move || !source) continue;
      if (attribute(disk, 'type') === 'volume') {
        setAttr(source, 'pool', move.pool);
        setAttr(source, 'volume', move.volume);
      } else {
        setAttr(source, 'file', move.path);
      }
      byTarget.delete(move.target);
    }
    if (byTarget.size > 0) {
      throw new Error(`No disk ${[...byTarget.keys()].join(', ')} in the domain XML`);
    }
    if (nvramPath === undefined) return;
    const os = firstChild(root, 'os');
    const nvram = os && firstChild(os, 'nvram');
    if (!nvram) throw new Error('No <nvram> in the domain XML');
    // libvirt >= 8.5 may write the file as <nvram><source file=.../></nvram>.
    const nvramSource = firstChild(nvram, 'source');
    if (nvramSource) setAttr(nvramSource, 'file', nvramPath);
    else setText(nvram, nvramPath);
  });
}
