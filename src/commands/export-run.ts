/** The work of `crm export`: customers, sales, follow-ups or contacts as Excel-safe CSV, JSON to restore, or a calendar feed. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Deps } from '../deps.js';
import { UsageError, UserError } from '../errors.js';
import { formatCsv } from '../domain/csv.js';
import { renderCalendar } from '../domain/ics.js';
import {
  contactsCsv, customersCsv, exportDocument, reminderEvent, remindersCsv, salesCsv, type CsvTable, type ExportData,
} from '../domain/export-format.js';
import { parseChoice } from '../domain/parse.js';
import type { Customer } from '../domain/customer.js';
import type { Store } from '../store/index.js';
import { info, printJson } from '../ui/io.js';

const FORMATS = ['csv', 'json', 'ics'] as const;
/** complaints: accepted so scripts can ask, refused until the complaint module stores them. */
const WHAT = ['customers', 'sales', 'reminders', 'contacts', 'complaints'] as const;
type Format = (typeof FORMATS)[number];
type What = Exclude<(typeof WHAT)[number], 'complaints'>;

export interface ExportOptions {
  format?: string;
  what?: string;
  out?: string;
}

function chooseFormat(opts: ExportOptions): Format {
  if (opts.format) return parseChoice(opts.format, '--format', FORMATS);
  const ext = opts.out ? extname(opts.out).slice(1).toLowerCase() : '';
  return (FORMATS as readonly string[]).includes(ext) ? (ext as Format) : 'json';
}

function chooseWhat(opts: ExportOptions, format: Format): What | undefined {
  const what = opts.what ? parseChoice(opts.what, '--what', WHAT) : undefined;
  if (what === 'complaints') throw new UsageError('--what complaints: this crm does not store complaints yet; export customers, sales, reminders or contacts');
  if (format === 'ics' && what && what !== 'reminders') throw new UsageError(`--format ics exports follow-ups only: use --what reminders or leave --what out (got "${what}")`);
  if (format === 'csv') return what ?? 'customers';
  return format === 'ics' ? 'reminders' : what;
}

function csvTable(store: Store, what: What, customers: Map<number, Customer>): CsvTable {
  switch (what) {
    case 'customers':
      return customersCsv([...customers.values()]);
    case 'sales':
      return salesCsv(store.sales.all(), customers);
    case 'reminders':
      return remindersCsv(store.reminders.all(), customers);
    case 'contacts':
      return contactsCsv(store.contacts.all(), customers);
  }
}

function render(deps: Deps, format: Format, what: What | undefined, databaseId: string): { text: string; count: number } {
  const { store, today } = deps;
  const customers = new Map(store.customers.all().map((c) => [c.id, c]));
  if (format === 'csv') {
    const table = csvTable(store, what!, customers);
    return { text: formatCsv(table.header, table.rows), count: table.rows.length };
  }
  if (format === 'ics') {
    const open = store.reminders.agenda('9999-12-31');
    const events = open.map((r) => reminderEvent(r, customers.get(r.customerId), databaseId));
    return { text: renderCalendar(events, { name: 'crm follow-ups', today }), count: events.length };
  }
  const data: ExportData = {};
  if (!what || what === 'customers') data.customers = [...customers.values()];
  if (!what || what === 'sales') data.sales = store.sales.all();
  if (!what || what === 'reminders') data.reminders = store.reminders.all();
  if (!what || what === 'contacts') data.contacts = store.contacts.all();
  const count = Object.values(data).reduce((n, list) => n + list.length, 0);
  return { text: JSON.stringify(exportDocument(data, { databaseId, today }), null, 2) + '\n', count };
}

/** Written beside the target and renamed over it, so a calendar app never reads half a file. */
function writeOut(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write ${path}: ${(e as Error).message}; pass --out with a writable path`);
  }
}

export function runExport(opts: ExportOptions, deps: Deps): void {
  const { io } = deps;
  const format = chooseFormat(opts);
  const what = chooseWhat(opts, format);
  if (io.json && !opts.out && format !== 'json') {
    throw new UsageError(`--json prints JSON on stdout: use --format json, or --out FILE for ${format}`);
  }
  const { store } = deps;
  // The id is created on first use, a write; then one snapshot, so no sale lands without its customer.
  const databaseId = format === 'csv' ? '' : store.write(() => store.transfer.databaseId());
  const { text, count } = store.read(() => render(deps, format, what, databaseId));
  if (!opts.out) return io.stdout(text);
  writeOut(opts.out, text);
  const report = { file: opts.out, format, what: what ?? 'all', records: count };
  if (io.json) printJson(io, report);
  else info(io, `Exported ${count} ${what ?? 'records'} to ${opts.out} (${format}).`);
}
