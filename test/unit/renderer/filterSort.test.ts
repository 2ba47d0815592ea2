import { describe, expect, it } from 'vitest';
import { filterVms, groupRows, sortVms } from '../../../src/renderer/views/vm-list/filterSort';
import { vm } from './fixtures';

const all = [
  vm('Web-2', { state: 'running', vcpus: 2 }),
  vm('web-10', { state: 'shutoff', vcpus: 4 }),
  vm('db', { state: 'paused', vcpus: 1 }),
  vm('Other', { connectionId: 'c2', state: 'crashed', vcpus: 8 }),
];

describe('filterVms', () => {
  it('matches a name substring, case-insensitively', () => {
    const names = filterVms(all, { text: ' WEB', state: 'all', host: 'all' }).map((v) => v.name);
    expect(names).toEqual(['Web-2', 'web-10']);
  });
  it('filters by state group and host', () => {
    expect(filterVms(all, { text: '', state: 'running', host: 'all' }).map((v) => v.name)).toEqual([
      'Web-2',
    ]);
    expect(filterVms(all, { text: '', state: 'other', host: 'all' }).map((v) => v.name)).toEqual([
      'Other',
    ]);
    expect(filterVms(all, { text: '', state: 'all', host: 'c2' }).map((v) => v.name)).toEqual([
      'Other',
    ]);
  });
});

describe('sortVms', () => {
  it('sorts names naturally and reverses', () => {
    const asc = sortVms(all, { column: 'name', direction: 'ascending' }).map((v) => v.name);
    expect(asc).toEqual(['db', 'Other', 'Web-2', 'web-10']);
    const desc = sortVms(all, { column: 'name', direction: 'descending' }).map((v) => v.name);
    expect(desc).toEqual([...asc].reverse());
  });
  it('sorts by numbers and by latest stats, ties by name', () => {
    expect(sortVms(all, { column: 'vcpus', direction: 'descending' }).map((v) => v.vcpus)).toEqual([
      8, 4, 2, 1,
    ]);
    const cpu: Record<string, number> = { 'c1/uuid-db': 50, 'c1/uuid-Web-2': 10 };
    const sorted = sortVms(all, { column: 'cpu', direction: 'descending' }, (k) =>
      k in cpu ? { cpuPercent: cpu[k] } : undefined,
    );
    expect(sorted.map((v) => v.name)).toEqual(['db', 'Web-2', 'Other', 'web-10']);
  });
});

describe('groupRows', () => {
  const connections = [
    { id: 'c1', uri: 'test:///default', autoconnect: true },
    { id: 'c2', uri: 'qemu:///system', autoconnect: true },
    { id: 'c3', uri: 'qemu:///session', autoconnect: false },
  ];
  it('puts each connection header before its VMs, also when it has none', () => {
    const rows = groupRows(connections, all, 'all');
    expect(
      rows.map((r) => (r.kind === 'host' ? `#${r.connection.id}:${r.vmCount}` : r.vm.name)),
    ).toEqual(['#c1:3', 'Web-2', 'web-10', 'db', '#c2:1', 'Other', '#c3:0']);
    expect(groupRows(connections, all, 'c2')).toHaveLength(2);
  });
});
