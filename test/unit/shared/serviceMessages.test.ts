/**
 * The services' refusals travel as keys (issue 18 section 1): the message key and its parameters
 * for the renderer, English words for logs and `Error.message`, each field's fault as a key too.
 */
import { describe, expect, it } from 'vitest';
import type { VmSummary } from '../../../src/shared/api/types';
import { InvalidInputError, VirtdeckError } from '../../../src/shared/errors';
import type { RpcClient } from '../../../src/main/libvirt/rpc/client';
import { runLifecycleAction } from '../../../src/main/services/vmLifecycle';
import { checkFetchUrl } from '../../../src/main/services/newVm/hostFetch';
import { checkSameNetwork } from '../../../src/main/services/networks/networkXmlDefine';
import { checkVolumeName } from '../../../src/main/services/storage/volumes';

const rpc = {} as RpcClient;
const vm = (over: Partial<VmSummary>) =>
  ({
    name: 'web',
    state: 'shutoff',
    persistent: true,
    hasManagedSave: false,
    ...over,
  }) as VmSummary;

async function refusal(promise: Promise<unknown>): Promise<VirtdeckError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VirtdeckError);
  return err as VirtdeckError;
}

describe('lifecycle refusals', () => {
  it('say the action, the VM and its state as one key', async () => {
    const err = await refusal(runLifecycleAction(rpc, vm({}), 'forceOff'));
    expect(err.text).toEqual({
      key: 'lifecycle.cannotForceOff',
      params: { name: 'web', state: 'shut off' },
    });
    expect(err.message).toBe('Cannot force off "web": it is shut off');
  });

  it('name a transient VM, a saved state and a template in their own keys', async () => {
    const transient = await refusal(
      runLifecycleAction(rpc, vm({ state: 'running', persistent: false }), 'save'),
    );
    expect(transient.text?.key).toBe('lifecycle.saveTransient');
    const saved = await refusal(runLifecycleAction(rpc, vm({ hasManagedSave: true }), 'run'));
    expect(saved.text?.key).toBe('lifecycle.runSaved');
    const template = await refusal(runLifecycleAction(rpc, vm({ template: true }), 'run'));
    expect(template.text).toEqual({ key: 'lifecycle.templateRun', params: { name: 'web' } });
  });
});

describe('field faults', () => {
  it('are keys on their fields, English in fields and message', () => {
    const bad = (check: () => unknown) => {
      try {
        check();
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidInputError);
        return err as InvalidInputError;
      }
      throw new Error('no refusal');
    };
    const url = bad(() => checkFetchUrl('gopher://example.org/x'));
    expect(url.fieldTexts['source.url']).toEqual({ key: 'install.badScheme' });
    expect(url.fields['source.url']).toBe('Only http://, https:// and ftp:// URLs can be fetched');

    const xml = bad(() => checkSameNetwork('<network><name>b</name></network>', 'a', 'u'));
    expect(xml.fieldTexts.xml).toEqual({ key: 'networks.xmlKeepName', params: { name: 'a' } });

    const name = bad(() => checkVolumeName('..'));
    expect(name.text).toEqual({ key: 'storage.unusableName', params: { name: '..' } });
    expect(name.message).toBe('".." is not a usable name');
  });
});
