import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** $XDG_DATA_HOME/crm/crm.db, else ~/.local/share/crm/crm.db (shared/CLI.md). */
export function defaultDbPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || env.USERPROFILE || '.', '.local', 'share');
  return join(base, 'crm', 'crm.db');
}

/** Where a path really leads: symlinks followed, for a file not there yet through its directory. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * Whether writing `path` would write the file `other`: the same real path (a symlink to it counts),
 * or, both existing, the same file on disk (a hard link counts).
 */
export function sameFile(path: string, other: string): boolean {
  if (realPath(path) === realPath(other)) return true;
  try {
    const [a, b] = [statSync(path), statSync(other)];
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/** Whether writing `path` would overwrite the database `dbPath` or one of the files SQLite keeps beside it. */
export function isDatabaseFile(path: string, dbPath: string): boolean {
  return ['', '-wal', '-shm', '-journal'].some((suffix) => sameFile(path, dbPath + suffix));
}

/** Whether `path` is an existing directory (a symlink to one counts). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
