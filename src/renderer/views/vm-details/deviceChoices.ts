/**
 * The values the cards offer: the shared lists the XML builders and the API's schemas use
 * (shared/deviceOptions.ts), so a card offers every value the backend accepts, and only those.
 */
export {
  BOOT_DEVS,
  CHAR_TYPES,
  CPU_MODES,
  DIRECT_MODES,
  DISK_CACHES,
  DISK_IO,
  INPUT_BUSES,
  NIC_MODELS,
  RNG_SOURCES,
  SOUND_MODELS,
  TPM_MODELS,
  TPM_VERSIONS,
  VIDEO_MODELS,
  WATCHDOG_MODELS,
} from '../../../shared/deviceOptions';

/** Where a NIC connects, as the card's first choice (the form's, not libvirt's, vocabulary). */
export const NIC_SOURCE_KINDS = ['network', 'bridge', 'direct'] as const;
