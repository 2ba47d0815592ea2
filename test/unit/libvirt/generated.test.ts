import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, SPEC, generate } from '../../../scripts/gen-rpc/generate';
import {
  REMOTE_PROGRAM,
  REMOTE_PROTOCOL_VERSION,
  eventMessages,
  procedures,
} from '../../../src/main/libvirt/rpc/generated/remoteProtocol';
import type { Codec } from '../../../src/main/libvirt/rpc/xdr';

const spec = readFileSync(SPEC, 'utf8');

/** The number remote_protocol.x gives REMOTE_PROC_<name>, read straight from the .x text. */
function procNumber(name: string): number | undefined {
  const match = new RegExp(`^\\s*REMOTE_PROC_${name}\\s*=\\s*(\\d+)\\s*,?\\s*$`, 'm').exec(spec);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Whether the .x source defines `struct <name>`. */
const hasStruct = (name: string): boolean => new RegExp(`^struct ${name}\\s*\\{`, 'm').test(spec);

describe('generated remote protocol table', () => {
  it('is exactly what the generator produces from remote_protocol.x', () => {
    const committed = readFileSync(OUTPUT, 'utf8');
    const generated = generate();
    // Compare line by line first for a readable diff, then byte for byte.
    expect(generated.split('\n')).toEqual(committed.split('\n'));
    expect(Buffer.from(generated, 'utf8').equals(Buffer.from(committed, 'utf8'))).toBe(true);
  });

  it('reads the spec from the shared reference and writes into the rpc folder', () => {
    expect(SPEC.replaceAll('\\', '/')).toMatch(
      /\/shared\/reference\/libvirt-rpc\/remote_protocol\.x$/,
    );
    expect(OUTPUT.replaceAll('\\', '/')).toMatch(
      /\/src\/main\/libvirt\/rpc\/generated\/remoteProtocol\.ts$/,
    );
  });

  it('spot checks against the .x text', () => {
    expect(procNumber('CONNECT_OPEN')).toBe(1);
    expect(procNumber('AUTH_LIST')).toBe(66);
    expect(procNumber('CONNECT_GET_ALL_DOMAIN_STATS')).toBe(344);
    expect(procNumber('DOMAIN_EVENT_CALLBACK_LIFECYCLE')).toBe(318);

    expect(procedures.CONNECT_OPEN.id).toBe(1);
    expect(procedures.AUTH_LIST.id).toBe(66);
    expect(procedures.CONNECT_GET_ALL_DOMAIN_STATS.id).toBe(344);
    expect(eventMessages.DOMAIN_EVENT_CALLBACK_LIFECYCLE.id).toBe(318);

    expect(spec).toMatch(/^const REMOTE_PROGRAM = 0x20008086;$/m);
    expect(REMOTE_PROGRAM).toBe(0x20008086);
    expect(spec).toMatch(/^const REMOTE_PROTOCOL_VERSION = 1;$/m);
    expect(REMOTE_PROTOCOL_VERSION).toBe(1);
  });

  it('every procedure and event number matches the .x text', () => {
    const entries = [
      ...Object.entries(procedures).map(([name, p]) => [name, p.id] as const),
      ...Object.entries(eventMessages).map(([name, e]) => [name, e.id] as const),
    ];
    expect(entries.length).toBeGreaterThan(90);
    for (const [name, id] of entries) expect(procNumber(name), name).toBe(id);
    // No two names share a number.
    expect(new Set(entries.map(([, id]) => id)).size).toBe(entries.length);
  });

  it('argument, return and message codecs are void exactly when the .x has no struct for them', () => {
    for (const [name, p] of Object.entries(procedures)) {
      const base = `remote_${name.toLowerCase()}`;
      expect(p.args.shape.kind === 'void', `${name} args`).toBe(!hasStruct(`${base}_args`));
      expect(p.ret.shape.kind === 'void', `${name} ret`).toBe(!hasStruct(`${base}_ret`));
    }
    for (const [name, e] of Object.entries(eventMessages)) {
      expect(hasStruct(`remote_${name.toLowerCase()}_msg`), name).toBe(true);
      expect(e.msg.shape.kind, name).toBe('struct');
    }
  });

  it('struct fields follow the .x (remote_connect_open_args, remote_auth_list_ret)', () => {
    const fields = (codec: Codec<unknown>): Record<string, Codec<unknown>> =>
      codec.shape.kind === 'struct' ? codec.shape.fields : {};
    expect(spec).toMatch(
      /struct remote_connect_open_args \{[^}]*remote_string name;\s*unsigned int flags;\s*\};/,
    );
    const open = fields(procedures.CONNECT_OPEN.args);
    expect(Object.keys(open)).toEqual(['name', 'flags']);
    expect(open.name?.shape.kind).toBe('optional');
    expect(open.flags?.shape.kind).toBe('uint');

    expect(spec).toMatch(
      /struct remote_auth_list_ret \{\s*remote_auth_type types<REMOTE_AUTH_TYPE_LIST_MAX>;/,
    );
    expect(spec).toMatch(/^const REMOTE_AUTH_TYPE_LIST_MAX = 20;$/m);
    const types = fields(procedures.AUTH_LIST.ret).types;
    expect(types?.shape).toMatchObject({ kind: 'array', max: 20 });
  });
});
