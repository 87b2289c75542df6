/** `crm backup <file>`: a consistent copy of the database, safe while another crm is writing. */
import type { Command } from 'commander';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError, UserError } from '../errors.js';
import { info, printJson } from '../ui/io.js';

export interface BackupOptions {
  force?: boolean;
}

export async function runBackup(file: string, opts: BackupOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const dest = resolve(file);
  if (!existsSync(deps.dbPath)) throw new UsageError(`there is no database at ${deps.dbPath} to back up; pass --db with the right file`);
  if (dest === deps.dbPath) throw new UsageError(`${file} is the database itself; name another file for the backup`);
  if (existsSync(dest) && !opts.force) throw new UsageError(`${file} already exists; choose another name, or pass --force to replace it`);
  if (!existsSync(dirname(dest))) throw new UsageError(`${dirname(dest)}: no such directory; create it or choose another path`);
  // The copy is made under a temporary name and checked; only a good copy replaces anything.
  const tmp = `${dest}.${process.pid}.tmp`;
  const { sealCopy } = await import('../store/health.js');
  let checked: ReturnType<typeof sealCopy>;
  try {
    // Only now: touching deps.store creates the database when there is none.
    await deps.store.health.backupTo(tmp);
    chmodSync(tmp, 0o600);
    checked = sealCopy(tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write the backup ${file}: ${(e as Error).message}; check the path and the free space`);
  }
  if (checked.integrity.join() !== 'ok') {
    rmSync(tmp, { force: true });
    throw new UserError(`the copy failed its check (${checked.integrity.slice(0, 3).join('; ')}); run crm doctor on the database`);
  }
  renameSync(tmp, dest);
  const report = { file: dest, bytes: statSync(dest).size, ...checked.contents };
  if (io.json) return printJson(io, report);
  const what = `${report.customers} customers, ${report.sales} sales, ${report.reminders} follow-ups`;
  info(io, `Backed up ${deps.dbPath} to ${dest}: ${what}, ${Math.ceil(report.bytes / 1024)} KB, checked.`);
  info(io, `Restore by using it directly (crm --db ${file} ...) or by copying it over the database while no crm runs.`);
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('backup')
    .description("copy the database with SQLite's online backup: consistent even while crm is in use")
    .argument('<file>', 'where to write the copy (mode 0600)')
    .option('--force', 'replace the file if it exists')
    .addHelpText('after', '\nExample:\n  $ crm backup ~/backups/crm-$(date +%F).db')
    .action((file: string, opts: BackupOptions) => run((deps) => runBackup(file, opts, deps)));
}
