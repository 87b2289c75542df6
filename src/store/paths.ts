import { join } from 'node:path';

/** $XDG_DATA_HOME/crm/crm.db, else ~/.local/share/crm/crm.db (shared/CLI.md). */
export function defaultDbPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || env.USERPROFILE || '.', '.local', 'share');
  return join(base, 'crm', 'crm.db');
}
