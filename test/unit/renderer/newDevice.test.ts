/**
 * Add hardware offers the values the backend accepts (the lists of shared/deviceOptions.ts, not a
 * shorter copy of its own), and a device it describes names one of them.
 */
import { describe, expect, it } from 'vitest';
import {
  choicesFor,
  INITIAL_FORM,
  toNewDevice,
} from '../../../src/renderer/views/vm-details/newDevice';
import { CONTROLLER_TYPES, SOUND_MODELS, WATCHDOG_MODELS } from '../../../src/shared/deviceOptions';

describe('Add hardware choices', () => {
  it('offers every sound model, watchdog and controller the backend accepts', () => {
    expect(choicesFor('sound', 'x86_64')).toEqual(SOUND_MODELS);
    expect(choicesFor('sound', 'x86_64')).toContain('pcspk');
    expect(choicesFor('watchdog', 's390x')).toEqual(WATCHDOG_MODELS);
    expect(choicesFor('watchdog', 's390x')).toContain('diag288');
    expect(choicesFor('controller', 'x86_64')).toEqual(CONTROLLER_TYPES);
  });

  it('offers the POWER TPM models only to a POWER guest', () => {
    expect(choicesFor('tpm', 'x86_64')).toEqual(['tpm-crb', 'tpm-tis']);
    expect(choicesFor('tpm', 'ppc64')).toEqual([
      'tpm-crb',
      'tpm-tis',
      'tpm-spapr',
      'spapr-tpm-proxy',
    ]);
  });

  it('a kind whose choice was not touched gets the first one shown', () => {
    expect(toNewDevice({ ...INITIAL_FORM, kind: 'controller' })).toEqual({
      kind: 'controller',
      type: 'usb',
    });
    expect(toNewDevice({ ...INITIAL_FORM, kind: 'sound', choice: 'pcspk' })).toEqual({
      kind: 'sound',
      model: 'pcspk',
    });
  });
});
