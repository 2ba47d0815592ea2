/**
 * A clone of a template is a VM: its definition has no template mark, and the source's other
 * metadata (tags, any application's) stays.
 */
import { describe, expect, it } from 'vitest';
import { cloneDomainXml } from '../../../src/main/services/vmClone/cloneXml';
import { TEMPLATE_NS } from '../../../src/main/services/vmClone/template';

const TEMPLATE = `<domain type="qemu">
  <name>base</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <metadata>
    <virtdeck:tags xmlns:virtdeck="https://virtdeck.app/xmlns/1"><virtdeck:tag>lab</virtdeck:tag></virtdeck:tags>
    <virtdeck-template:template xmlns:virtdeck-template="${TEMPLATE_NS}"/>
    <app:thing xmlns:app="urn:x">kept</app:thing>
  </metadata>
  <memory unit="KiB">65536</memory>
  <os><type arch="x86_64" machine="pc">hvm</type></os>
</domain>`;

const spec = { sourceName: 'base', name: 'web', uuid: '99999999-2222-3333-4444-555555555555' };

describe("a template's clone", () => {
  it('leaves the template mark out and keeps the other metadata', () => {
    const out = cloneDomainXml(TEMPLATE, { ...spec, disks: new Map() });
    expect(out).not.toContain(TEMPLATE_NS);
    expect(out).toContain('<virtdeck:tag>lab</virtdeck:tag>');
    expect(out).toContain('kept</app:thing>');
    expect(out).toContain('<name>web</name>');
  });

  it('changes nothing else in a VM without the mark', () => {
    const plain = TEMPLATE.replace(/\n\s*<virtdeck-template:template[^>]*\/>/, '');
    const out = cloneDomainXml(plain, { ...spec, disks: new Map() });
    expect(out.replace('<name>web</name>', '').replace(spec.uuid, '')).toBe(
      plain.replace('<name>base</name>', '').replace('11111111-2222-3333-4444-555555555555', ''),
    );
  });
});
