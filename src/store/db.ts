/**
 * Opening the database: where it lives, the pragmas every connection needs, and the migrations.
 * A file that is not ours, or that a newer crm wrote, is refused and never touched.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

export type Db = Database.Database;

/** 'CRM1' in the SQLite header marks the file as ours. */
export const APPLICATION_ID = 0x43524d31;
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');
const BUSY_TIMEOUT_MS = 5000;

export interface MigrationFile {
  version: number;
  name: string;
  path: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .map((name) => ({ name, m: /^(\d{4})_[\w-]+\.sql$/.exec(name) }))
    .filter((f) => f.m)
    .map((f) => ({ version: Number(f.m![1]), name: f.name, path: join(dir, f.name) }))
    .sort((a, b) => a.version - b.version);
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message.replace(/\s+/g, ' ') : String(e);
}

/** Creates the directory (0700) and an empty file (0600) before SQLite sees the path. */
function prepareFile(path: string): void {
  if (existsSync(path)) {
    const st = statSync(path);
    if (!st.isFile()) throw new UserError(`${path} is not a file; pass --db with a file path`);
    if (st.size === 0) return;
    const header = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, header, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    if (header.toString('latin1') !== 'SQLite format 3\0') {
      throw new UserError(`${path} is not a crm database (not an SQLite file); it was left untouched, pass another --db`);
    }
    return;
  }
  let made = false;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    made = true;
    closeSync(openSync(path, 'wx', 0o600));
  } catch (e) {
    // Another crm created the file a moment ago: it is as new as ours would have been.
    if (made && (e as { code?: string }).code === 'EEXIST') return;
    throw new UserError(`cannot create the database ${path}: ${describe(e)}; pass --db with a writable path`);
  }
}

function checkIdentity(db: Db, path: string, latest: number): number {
  // One snapshot: another crm creating the same new file may commit its first migration between
  // two separate reads, and tables without a version would look like someone else's database.
  const { version, appId, tables } = db.transaction(() => ({
    version: db.pragma('user_version', { simple: true }) as number,
    appId: db.pragma('application_id', { simple: true }) as number,
    tables: (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n,
  }))();
  if (version === 0) {
    if (tables > 0) throw new UserError(`${path} is an SQLite database but not a crm one; it was left untouched, pass another --db`);
  } else if (appId !== APPLICATION_ID) {
    throw new UserError(`${path} is an SQLite database but not a crm one; it was left untouched, pass another --db`);
  }
  if (version > latest) {
    throw new UserError(
      `${path} was written by a newer crm (schema ${version}, this crm knows ${latest}); upgrade crm to use it`,
    );
  }
  return version;
}

/** Applies each pending migration with its version bump in one IMMEDIATE transaction. */
export function migrate(db: Db, migrations: MigrationFile[]): void {
  for (const m of migrations) {
    db.transaction(() => {
      // Re-read inside the write lock: another crm may have migrated while we waited.
      const current = db.pragma('user_version', { simple: true }) as number;
      if (m.version <= current) return;
      db.exec(readFileSync(m.path, 'utf8'));
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement prepared once per connection: preparing costs more than running a small statement,
 * and an import or a re-plan runs the same few hundred thousand times. Not for `.iterate()`: a
 * statement being iterated cannot run again until the iteration ends.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

export function openDatabase(path: string, migrations = listMigrations()): Db {
  prepareFile(path);
  let db: Db;
  try {
    db = new Database(path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (e) {
    throw new UserError(`cannot open the database ${path}: ${describe(e)}`);
  }
  try {
    // Identity first: a file that is not ours must not even get its journal mode changed.
    const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
    const version = checkIdentity(db, path, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    if (version < latest) migrate(db, migrations);
  } catch (e) {
    db.close();
    if (e instanceof UserError) throw e;
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new UserError(`${path} is not a crm database; it was left untouched, pass another --db`);
    }
    throw new UserError(`cannot prepare the database ${path}: ${describe(e)}`);
  }
  return db;
}
