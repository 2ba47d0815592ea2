/** The install source kinds with their own module, by `source.kind`. */
import type { NewVmOptions } from '../../../../shared/api/newVmTypes';
import { applianceSource } from './appliance';
import { cloudImageSource } from './cloudImage';
import { diskImportSource } from './diskImport';
import type { InstallSourceKind } from './sourceTypes';

type ModularKind = 'cloud' | 'appliance' | 'import';

const SOURCES: { [K in ModularKind]: InstallSourceKind<K> } = {
  cloud: cloudImageSource,
  appliance: applianceSource,
  import: diskImportSource,
};

/** The module of a source kind, or undefined for the built-in ones (iso, url, pxe). */
export function sourceModule(
  source: NewVmOptions['source'],
): InstallSourceKind<NewVmOptions['source']['kind']> | undefined {
  const kind = source.kind;
  if (kind === 'cloud' || kind === 'appliance' || kind === 'import') {
    // Each module is typed for its own kind; the caller passes options of that kind.
    return SOURCES[kind] as unknown as InstallSourceKind<NewVmOptions['source']['kind']>;
  }
  return undefined;
}
