/** The database's own health, for `crm doctor` and `crm backup`: integrity, references, safe copies. */
import Database from 'better-sqlite3';
import { listMigrations, type Db, prepared } from './db.js';
import type { IsoDate } from '../domain/dates.js';

export interface Orphans {
  table: string;
  /** The column that points at the missing row. */
  column: string;
  /** What deleting the parent would have done: 'CASCADE' (drop the row) or 'SET NULL'. */
  onDelete: string;
  parent: string;
  rows: number;
}

export interface Contents {
  customers: number;
  sales: number;
  reminders: number;
}

function contents(db: Db): Contents {
  return db
    .prepare('SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM reminders) AS reminders')
    .get() as Contents;
}

export class HealthRepo {
  constructor(private readonly db: Db) {}

  /** ['ok'], or SQLite's list of what is damaged. */
  integrity(): string[] {
    try {
      return (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      // Damage bad enough that the check itself cannot read the file is a finding, not a crash.
      if (String((e as { code?: string }).code).startsWith('SQLITE_CORRUPT')) return [(e as Error).message];
      throw e;
    }
  }

  /** Rows pointing at a customer, sale or follow-up that is gone (written with foreign keys off). */
  orphans(): Orphans[] {
    const rows = this.db.pragma('foreign_key_check') as { table: string; parent: string; fkid: number }[];
    const counts = new Map<string, Orphans>();
    for (const r of rows) {
      const key = `${r.table}\u0000${r.fkid}`;
      const fk = prepared(this.db, 'SELECT "from", on_delete FROM pragma_foreign_key_list(?) WHERE id = ?').get(r.table, r.fkid) as { from: string; on_delete: string };
      const o = counts.get(key) ?? { table: r.table, column: fk.from, onDelete: fk.on_delete, parent: r.parent, rows: 0 };
      o.rows++;
      counts.set(key, o);
    }
    return [...counts.values()];
  }

  schemaVersion(): { current: number; latest: number } {
    return { current: this.db.pragma('user_version', { simple: true }) as number, latest: listMigrations().at(-1)?.version ?? 0 };
  }

  journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string;
  }

  contents(): Contents {
    return contents(this.db);
  }

  overdue(today: IsoDate): { count: number; oldest: IsoDate | null } {
    return this.db
      .prepare("SELECT count(*) AS count, min(due) AS oldest FROM reminders WHERE state = 'open' AND due < ?")
      .get(today) as { count: number; oldest: IsoDate | null };
  }

  /** SQLite's online backup: a consistent copy even while another crm writes. */
  async backupTo(path: string): Promise<void> {
    await this.db.backup(path);
  }
}

/**
 * Checks a fresh copy before it replaces anything, and makes it one self-contained file (no -wal
 * beside it), so it can be copied or mailed as it is.
 */
export function sealCopy(path: string): { integrity: string[]; contents: Contents } {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return { integrity: (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check), contents: contents(db) };
  } finally {
    db.close();
  }
}
