/** `crm export`: registration only; the work is loaded when the command runs. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { ExportOptions } from './export-run.js';
import { t } from '../i18n.js';

export function register(program: Command, run: RunCommand): void {
  program
    .command('export')
    .description(t('write customers, sales, follow-ups or complaints as CSV for Excel, JSON to restore, or ICS for a calendar'))
    .option('--format <format>', t('csv, json or ics (default: from --out, else json)'))
    .option('--what <what>', t('customers, sales, reminders, contacts or complaints (csv default: customers; json default: everything)'))
    .option('--out <file>', t('write to this file (mode 0600) instead of stdout'))
    .addHelpText(
      'after',
      t(`
CSV opens in Excel as is (UTF-8 BOM, CRLF); cells that could run as a formula start with '.
JSON holds the whole database for crm import to restore: complaints with their whole log, the
classification, playbooks, settings and the email outbox too. ICS holds the open follow-ups
as all-day events with stable UIDs. Field and column names are the same in every language; the
calendar's descriptions follow --lang.

Examples:
  $ crm export --format csv --what sales --out sales.csv
  $ crm export --format csv --what complaints --out complaints.csv
  $ crm export --out backup.json
  $ crm export --format ics --out ~/follow-ups.ics`),
    )
    .action((opts: ExportOptions) => run(async (deps) => (await import('./export-run.js')).runExport(opts, deps)));
}
