/**
 * The details cards offer exactly the values the backend accepts: each list a card offers is the
 * one the XML builders and edits check against (they drifted apart once: the cards lacked the PC
 * speaker and s390's diag288 watchdog).
 */
import { describe, expect, it } from 'vitest';
import * as offered from '../../../src/renderer/views/vm-details/deviceChoices';
// The lists the XML builders and edits check against (they re-export these).
import {
  CHAR_TYPES,
  DIRECT_MODES,
  DISK_CACHES,
  DISK_IO,
  INPUT_BUSES,
  NIC_MODELS,
  RNG_SOURCES,
  SOUND_MODELS,
  TPM_MODELS,
  VIDEO_MODELS,
  WATCHDOG_MODELS,
} from '../../../src/shared/deviceOptions';

const accepted = {
  SOUND_MODELS,
  VIDEO_MODELS,
  WATCHDOG_MODELS,
  INPUT_BUSES,
  RNG_SOURCES,
  DISK_CACHES,
  DISK_IO,
  DIRECT_MODES,
  NIC_MODELS,
  CHAR_TYPES,
  TPM_MODELS,
};

describe('device choices', () => {
  it.each(Object.entries(accepted))('%s: the card offers what the XML accepts', (name, values) => {
    const list = (offered as Record<string, readonly string[] | undefined>)[name] ?? [];
    expect([...list].sort()).toEqual([...values].sort());
  });
});
