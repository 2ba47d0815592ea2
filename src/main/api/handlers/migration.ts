/** Migration between the app's connected hosts (shared/api/methods/migration.ts) onto services/migration/. */
import type { MigrationMethods } from '../../../shared/api/methods/migration';
import { checkMigration } from '../../services/migration/migrationChecks';
import { startMigration } from '../../services/migration/migrate';
import type { HandlerDeps, HandlersOf } from './handlerTypes';

export function migrationHandlers({ sessions, jobs }: HandlerDeps): HandlersOf<MigrationMethods> {
  // Both ends: the session the VM is on and the one it goes to (with its label and host name).
  const ends = (p: { connectionId: string; targetConnectionId: string }) => ({
    source: sessions.get(p.connectionId),
    target: sessions.get(p.targetConnectionId),
  });
  return {
    'vms.migrationCheck': async (p) => checkMigration(ends(p), p),
    'vms.migrate': async (p) => {
      const { result: _result, ...started } = await startMigration(ends(p), jobs, p);
      return started;
    },
  };
}
