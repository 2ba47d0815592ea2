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
import { CredentialStore, type SecretCipher } from './credentialStore';
import { EventHub } from './eventHub';
import { checkParams } from './checkParams';
import { checkEventPayload, checkResult } from './checkResult';
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
  /**
   * Check every handler's result and every event's payload against its schema
   * (shared/api/methods/, contract.ts): a wrong shape fails the call (an internal error naming the
   * method and the path) or the emit. Default: the environment's VIRTDECK_CHECK_RESULTS=1, which
   * the integration and e2e test runs set (vitest.config.ts); off in use, where the types are the
   * check and a page gets what the handler returned.
   */
  checkResults?: boolean;
  /**
   * How remembered passwords and passphrases are encrypted: Electron's safeStorage. The browser
   * shell gives none, and then nothing is ever remembered (the prompt says so).
   */
  secretCipher?: SecretCipher;
}

export async function createApiBackend(options: ApiBackendOptions): Promise<ApiBackend> {
  await makeConfigDirPrivate(options.configDir);
  const connections = new ConnectionStore(options.configDir);
  const settings = new SettingsStore(options.configDir);
  const credentials = new CredentialStore(options.configDir, options.secretCipher);
  await Promise.all([connections.load(), settings.load(), credentials.load()]);
  const checkResults = options.checkResults ?? process.env.VIRTDECK_CHECK_RESULTS === '1';
  const events = new EventHub(checkResults ? checkEventPayload : undefined);
  const prompts = new PromptBroker(events, credentials);
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
    credentials,
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
        if (checkResults) checkResult(method, result);
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
