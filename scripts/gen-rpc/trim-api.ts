/**
 * Trims libvirt's full API description to the enums the app uses and writes the copy that
 * `npm run gen:rpc` reads (scripts/gen-rpc/libvirt-api.xml), so neither the generator nor the
 * tests need libvirt's development files. Run it after adding a typedef to enums.ts, or to take
 * a newer libvirt's values:
 *
 *   npm run gen:rpc:api -- /usr/share/libvirt/api/libvirt-api.xml 9.0.0
 *
 * (the file comes with libvirt's development package, libvirt-dev on Debian; the second argument
 * is its libvirt version, recorded in the copy), then `npm run gen:rpc`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readApiDescription, resolveValues, type ApiEnumMember } from './apiXml';
import { ENUMS } from './enums';
import { TRIMMED_API } from './generate';

/** The typedefs kept whole: the listed enums, and virErrorNumber (the generator picks codes). */
const KEPT_TYPEDEFS: ReadonlySet<string> = new Set([...ENUMS, 'virErrorNumber']);

export function trimApi(fullXml: string, libvirtVersion: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(libvirtVersion)) {
    throw new Error(`libvirt version '${libvirtVersion}' is not like 9.0.0`);
  }
  const { members } = readApiDescription(fullXml);
  resolveValues(members); // refuse a file whose values do not resolve before writing anything
  const byName = new Map(members.map((m) => [m.name, m]));
  const kept = new Map<string, ApiEnumMember>();
  const keep = (m: ApiEnumMember): void => {
    if (kept.has(m.name)) return;
    kept.set(m.name, m);
    // A member whose value names another (VIR_DOMAIN_MEM_LIVE = VIR_DOMAIN_AFFECT_LIVE) needs it.
    const target = byName.get(m.value);
    if (target) keep(target);
  };
  for (const m of members) if (KEPT_TYPEDEFS.has(m.type)) keep(m);
  const missing = [...KEPT_TYPEDEFS].filter((t) => !members.some((m) => m.type === t));
  if (missing.length > 0) throw new Error(`no <enum> of ${missing.join(', ')} in this file`);

  const rows = [...kept.values()]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(
      (m) =>
        `    <enum name=${attr(m.name)} type=${attr(m.type)} value=${attr(m.value)}` +
        ` version=${attr(m.version)}${m.info ? ` info=${attr(m.info)}` : ''}/>`,
    );
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!--`,
    `  libvirt's API description (libvirt-api.xml) from libvirt ${libvirtVersion}, trimmed to the`,
    `  enum typedefs listed in scripts/gen-rpc/enums.ts and virErrorNumber. \`npm run gen:rpc\``,
    `  reads this copy. Generated: do not edit. To refresh it from a libvirt's full file (Debian:`,
    `  apt-get install libvirt-dev), run (with that libvirt's version)`,
    `    npx tsx scripts/gen-rpc/trim-api.ts /usr/share/libvirt/api/libvirt-api.xml 9.0.0`,
    `  and then npm run gen:rpc.`,
    `-->`,
    `<api name='libvirt' version=${attr(libvirtVersion)}>`,
    `  <symbols>`,
    ...rows,
    `  </symbols>`,
    `</api>`,
    '',
  ].join('\n');
}

function attr(value: string): string {
  const escaped = value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll("'", '&apos;');
  return `'${escaped}'`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [source, version] = process.argv.slice(2);
  if (!source || !version) {
    console.error('usage: npm run gen:rpc:api -- <path to libvirt-api.xml> <libvirt version>');
    process.exit(2);
  }
  writeFileSync(TRIMMED_API, trimApi(readFileSync(source, 'utf8'), version));
  console.log(`wrote ${relative(process.cwd(), TRIMMED_API)}`);
}
