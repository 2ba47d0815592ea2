import { describe, expect, it } from 'vitest';
import { wizardField } from '../../../src/renderer/views/new-vm/templateClone';
import { errorsOf, stepOfField, stepsOf } from '../../../src/renderer/views/new-vm/wizardState';

describe("a template clone's field errors in the wizard", () => {
  it("land on a field of a page the template's wizard shows", () => {
    const cases: [string, string][] = [
      ['name', 'name.name'],
      ['disks.1.volume', 'name.name'],
      ['overrides.memoryMiB', 'resources.memoryMiB'],
      ['overrides.vcpus', 'resources.vcpus'],
      ['overrides.network.name', 'network.name'],
      ['overrides.network', 'network.name'],
      ['identityReset', 'source.operations'],
      ['identityReset.hostname', 'source.operations'],
      ['disks.0.mode', 'source.mode'],
      ['pauseSource', 'source.mode'],
    ];
    const pages = stepsOf({ sourceKind: 'template' });
    expect(pages).toEqual(['source', 'resources', 'network', 'name', 'summary']);
    for (const [field, shown] of cases) {
      expect(wizardField(field)).toBe(shown);
      const page = stepOfField(shown);
      expect(page && pages.includes(page)).toBe(true);
      expect(Object.values(errorsOf({ [shown]: 'x' }, page ?? 'summary'))).toEqual(['x']);
    }
  });
});
