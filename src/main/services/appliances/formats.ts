/**
 * The appliance formats, each with its reader; the first file of an archive picks one (an OVA's
 * is its .ovf descriptor, a Vagrant box's its metadata.json). A new format adds its reader here.
 */
import type { ApplianceFormat } from './applianceTypes';
import { ovaFormat } from './ova';

const FORMATS: readonly ApplianceFormat[] = [ovaFormat];

/** The reader of the archive whose first file entry is `firstFileName` (without "./"). */
export function formatClaiming(firstFileName: string): ApplianceFormat | undefined {
  return FORMATS.find((format) => format.claims(firstFileName));
}
