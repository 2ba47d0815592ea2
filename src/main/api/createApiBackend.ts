/**
 * The backend as the shells see it: stores loaded from the config directory, saved connections
 * (autoconnect ones connecting), and one `call` entry point that turns every failure into an
 * ApiErrorData reply.
 */
import { join } from 'node:path';
import { isMethodName } from '../../shared/api/contract';
import { ConsoleGateway } from '../consoles/consoleGateway';
import type { ApiBackend } from './apiBackend';
import { makeConfigDirPrivate } from './configDir';
import { ConnectionStore } from './connectionStore';
import { EventHub } from './eventHub';
import { checkParams } from './checkParams';
import { createHandlers } from './handlers';
import { JobRunner } from './jobs';
import { PromptBroker } from './promptBroker';
import { Sessions } from './sessions';
import { SettingsStore } from './settingsStore';
import { toApiError } from './toApiError';

export interface ApiBackendOptions {
  /** Where connections.json, settings.json and known_hosts live. */
  configDir: string;
  /**
   * The Origins of the shell's pages, allowed to open console WebSockets (asked at each
   * connection: the browser shell knows its port only after the backend exists).
   */
  consoleOrigins(): readonly string[];
}

export async function createApiBackend(options: ApiBackendOptions): Promise<ApiBackend> {
  await makeConfigDirPrivate(options.configDir);
  const connections = new ConnectionStore(options.configDir);
  const settings = new SettingsStore(options.configDir);
  await Promise.all([connections.load(), settings.load()]);
  const events = new EventHub();
  const prompts = new PromptBroker(events);
  const sessions = new Sessions({
    connections,
    settings,
    events,
    prompts,
    appKnownHostsFile: join(options.configDir, 'known_hosts'),
  });
  const consoles = await ConsoleGateway.start({ allowedOrigins: options.consoleOrigins });
  const jobs = new JobRunner((job) => events.emit('jobs.progress', job));
  const handlers = createHandlers({
    configDir: options.configDir,
    connections,
    settings,
    sessions,
    prompts,
    events,
    consoles,
    jobs,
  });
  sessions.start();

  return {
    async call(method, params) {
      if (!isMethodName(method)) {
        return {
          ok: false,
          error: { code: 'invalid-input', message: `Unknown method "${method}"` },
        };
      }
      try {
        const handler = handlers[method] as (p: unknown) => Promise<unknown>;
        const result = await handler(checkParams(method, params));
        return { ok: true, result: result ?? null };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    },
    subscribe: (listener) => events.subscribe(listener),
    consolePort: consoles.port,
    isTransferUrl: (url) => consoles.isTransferUrl(url),
    close: async () => {
      jobs.cancelAll();
      await consoles.close();
      await sessions.closeAll();
    },
  };
}
