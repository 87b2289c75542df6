/** `crm export`: registration only; the work is loaded when the command runs. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { ExportOptions } from './export-run.js';

export function register(program: Command, run: RunCommand): void {
  program
    .command('export')
    .description('write customers, sales or follow-ups as CSV for Excel, JSON to restore, or ICS for a calendar')
    .option('--format <format>', 'csv, json or ics (default: from --out, else json)')
    .option('--what <what>', 'customers, sales, reminders or contacts (csv default: customers; json default: everything)')
    .option('--out <file>', 'write to this file (mode 0600) instead of stdout')
    .addHelpText(
      'after',
      '\nCSV opens in Excel as is (UTF-8 BOM, CRLF); cells that could run as a formula start with \'.' +
        '\nJSON is what crm import restores. ICS holds the open follow-ups as all-day events with stable UIDs.' +
        '\n\nExamples:\n  $ crm export --format csv --what sales --out sales.csv\n  $ crm export --out backup.json\n  $ crm export --format ics --out ~/follow-ups.ics',
    )
    .action((opts: ExportOptions) => run(async (deps) => (await import('./export-run.js')).runExport(opts, deps)));
}
