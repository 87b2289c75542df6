/** `crm doctor`: is the database whole, private and current, and is mail set up? Exit 1 with the fix if not. */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { CrmError, UserError } from '../errors.js';
import { addDays } from '../domain/dates.js';
import { mailCheck, permissionCheck, type Check, type Status } from '../domain/doctor.js';
import { t } from '../i18n.js';
import type { Store } from '../store/index.js';
import { printJson, type Io } from '../ui/io.js';
import { displayWidth } from '../ui/width.js';

/** Stands for the advice on a damaged file until rescueAdvice has tried the exports. */
const RESCUE = '\u0000rescue';

/** What to do with a damaged file: a backup, else the exports that still read through (tried). */
async function rescueAdvice(deps: Deps): Promise<string> {
  const { readableExports } = await import('./export-run.js');
  const { whole, sheets: readable } = readableExports(deps);
  // Of the sheets, customers and sales are the ones crm import reads back.
  const sheets = readable.filter((what) => what === 'customers' || what === 'sales');
  if (whole) {
    return t('the file is damaged: use your latest crm backup (crm --db BACKUP), or export what can still be read (crm export --out rescue.json) and import it into a new --db');
  }
  if (!sheets.length) return t('the file is damaged and no export reads through it: use your latest crm backup (crm --db BACKUP)');
  return t('the file is damaged: use your latest crm backup (crm --db BACKUP), or export what can still be read ({commands}) and import it into a new --db', {
    // i18n-ignore: commands
    commands: sheets.map((what) => `crm export --format csv --what ${what} --out ${what}.csv`).join('; '),
  });
}

function databaseChecks(store: Store, deps: Deps): Check[] {
  const { health } = store;
  const checks: Check[] = [];
  const schema = health.schemaVersion();
  const mode = health.journalMode();
  checks.push({
    name: 'database', status: schema.current === schema.latest && mode === 'wal' ? 'ok' : 'warn',
    detail: t('{path}, {kb} KB, schema version {current} (this crm knows {latest}), journal {mode}', {
      path: deps.dbPath, kb: Math.ceil(statSync(deps.dbPath).size / 1024), current: schema.current, latest: schema.latest, mode,
    }),
    ...(mode !== 'wal' && { fix: t('another program changed the journal mode; crm sets WAL again when it opens the file') }),
  });
  const integrity = health.integrity();
  if (integrity.join() !== 'ok') {
    // Nothing else can be trusted, or even read, in a damaged file.
    return [...checks, { name: 'integrity', status: 'fail', detail: integrity.slice(0, 3).join('; '), fix: RESCUE }];
  }
  checks.push({ name: 'integrity', status: 'ok', detail: 'ok' });
  const orphans = health.orphans();
  checks.push(
    orphans.length
      ? {
          name: 'references', status: 'fail',
          detail: orphans
            .map((o) => {
              const vars = { rows: o.rows, table: o.table, parent: o.parent, column: o.column };
              return o.rows > 1 ? t('{rows} {table} rows point at missing {parent} ({column})', vars) : t('{rows} {table} row point at missing {parent} ({column})', vars);
            })
            .join('; '),
          fix: t('they were written without foreign keys; back up (crm backup), then remove them: {statements}', {
            statements: orphans
              .map((o) => {
                // i18n-ignore: SQL
                const where = `${o.column} NOT IN (SELECT id FROM ${o.parent})`;
                // i18n-ignore: SQL
                const sql = o.onDelete === 'SET NULL' ? `UPDATE ${o.table} SET ${o.column} = NULL WHERE ${where}` : `DELETE FROM ${o.table} WHERE ${where}`;
                return `sqlite3 ${deps.dbPath} "${sql}"`;
              })
              .join('; '),
          }),
        }
      : { name: 'references', status: 'ok', detail: t('no orphaned rows') },
  );
  // SQLite gives -wal and -shm the database's mode when it creates them: they matter only when
  // they outlived a chmod of the database.
  const problem = [deps.dbPath, `${deps.dbPath}-wal`, `${deps.dbPath}-shm`]
    .filter((p) => existsSync(p))
    .map((p) => permissionCheck(p, statSync(p).mode))
    .find(Boolean);
  checks.push(problem ?? { name: 'permissions', status: 'ok', detail: t('only you can read the database') });
  const c = health.contents();
  const overdue = health.overdue(deps.today);
  const soon = store.reminders.agenda(addDays(deps.today, 7)).length - overdue.count;
  const counts = { customers: c.customers, sales: c.sales, overdue: overdue.count, oldest: overdue.oldest ?? '', soon };
  checks.push({
    name: 'follow-ups', status: 'ok',
    detail: overdue.oldest
      ? t('{customers} customers, {sales} sales; {overdue} follow-ups overdue (oldest due {oldest}; see crm today), {soon} due in the next 7 days', counts)
      : t('{customers} customers, {sales} sales; {overdue} follow-ups overdue, {soon} due in the next 7 days', counts),
  });
  return checks;
}

