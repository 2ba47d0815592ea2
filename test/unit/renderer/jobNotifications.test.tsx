import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toasts } from '../../../src/renderer/components/Toasts';
import {
  announces,
  LONG_JOB_MS,
  useJobNotifications,
} from '../../../src/renderer/notifications/jobNotifications';
import type { JobProgress } from '../../../src/shared/api/types';
import { createAppStore } from '../../../src/renderer/state/appStore';
import { syncStore } from '../../../src/renderer/state/sync';
import { fakeBackend, renderWithServices } from './support/fakeBackend';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function job(over: Partial<JobProgress>): JobProgress {
  return {
    jobId: 'j1',
    title: "Upload 'disk «1».iso'",
    phase: 'running',
    unit: 'bytes',
    done: 0,
    elapsedMs: 0,
    cancellable: true,
    ...over,
  };
}

describe('which job ends are announced', () => {
  it('a long job that finished or failed, focused or not', () => {
    for (const phase of ['done', 'failed'] as const) {
      expect(announces(job({ phase, elapsedMs: LONG_JOB_MS }), true)).toBe(true);
      expect(announces(job({ phase, elapsedMs: LONG_JOB_MS }), false)).toBe(true);
    }
  });

  it('a short one only when the window is not in front', () => {
    expect(announces(job({ phase: 'done', elapsedMs: 800 }), true)).toBe(false);
    expect(announces(job({ phase: 'done', elapsedMs: 800 }), false)).toBe(true);
  });

  it('never a running or cancelled job (the cancel was the user’s own)', () => {
    expect(announces(job({ phase: 'running', elapsedMs: 60_000 }), false)).toBe(false);
    expect(announces(job({ phase: 'cancelled', elapsedMs: 60_000 }), false)).toBe(false);
  });
});

function Announcer() {
  useJobNotifications();
  return <Toasts />;
}

describe('in the browser shell', () => {
  it('toasts a long job’s end once, with its title and the error', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { store } = renderWithServices(fakeBackend({}), <Announcer />);
    act(() => store.jobProgress(job({ elapsedMs: 1000 })));
    act(() => store.jobProgress(job({ phase: 'done', done: 10, elapsedMs: 9000 })));
    expect(await screen.findByText("Finished: Upload 'disk «1».iso'")).toBeTruthy();
    // The same end heard again (a resync) is not a second toast.
    act(() => store.jobProgress(job({ phase: 'done', done: 10, elapsedMs: 9000 })));
    expect(screen.getAllByText(/^Finished:/)).toHaveLength(1);

    act(() =>
      store.jobProgress(
        job({
          jobId: 'j2',
          title: 'Create VM web',
          phase: 'failed',
          elapsedMs: 7000,
          error: { code: 'libvirt', message: 'No space left on device' },
        }),
      ),
    );
    expect(await screen.findByText('Failed: Create VM web')).toBeTruthy();
    expect(screen.getByText('No space left on device')).toBeTruthy();
  });

  it('toasts a finished and a failed job heard from the backend, as the app is wired', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const backend = fakeBackend({
      'session.snapshot': () => ({
        connections: [],
        hosts: [],
        vms: [],
        prompts: [],
        settings: null,
      }),
      'jobs.list': () => [],
    });
    const store = createAppStore();
    const stop = syncStore(backend.client, store);
    try {
      renderWithServices(backend, <Announcer />, store);
      await vi.waitFor(() => expect(backend.count('jobs.list')).toBe(1));
      act(() => backend.emit('jobs.progress', job({ jobId: 'up', elapsedMs: 100 })));
      expect(screen.queryByText(/^Finished:/)).toBeNull();
      act(() =>
        backend.emit('jobs.progress', job({ jobId: 'up', phase: 'done', elapsedMs: 12_000 })),
      );
      expect(await screen.findByText("Finished: Upload 'disk «1».iso'")).toBeTruthy();

      act(() =>
        backend.emit(
          'jobs.progress',
          job({
            jobId: 'mk',
            title: 'Begin installation of web',
            titleText: { key: 'newVm.beginTitle', params: { name: 'web' } },
            phase: 'failed',
            elapsedMs: 6000,
            error: {
              code: 'libvirt',
              message: 'The container was defined but could not start, so it was removed again',
              text: { key: 'lxc.startFailed' },
            },
          }),
        ),
      );
      expect(await screen.findByText('Failed: Begin installation of web')).toBeTruthy();
      expect(
        screen.getByText('The container was defined but could not start, so it was removed again'),
      ).toBeTruthy();
      // Two toasts, one per job: a success and a danger alert.
      expect(document.querySelectorAll('.pf-m-success').length).toBeGreaterThan(0);
      expect(document.querySelectorAll('.pf-m-danger').length).toBeGreaterThan(0);
    } finally {
      stop();
    }
  });

  it('says nothing about a short job watched in a focused window', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { store } = renderWithServices(fakeBackend({}), <Announcer />);
    act(() => store.jobProgress(job({ phase: 'done', elapsedMs: 1200 })));
    expect(screen.queryByText(/^Finished:/)).toBeNull();
  });
});

describe('in Electron', () => {
  it('raises a system notification instead of a toast', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const shown: { title: string; options?: NotificationOptions }[] = [];
    vi.stubGlobal(
      'Notification',
      class {
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, options });
        }
      },
    );
    Object.assign(window, { virtdeck: { call: vi.fn(), onEvent: vi.fn() } });
    try {
      const { store } = renderWithServices(fakeBackend({}), <Announcer />);
      act(() => store.jobProgress(job({ phase: 'done', elapsedMs: 300 })));
      expect(shown).toEqual([
        { title: "Finished: Upload 'disk «1».iso'", options: { body: undefined, tag: 'j1' } },
      ]);
      expect(screen.queryByText(/^Finished:/)).toBeNull();
    } finally {
      Reflect.deleteProperty(window, 'virtdeck');
      vi.unstubAllGlobals();
    }
  });
});
