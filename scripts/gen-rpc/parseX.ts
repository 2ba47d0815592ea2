/**
 * A parser for the subset of the XDR language (RFC 4506 section 6) that libvirt's .x files use:
 * const, enum, struct, union switch, typedef; fixed and variable arrays, opaque, string, optional.
 */

export type TypeRef =
  | { kind: 'prim'; name: 'int' | 'uint' | 'hyper' | 'uhyper' | 'double' | 'float' | 'bool' }
  | { kind: 'named'; name: string };

export interface Decl {
  name: string;
  type: TypeRef | { kind: 'opaque' } | { kind: 'string' } | { kind: 'void' };
  shape: 'plain' | 'optional' | 'fixed' | 'var';
  /** Array size (fixed) or maximum (var); a constant name or a number; undefined for unbounded. */
  size?: string;
}

export type Definition =
  | { kind: 'const'; name: string; value: string }
  | { kind: 'enum'; name: string; members: { name: string; value: string }[] }
  | { kind: 'struct'; name: string; fields: Decl[] }
  | { kind: 'union'; name: string; discriminant: Decl; arms: { cases: string[]; decl: Decl }[] }
  | { kind: 'typedef'; decl: Decl };

function tokenize(source: string): string[] {
  const text = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('%'))
    .join('\n');
  return text.match(/[A-Za-z_][A-Za-z0-9_]*|0x[0-9a-fA-F]+|-?[0-9]+|[{}()[\]<>;:,=*]/g) ?? [];
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: string[]) {}

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }
  private next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new Error('unexpected end of .x file');
    return t;
  }
  private expect(token: string): void {
    const t = this.next();
    if (t !== token) throw new Error(`expected "${token}" but found "${t}" (token ${this.pos})`);
  }

  parseAll(): Definition[] {
    const out: Definition[] = [];
    while (this.peek() !== undefined) out.push(this.definition());
    return out;
  }

  private definition(): Definition {
    const keyword = this.next();
    switch (keyword) {
      case 'const': {
        const name = this.next();
        this.expect('=');
        const value = this.next();
        this.expect(';');
        return { kind: 'const', name, value };
      }
      case 'enum': {
        const name = this.next();
        this.expect('{');
        const members: { name: string; value: string }[] = [];
        while (this.peek() !== '}') {
          const member = this.next();
          this.expect('=');
          members.push({ name: member, value: this.next() });
          if (this.peek() === ',') this.next();
        }
        this.expect('}');
        this.expect(';');
        return { kind: 'enum', name, members };
      }
      case 'struct': {
        const name = this.next();
        this.expect('{');
        const fields: Decl[] = [];
        while (this.peek() !== '}') fields.push(this.declaration());
        this.expect('}');
        this.expect(';');
        return { kind: 'struct', name, fields };
      }
      case 'union': {
        const name = this.next();
        this.expect('switch');
        this.expect('(');
        const discriminant = this.declarationBody();
        this.expect(')');
        this.expect('{');
        const arms: { cases: string[]; decl: Decl }[] = [];
        while (this.peek() !== '}') {
          const cases: string[] = [];
          while (this.peek() === 'case') {
            this.next();
            cases.push(this.next());
            this.expect(':');
          }
          arms.push({ cases, decl: this.declaration() });
        }
        this.expect('}');
        this.expect(';');
        return { kind: 'union', name, discriminant, arms };
      }
      case 'typedef':
        return { kind: 'typedef', decl: this.declaration() };
      default:
        throw new Error(`unexpected "${keyword}" at token ${this.pos}`);
    }
  }

  private declaration(): Decl {
    const decl = this.declarationBody();
    this.expect(';');
    return decl;
  }

  private declarationBody(): Decl {
    let first = this.next();
    if (first === 'void') return { name: '', type: { kind: 'void' }, shape: 'plain' };
    let unsigned = false;
    if (first === 'unsigned') {
      unsigned = true;
      const t = this.peek();
      first = t === 'int' || t === 'hyper' || t === 'char' || t === 'short' ? this.next() : 'int';
    }
    const type = this.typeOf(first, unsigned);
    let shape: Decl['shape'] = 'plain';
    if (this.peek() === '*') {
      this.next();
      shape = 'optional';
    }
    const name = this.next();
    let size: string | undefined;
    if (this.peek() === '[') {
      this.next();
      size = this.next();
      this.expect(']');
      shape = 'fixed';
    } else if (this.peek() === '<') {
      this.next();
      if (this.peek() !== '>') size = this.next();
      this.expect('>');
      shape = 'var';
    }
    return { name, type, shape, size };
  }

  private typeOf(word: string, unsigned: boolean): Decl['type'] {
    switch (word) {
      // rpcgen encodes char and short as full 4-byte integers.
      case 'int':
      case 'char':
      case 'short':
        return { kind: 'prim', name: unsigned ? 'uint' : 'int' };
      case 'hyper':
        return { kind: 'prim', name: unsigned ? 'uhyper' : 'hyper' };
      case 'double':
        return { kind: 'prim', name: 'double' };
      case 'float':
        return { kind: 'prim', name: 'float' };
      case 'bool':
        return { kind: 'prim', name: 'bool' };
      case 'opaque':
        return { kind: 'opaque' };
      case 'string':
        return { kind: 'string' };
      default:
        return { kind: 'named', name: word };
    }
  }
}

export function parseXdrSource(source: string): Definition[] {
  return new Parser(tokenize(source)).parseAll();
}
