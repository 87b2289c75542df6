/** `crm backup <file>`: a consistent copy of the database, safe while another crm is writing. */
import type { Command } from 'commander';
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { CrmError, UsageError, UserError, isDatabaseDamage } from '../errors.js';
import { t } from '../i18n.js';
import { isDatabaseFile, isDirectory } from '../store/paths.js';
import { info, printJson } from '../ui/io.js';

export interface BackupOptions {
  force?: boolean;
}

/** A copy that will not be used, with the journal SQLite may have left beside it. */
function dropTemp(tmp: string): void {
  for (const f of [tmp, `${tmp}-journal`]) rmSync(f, { force: true });
}

export async function runBackup(file: string, opts: BackupOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const dest = resolve(file);
  if (!existsSync(deps.dbPath)) throw new UsageError(t('there is no database at {path} to back up; pass --db with the right file', { path: deps.dbPath }));
  if (isDatabaseFile(dest, deps.dbPath)) throw new UsageError(t('{file} is the database itself; name another file for the backup', { file }));
  // i18n-ignore: a file name, the same in every language
  if (isDirectory(dest)) throw new UsageError(t('{file} is a directory; name a file in it, e.g. {example}', { file, example: join(file, 'crm-backup.db') }));
  if (existsSync(dest) && !opts.force) throw new UsageError(t('{file} already exists; choose another name, or pass --force to replace it', { file }));
  if (!existsSync(dirname(dest))) throw new UsageError(t('{dir}: no such directory; create it or choose another path', { dir: dirname(dest) }));
  // The copy is made under a temporary name and checked; only a good copy replaces anything.
  const tmp = `${dest}.${process.pid}.tmp`;
  const { sealCopy } = await import('../store/health.js');
  let checked: ReturnType<typeof sealCopy>;
  try {
    // Created 0600 before a byte is copied: SQLite writes into it and gives its -journal the same
    // mode, so neither a copy in progress nor one a crash left behind can be read by others.
    dropTemp(tmp);
    closeSync(openSync(tmp, 'wx', 0o600));
    // Only now: touching deps.store creates the database when there is none.
    await deps.store.health.backupTo(tmp);
    checked = sealCopy(tmp);
  } catch (e) {
    dropTemp(tmp);
    // The database itself refused (not ours, from a newer crm, damaged): that is the cause to name.
    if (e instanceof CrmError) throw e;
    if (isDatabaseDamage(e)) {
      throw new UserError(t('the database {db} is damaged ({reason}); run crm doctor for what to do', { db: deps.dbPath, reason: (e as Error).message }));
    }
    throw new UserError(t('cannot write the backup {file}: {reason}; check the path and the free space', { file, reason: (e as Error).message }));
  }
  if (checked.integrity.join() !== 'ok') {
    dropTemp(tmp);
    throw new UserError(t('the copy failed its check ({problems}); run crm doctor on the database', { problems: checked.integrity.slice(0, 3).join('; ') }));
  }
  try {
    renameSync(tmp, dest);
  } catch (e) {
    dropTemp(tmp);
    throw new UserError(t('cannot write the backup {file}: {reason}; check the path and the free space', { file, reason: (e as Error).message }));
  }
  const report = { file: dest, bytes: statSync(dest).size, ...checked.contents };
  if (io.json) return printJson(io, report);
  info(io, t('Backed up {db} to {dest}: {customers} customers, {sales} sales, {reminders} follow-ups, {kb} KB, checked.', {
    db: deps.dbPath, dest, customers: report.customers, sales: report.sales, reminders: report.reminders, kb: Math.ceil(report.bytes / 1024),
  }));
  info(io, t('Restore by using it directly (crm --db {file} ...) or by copying it over the database while no crm runs.', { file }));
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('backup')
    .description(t("copy the database with SQLite's online backup: consistent even while crm is in use"))
    .argument('<file>', t('where to write the copy (mode 0600)'))
    .option('--force', t('replace the file if it exists'))
    .addHelpText('after', t('\nExample:\n  $ crm backup ~/backups/crm-$(date +%F).db'))
    .action((file: string, opts: BackupOptions) => run((deps) => runBackup(file, opts, deps)));
}
