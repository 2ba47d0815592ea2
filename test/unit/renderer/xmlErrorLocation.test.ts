/** Where the XML tab marks an error: a line libvirt or the parser names, else the changed line in the named element. */
import { describe, expect, it } from 'vitest';
import { locateXmlError } from '../../../src/renderer/views/vm-details/xmlErrorLocation';

const ORIGINAL = [
  "<domain type='qemu'>",
  '  <name>vm</name>',
  '  <devices>',
  "    <serial type='pty'/>",
  '  </devices>',
  '</domain>',
].join('\n');

describe('locateXmlError', () => {
  it('takes the line a parse error names', () => {
    const edited = ORIGINAL.replace('<name>vm</name>', '<name>vm</nam>');
    expect(
      locateXmlError('Not valid XML: Opening and ending tag mismatch (line 2)', edited, ORIGINAL),
    ).toEqual({ line: 2 });
  });

  it('narrows libvirt’s schema error to the line changed inside the element it names', () => {
    const edited = ORIGINAL.replace('  <devices>', '  <devices>\n    <bogus-device/>');
    const message =
      'XML document failed to validate against schema: Unable to validate doc against ' +
      '/usr/share/libvirt/schemas/domain.rng\nExtra element devices in interleave\n' +
      'Element domain failed to validate content';
    expect(locateXmlError(message, edited, ORIGINAL)).toEqual({ line: 4, element: 'devices' });
  });

  it('falls back to the element’s own line, then to the first changed line', () => {
    expect(locateXmlError('Extra element devices in interleave', ORIGINAL, ORIGINAL)).toEqual({
      line: 3,
      element: 'devices',
    });
    const edited = ORIGINAL.replace('<name>vm</name>', '<name>other</name>');
    expect(locateXmlError('XML error: Invalid port number: x', edited, ORIGINAL)).toEqual({
      line: 2,
    });
    expect(locateXmlError('something failed', ORIGINAL, ORIGINAL)).toBeUndefined();
  });
});
