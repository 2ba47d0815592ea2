import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApiDescription } from '../../../scripts/gen-rpc/apiXml';
import { emitEnums } from '../../../scripts/gen-rpc/emitEnums';
import { ENUMS, ERROR_NUMBERS } from '../../../scripts/gen-rpc/enums';
import { ENUMS_OUTPUT, TRIMMED_API, generateEnums } from '../../../scripts/gen-rpc/generate';
import { trimApi } from '../../../scripts/gen-rpc/trim-api';
import * as generated from '../../../src/main/libvirt/rpc/generated/libvirtEnums';

const trimmed = readFileSync(TRIMMED_API, 'utf8');

/**
 * The trimmed file's members read with a regular expression, apart from the generator's XML
 * parser: name -> typedef and value (a number, or the name of the member it equals).
 */
function membersByRegex(xml: string): Map<string, { type: string; value: string }> {
  const members = new Map<string, { type: string; value: string }>();
  for (const m of xml.matchAll(/<enum name='([A-Z0-9_]+)' type='(\w+)' value='([\w-]+)'/g)) {
    members.set(m[1]!, { type: m[2]!, value: m[3]! });
  }
  return members;
}

function numberOf(members: Map<string, { value: string }>, name: string): number {
  const value = members.get(name)?.value;
  if (value === undefined) throw new Error(`${name} is not in the file`);
  return /^[A-Z]/.test(value) ? numberOf(members, value) : Number(value);
}

const generatedObjects = Object.entries(generated) as [string, Record<string, number>][];

/** A small API description in libvirt's own layout, for the generator's rules. */
const api = (...members: string[]): string =>
  `<?xml version="1.0"?>\n<api name='libvirt'>\n  <symbols>\n${members
    .map((m) => `    ${m}\n`)
    .join('')}  </symbols>\n</api>\n`;
const member = (name: string, type: string, value: string, extra = ''): string =>
  `<enum name='${name}' file='libvirt-x' value='${value}' type='${type}' version='1.0.0'${extra}/>`;

