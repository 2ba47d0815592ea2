import { describe, expect, it } from 'vitest';
import { allTags, filterVms } from '../../../src/renderer/views/vm-list/filterSort';
import { vm } from './fixtures';

describe('the VM list filtered by tag', () => {
  const vms = [
    vm('web1', { tags: ['web', 'prod'] }),
    vm('db1', { tags: ['db', 'prod'] }),
    vm('scratch'),
  ];

  it('lists every tag once, sorted', () => {
    expect(allTags(vms)).toEqual(['db', 'prod', 'web']);
  });

  it('keeps only the VMs with the chosen tag; "all" keeps every VM', () => {
    const names = (tag: string) =>
      filterVms(vms, { text: '', state: 'all', host: 'all', tag }).map((v) => v.name);
    expect(names('prod')).toEqual(['web1', 'db1']);
    expect(names('web')).toEqual(['web1']);
    expect(names('all')).toEqual(['web1', 'db1', 'scratch']);
  });
});
