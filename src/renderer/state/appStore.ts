import type {
  ConnectionConfig,
  HostStatus,
  JobProgress,
  Prompt,
  SessionSnapshot,
  Settings,
  StatsBatch,
  VmDelta,
} from '../../shared/api/types';
import type { LinkState } from '../api/transport';
import type { Notice } from './notices';
import {
  applyHostStatus,
  applyVmDelta,
  hostsFromList,
  promptClosed,
  promptOpened,
  retainConnections,
  vmsFromList,
  type HostMap,
  type VmMap,
} from './reducers';
import { createSlice } from './slice';
import { StatsStore } from './statsStore';

/** The renderer's state, one slice per concern; views subscribe to the slice they show. */
export function createAppStore() {
  const connections = createSlice<readonly ConnectionConfig[]>([]);
  const hosts = createSlice<HostMap>(new Map());
  const vms = createSlice<VmMap>(new Map());
  const stats = new StatsStore();
  const prompts = createSlice<readonly Prompt[]>([]);
  const settings = createSlice<Settings | null>(null);
  const notices = createSlice<readonly Notice[]>([]);
  const link = createSlice<{ state: LinkState; loaded: boolean }>({ state: 'open', loaded: false });
  /** `${vmKey}:${action}` of lifecycle actions still running, to disable their buttons. */
  const inflight = createSlice<ReadonlySet<string>>(new Set());
  /** Connections refused for a changed host key whose explanation is not yet dismissed. */
  const hostKeyAlerts = createSlice<readonly string[]>([]);
  const jobs = createSlice<ReadonlyMap<string, JobProgress>>(new Map());
  let noticeId = 1;

  const setConnections = (list: ConnectionConfig[]) => {
    connections.set(list);
    const { vms: kept, removed } = retainConnections(vms.get(), new Set(list.map((c) => c.id)));
    vms.set(kept);
    stats.drop(removed);
  };

  const hostStatus = (status: HostStatus) => {
    const result = applyHostStatus(hosts.get(), status);
    hosts.set(result.hosts);
    if (result.hostKeyRefused) raiseHostKeyAlert(status.connectionId);
  };

  const raiseHostKeyAlert = (id: string) => {
    hostKeyAlerts.update((list) => (list.includes(id) ? list : [...list, id]));
  };

  return {
    connections,
    hosts,
    vms,
    stats,
    prompts,
    settings,
    notices,
    link,
    inflight,
    hostKeyAlerts,
    jobs,

    applySnapshot(snapshot: SessionSnapshot) {
      connections.set(snapshot.connections);
      // After a reconnect of the link, a refusal already explained is not explained again.
      const before = hosts.get();
      hosts.set(hostsFromList(snapshot.hosts));
      const nextVms = vmsFromList(snapshot.vms);
      stats.drop([...stats.keys()].filter((key) => !nextVms.has(key)));
      vms.set(nextVms);
      prompts.set(snapshot.prompts);
      settings.set(snapshot.settings);
      for (const h of snapshot.hosts) {
        if (applyHostStatus(before, h).hostKeyRefused) raiseHostKeyAlert(h.connectionId);
      }
      link.set({ state: 'open', loaded: true });
    },
    setConnections,
    hostStatus,
    vmDelta(delta: VmDelta) {
      const result = applyVmDelta(vms.get(), delta);
      vms.set(result.vms);
      stats.drop(result.removed);
    },
    statsSamples(batch: StatsBatch) {
      stats.push(batch);
    },
    promptOpened(prompt: Prompt) {
      prompts.update((list) => promptOpened(list, prompt));
    },
    promptClosed(id: string) {
      prompts.update((list) => promptClosed(list, id));
    },
    jobProgress(job: JobProgress) {
      jobs.update((map) => new Map(map).set(job.jobId, job));
    },
    dismissHostKeyAlert(id: string) {
      hostKeyAlerts.update((list) => list.filter((x) => x !== id));
    },
    notify(notice: Omit<Notice, 'id'>) {
      const id = noticeId++;
      notices.update((list) => [...list, { ...notice, id }]);
      return id;
    },
    dismissNotice(id: number) {
      notices.update((list) => list.filter((n) => n.id !== id));
    },
    setInflight(key: string, on: boolean) {
      inflight.update((set) => {
        if (set.has(key) === on) return set;
        const next = new Set(set);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      });
    },
  };
}

export type AppStore = ReturnType<typeof createAppStore>;
