/**
 * Names for a clone and its files, as virt-clone makes them (virtinst's cloner.py): the VM
 * "NAME-clone" (then "NAME-clone-2"...), each file from the original's name with the source's
 * name replaced by the clone's (or "-clone" added), its extension kept, and a number added until
 * the name is free.
 */
import { posix } from 'node:path';

/** "NAME-clone", or "NAME-clone-2", "-3"... when taken. */
export function suggestCloneName(source: string, taken: ReadonlySet<string>): string {
  const base = `${source}-clone`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A file name's stem and extension; like virt-clone, a "suffix" longer than 7 characters is part
 * of the name, not an extension ("disk.qcow2" -> ["disk", ".qcow2"], "a.verylongpart" whole).
 */
export function splitExtension(fileName: string): [string, string] {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || fileName.length - dot - 1 > 7) return [fileName, ''];
  return [fileName.slice(0, dot), fileName.slice(dot)];
}

/**
 * The clone's name for a file of the source (a volume, a serial log): the source's name in it
 * replaced by the clone's, else "-clone" added to its stem; the extension kept.
 */
export function cloneFileName(fileName: string, sourceName: string, cloneName: string): string {
  const [stem, extension] = splitExtension(fileName);
  const renamed =
    sourceName !== '' && stem.includes(sourceName)
      ? stem.split(sourceName).join(cloneName)
      : `${stem}-clone`;
  return `${renamed}${extension}`;
}

/** `path` with its file name renamed for the clone (serial / console files, logs). */
export function cloneFilePath(path: string, sourceName: string, cloneName: string): string {
  return posix.join(
    posix.dirname(path),
    cloneFileName(posix.basename(path), sourceName, cloneName),
  );
}

/** `name`, or "STEM-1.EXT", "STEM-2.EXT"... until it is not taken (virt-clone's generate_name). */
export function freeFileName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const [stem, extension] = splitExtension(name);
  for (let n = 1; ; n++) {
    const candidate = `${stem}-${n}${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}
