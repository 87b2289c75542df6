/** `crm doctor`: is the database whole, private and current, and is mail set up? Exit 1 with the fix if not. */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { CrmError, UserError } from '../errors.js';
import { addDays } from '../domain/dates.js';
import { mailCheck, permissionCheck, type Check } from '../domain/doctor.js';
import type { Store } from '../store/index.js';
import { printJson, type Io } from '../ui/io.js';

function databaseChecks(store: Store, deps: Deps): Check[] {
  const { health } = store;
  const checks: Check[] = [];
  const schema = health.schemaVersion();
  const mode = health.journalMode();
  checks.push({
    name: 'database', status: schema.current === schema.latest && mode === 'wal' ? 'ok' : 'warn',
    detail: `${deps.dbPath}, ${Math.ceil(statSync(deps.dbPath).size / 1024)} KB, schema version ${schema.current} (this crm knows ${schema.latest}), journal ${mode}`,
    ...(mode !== 'wal' && { fix: 'another program changed the journal mode; crm sets WAL again when it opens the file' }),
  });
  const integrity = health.integrity();
  if (integrity.join() !== 'ok') {
    // Nothing else can be trusted, or even read, in a damaged file.
    return [...checks, {
      name: 'integrity', status: 'fail', detail: integrity.slice(0, 3).join('; '),
      fix: 'the file is damaged: use your latest crm backup (crm --db BACKUP), or export what can still be read (crm export --out rescue.json) and import it into a new --db',
    }];
  }
  checks.push({ name: 'integrity', status: 'ok', detail: 'ok' });
  const orphans = health.orphans();
  checks.push(
    orphans.length
      ? {
          name: 'references', status: 'fail',
          detail: orphans.map((o) => `${o.rows} ${o.table} row${o.rows > 1 ? 's' : ''} point at missing ${o.parent} (${o.column})`).join('; '),
          fix: `they were written without foreign keys; back up (crm backup), then remove them: ${orphans
            .map((o) => {
              const where = `${o.column} NOT IN (SELECT id FROM ${o.parent})`;
              const sql = o.onDelete === 'SET NULL' ? `UPDATE ${o.table} SET ${o.column} = NULL WHERE ${where}` : `DELETE FROM ${o.table} WHERE ${where}`;
              return `sqlite3 ${deps.dbPath} "${sql}"`;
            })
            .join('; ')}`,
        }
      : { name: 'references', status: 'ok', detail: 'no orphaned rows' },
  );
  // SQLite gives -wal and -shm the database's mode when it creates them: they matter only when
  // they outlived a chmod of the database.
  const problem = [deps.dbPath, `${deps.dbPath}-wal`, `${deps.dbPath}-shm`]
    .filter((p) => existsSync(p))
    .map((p) => permissionCheck(p, statSync(p).mode))
    .find(Boolean);
  checks.push(problem ?? { name: 'permissions', status: 'ok', detail: 'only you can read the database' });
  const c = health.contents();
  const overdue = health.overdue(deps.today);
  const soon = store.reminders.agenda(addDays(deps.today, 7)).length - overdue.count;
  checks.push({
    name: 'follow-ups', status: 'ok',
    detail:
      `${c.customers} customers, ${c.sales} sales; ${overdue.count} follow-ups overdue` +
      `${overdue.oldest ? ` (oldest due ${overdue.oldest}; see crm today)` : ''}, ${soon} due in the next 7 days`,
  });
  return checks;
}

function print(io: Io, checks: Check[]): void {
  if (io.json) return printJson(io, { ok: !checks.some((c) => c.status === 'fail'), checks });
  const paint = { ok: io.color.green, warn: io.color.yellow, fail: io.color.red };
  const lines = checks.flatMap((c) => [
    `${paint[c.status](c.status.toUpperCase().padEnd(5))} ${c.name.padEnd(11)} ${c.detail}`,
    ...(c.fix ? [`${' '.repeat(18)}fix: ${c.fix}`] : []),
  ]);
  io.stdout(lines.join('\n') + '\n');
}

export function runDoctor(deps: Deps): Check[] {
  let checks: Check[];
  if (!existsSync(deps.dbPath)) {
    checks = [{
      name: 'database', status: 'fail', detail: `no database at ${deps.dbPath}`,
      fix: 'crm creates it on first use (crm customer add NAME, crm import FILE); or pass --db / CRM_DB with the file you use',
    }];
  } else {
    try {
      checks = databaseChecks(deps.store, deps);
    } catch (e) {
      // A file that is not ours, or from a newer crm: the store refused it; say so as a check.
      if (!(e instanceof CrmError)) throw e;
      checks = [{ name: 'database', status: 'fail', detail: e.message, fix: 'pass --db with your crm database, or upgrade crm' }];
    }
  }
  checks.push(mailCheck(deps.env));
  print(deps.io, checks);
  const failed = checks.filter((c) => c.status === 'fail');
  if (failed.length) throw new UserError(`doctor found ${failed.length} problem${failed.length > 1 ? 's' : ''} (${failed.map((c) => c.name).join(', ')}); the fix is under each`);
  return checks;
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('doctor')
    .description('check the database (integrity, schema, permissions, orphaned rows), the agenda and the mail settings')
    .addHelpText('after', '\nExits 1 when something is wrong, with the fix under each problem.\n\nExample:\n  $ crm doctor')
    .action(() => run((deps) => runDoctor(deps)));
}