describe('generated libvirt enums', () => {
  it('is exactly what the generator produces from the trimmed API description', () => {
    const committed = readFileSync(ENUMS_OUTPUT, 'utf8');
    const fresh = generateEnums();
    // Line by line first for a readable diff, then byte for byte.
    expect(fresh.split('\n')).toEqual(committed.split('\n'));
    expect(fresh === committed).toBe(true);
  });

  it('reads the trimmed copy committed beside the generator and names its libvirt version', () => {
    expect(relative(process.cwd(), TRIMMED_API).replaceAll('\\', '/')).toBe(
      'scripts/gen-rpc/libvirt-api.xml',
    );
    expect(trimmed).toMatch(/^<api name='libvirt' version='\d+\.\d+\.\d+'>$/m);
    const version = /version='(\d+\.\d+\.\d+)'>/.exec(trimmed)?.[1];
    expect(trimmed).toContain(`from libvirt ${version}, trimmed`);
    expect(readFileSync(ENUMS_OUTPUT, 'utf8')).toContain(`(libvirt ${version})`);
  });

  it('emits one object per listed typedef and virErrorNumber, nothing else', () => {
    expect(generatedObjects.map(([name]) => name).sort()).toEqual(
      [...ENUMS, 'virErrorNumber'].sort(),
    );
    expect(Object.keys(generated.virErrorNumber).sort()).toEqual([...ERROR_NUMBERS].sort());
  });

  it("every generated value is the trimmed file's, and every member of a listed typedef is there", () => {
    const members = membersByRegex(trimmed);
    expect(members.size).toBeGreaterThan(200);
    for (const [typedef, object] of generatedObjects) {
      for (const [name, value] of Object.entries(object)) {
        expect(members.get(name)?.type, name).toBe(typedef);
        expect(value, name).toBe(numberOf(members, name));
      }
      if (typedef === 'virErrorNumber') continue;
      const inFile = [...members].filter(([, m]) => m.type === typedef).map(([name]) => name);
      const left = inFile.filter((name) => !(name in object));
      // Only a `_LAST` sentinel (the member count) is left out.
      expect(
        left.every((name) => name.endsWith('_LAST')),
        `${typedef}: ${left.join()}`,
      ).toBe(true);
      expect(left.length, typedef).toBeLessThanOrEqual(1);
    }
  });

  it("holds libvirt's stable numbers the app passes (from libvirt's public headers)", () => {
    expect(generated.virDomainModificationImpact).toEqual({
      VIR_DOMAIN_AFFECT_CURRENT: 0,
      VIR_DOMAIN_AFFECT_LIVE: 1,
      VIR_DOMAIN_AFFECT_CONFIG: 2,
    });
    expect(generated.virDomainXMLFlags.VIR_DOMAIN_XML_SECURE).toBe(1);
    expect(generated.virDomainXMLFlags.VIR_DOMAIN_XML_INACTIVE).toBe(2);
    expect(generated.virDomainUndefineFlagsValues.VIR_DOMAIN_UNDEFINE_NVRAM).toBe(4);
    expect(generated.virConnectListAllDomainsFlags.VIR_CONNECT_LIST_DOMAINS_PERSISTENT).toBe(4);
    expect(generated.virDomainEventID.VIR_DOMAIN_EVENT_ID_LIFECYCLE).toBe(0);
    expect(generated.virDomainEventID.VIR_DOMAIN_EVENT_ID_DEVICE_ADDED).toBe(19);
    expect(generated.virNetworkUpdateSection.VIR_NETWORK_SECTION_IP_DHCP_HOST).toBe(4);
    // ADD_LAST is a command ("add at the end"), not the enum's sentinel; _COMMAND_LAST is.
    expect(generated.virNetworkUpdateCommand.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST).toBe(3);
    expect(generated.virNetworkUpdateCommand).not.toHaveProperty('VIR_NETWORK_UPDATE_COMMAND_LAST');
    expect(generated.virDomainEventID).not.toHaveProperty('VIR_DOMAIN_EVENT_ID_LAST');
    expect(generated.virErrorNumber.VIR_ERR_NO_DOMAIN).toBe(42);
    expect(generated.virErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED).toBe(84);
  });

  it('no libvirt constant is written by hand in src/main: they come from this file', () => {
    // A VIR_ name given a number, a flags argument written as a number, or a const documented
    // as one of libvirt's enum typedefs or constants (the shape of the hand-written tables this file replaced).
    const handWrittenPattern = new RegExp(
      [
        /(?:^[ \t]*|\bconst\s+)VIR_[A-Z0-9_]+\s*[:=]\s*-?\d/.source,
        /\bflags:\s*[1-9]/.source,
        /\/\*\*[^*]*\b(?:vir[A-Z]\w*(?:Flags|Values|Impact|Type|Types|ID|Reason|Command|Section)|VIR_[A-Z0-9_]+)\b[^*]*\*\/\s*(?:export\s+)?const\s+\w+\s*=\s*[{\d]/
          .source,
      ].join('|'),
      'gm',
    );
    const main = join(process.cwd(), 'src', 'main');
    const files = readdirSync(main, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.replaceAll('\\', '/').startsWith('libvirt/rpc/generated/'),
    );
    expect(files.length).toBeGreaterThan(100);
    const handWritten = files.flatMap((f) =>
      [...readFileSync(join(main, f), 'utf8').matchAll(handWrittenPattern)].map(
        (m) => `${f}: ${m[0]}`,
      ),
    );
    // libvirt's internal constants (libvirt_internal.h, virnetprotocol.x): not in its API
    // description, so written by hand where they are used.
    const internal =
      /VIR_DRV_FEATURE_(?:PROGRAM_KEEPALIVE|MIGRATE_CHANGE_PROTECTION)|VIR_NET_MESSAGE_(?:LEGACY_PAYLOAD_)?MAX\b/;
    expect(handWritten.filter((found) => !internal.test(found))).toEqual([]);
  });
});

describe('enum generator rules', () => {
  it('follows a value that names another member, sorts by value and keeps libvirt docs', () => {
    const out = emitEnums({
      api: readApiDescription(
        api(
          member('VIR_X_CONFIG', 'virX', '2', ` info='persistent &amp; more\n   text'`),
          member('VIR_X_LIVE', 'virX', '0x1'),
          member('VIR_Y_LIVE', 'virY', 'VIR_X_LIVE'),
          member('VIR_ERR_NO_X', 'virErrorNumber', '7'),
          member('VIR_ERR_OTHER', 'virErrorNumber', '8'),
        ),
      ),
      enums: ['virX', 'virY'],
      errorNumbers: ['VIR_ERR_NO_X'],
    });
    expect(out).toContain(
      'export const virX = {\n  VIR_X_LIVE: 1,\n  /** persistent & more text */\n  VIR_X_CONFIG: 2,\n} as const;',
    );
    expect(out).toContain('export const virY = {\n  VIR_Y_LIVE: 1,\n} as const;');
    expect(out).toContain('VIR_ERR_NO_X: 7,');
    expect(out).not.toContain('VIR_ERR_OTHER');
  });

  it('drops only the `_LAST` member above all others (the sentinel)', () => {
    const out = emitEnums({
      api: readApiDescription(
        api(
          member('VIR_C_ADD_LAST', 'virC', '1'),
          member('VIR_C_ADD_FIRST', 'virC', '2'),
          member('VIR_C_LAST', 'virC', '3'),
        ),
      ),
      enums: ['virC'],
      errorNumbers: [],
    });
    expect(out).toContain('VIR_C_ADD_LAST: 1,');
    expect(out).toContain('VIR_C_ADD_FIRST: 2,');
    expect(out).not.toContain('VIR_C_LAST:');
  });

  it('refuses a listed typedef or error number the description lacks, and a bad value', () => {
    const description = readApiDescription(api(member('VIR_X_A', 'virX', '1')));
    expect(() => emitEnums({ api: description, enums: ['virGone'], errorNumbers: [] })).toThrow(
      /no <enum> of virGone/,
    );
    expect(() =>
      emitEnums({ api: description, enums: [], errorNumbers: ['VIR_ERR_GONE'] }),
    ).toThrow(/VIR_ERR_GONE is not a virErrorNumber/);
    const broken = (value: string) =>
      emitEnums({
        api: readApiDescription(api(member('VIR_X_A', 'virX', value))),
        enums: ['virX'],
        errorNumbers: [],
      });
    expect(() => broken('VIR_NOWHERE')).toThrow(/unknown VIR_NOWHERE/);
    expect(() => broken('1 &lt;&lt; 2')).toThrow(/not a number/);
    expect(() => broken('VIR_X_A')).toThrow(/circular/);
  });

  it('trim-api keeps the listed typedefs whole, what their values name, and the version', () => {
    const listed = ENUMS.map((t, i) => member(`VIR_LISTED_${i}`, t, String(i)));
    const full = api(
      ...listed,
      member('VIR_DOMAIN_AFFECT_LIVE_ALIAS', 'virDomainModificationImpact', 'VIR_OTHER_ONE'),
      member('VIR_OTHER_ONE', 'virNotListed', '1'),
      member('VIR_OTHER_TWO', 'virNotListed', '2'),
      member('VIR_ERR_ANY', 'virErrorNumber', '5', ` info='a "quoted" &lt;thing&gt;'`),
    );
    const copy = trimApi(full, '11.3.0');
    expect(copy).toMatch(/^<api name='libvirt' version='11\.3\.0'>$/m);
    const back = readApiDescription(copy);
    expect(back.libvirtVersion).toBe('11.3.0');
    expect(back.members.map((m) => m.name).sort()).toEqual(
      [
        ...ENUMS.map((_, i) => `VIR_LISTED_${i}`),
        'VIR_DOMAIN_AFFECT_LIVE_ALIAS',
        'VIR_OTHER_ONE',
        'VIR_ERR_ANY',
      ].sort(),
    );
    expect(back.members.find((m) => m.name === 'VIR_ERR_ANY')?.info).toBe('a "quoted" <thing>');
    // The copy it wrote for the app reads back the same way.
    expect(trimApi(copy, '11.3.0')).toBe(copy);
  });

  it('trim-api refuses a file without a listed typedef, and a version not like 9.0.0', () => {
    const listed = ENUMS.map((t, i) => member(`VIR_LISTED_${i}`, t, String(i)));
    expect(() => trimApi(api(...listed.slice(1)), '9.0.0')).toThrow(
      new RegExp(`no <enum> of ${ENUMS[0]}`),
    );
    expect(() => trimApi(api(...listed), 'latest')).toThrow(/not like 9\.0\.0/);
  });
});