/** The check's name and status as people read them; --json keeps the names scripts match on. */
function labels(): { names: Record<string, string>; statuses: Record<Status, string> } {
  return {
    names: {
      database: t('database'), integrity: t('integrity'), references: t('references'), permissions: t('permissions'),
      'follow-ups': t('follow-ups'), mail: t('mail'),
    },
    statuses: { ok: t('OK'), warn: t('WARN'), fail: t('FAIL') },
  };
}

/** Pads to a width in terminal columns, so Chinese labels line up as English ones do. */
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(1, width - displayWidth(text)));

function print(io: Io, checks: Check[]): void {
  if (io.json) return printJson(io, { ok: !checks.some((c) => c.status === 'fail'), checks });
  const paint = { ok: io.color.green, warn: io.color.yellow, fail: io.color.red };
  const { names, statuses } = labels();
  const lines = checks.flatMap((c) => [
    `${paint[c.status](pad(statuses[c.status], 6))}${pad(names[c.name] ?? c.name, 12)}${c.detail}`,
    ...(c.fix ? [`${' '.repeat(18)}${t('fix: {fix}', { fix: c.fix })}`] : []),
  ]);
  io.stdout(lines.join('\n') + '\n');
}

export async function runDoctor(deps: Deps): Promise<Check[]> {
  let checks: Check[];
  if (!existsSync(deps.dbPath)) {
    checks = [{
      name: 'database', status: 'fail', detail: t('no database at {path}', { path: deps.dbPath }),
      fix: t('crm creates it on first use (crm customer add NAME, crm import FILE); or pass --db / CRM_DB with the file you use'),
    }];
  } else {
    try {
      checks = databaseChecks(deps.store, deps);
    } catch (e) {
      // A file that is not ours, or from a newer crm: the store refused it; say so as a check.
      if (!(e instanceof CrmError)) throw e;
      checks = [{ name: 'database', status: 'fail', detail: e.message, fix: t('pass --db with your crm database, or upgrade crm') }];
    }
  }
  for (const c of checks) if (c.fix === RESCUE) c.fix = await rescueAdvice(deps);
  checks.push(mailCheck(deps.env));
  print(deps.io, checks);
  const failed = checks.filter((c) => c.status === 'fail');
  const { names } = labels();
  const vars = { n: failed.length, names: failed.map((c) => names[c.name] ?? c.name).join(t(', \u0004list')) };
  if (failed.length > 1) throw new UserError(t('doctor found {n} problems ({names}); the fix is under each', vars));
  if (failed.length) throw new UserError(t('doctor found 1 problem ({names}); the fix is under each', vars));
  return checks;
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('doctor')
    .description(t('check the database (integrity, schema, permissions, orphaned rows), the agenda and the mail settings'))
    .addHelpText('after', t('\nExits 1 when something is wrong, with the fix under each problem.\n\nExample:\n  $ crm doctor'))
    .action(() => run((deps) => runDoctor(deps)));
}
