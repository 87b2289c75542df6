/** The work of `crm export`: customers, sales, follow-ups, contacts or complaints as Excel-safe CSV, JSON to restore, or a calendar feed. */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Deps } from '../deps.js';
import { UsageError, UserError, isDatabaseDamage } from '../errors.js';
import { csvLines } from '../domain/csv.js';
import { calendarChunks } from '../domain/ics.js';
import {
  complaintsCsv, contactsCsv, customersCsv, exportJsonChunks, reminderEvent, remindersCsv, salesCsv, type CsvTable, type ExportData, type ExportedSetup,
} from '../domain/export-format.js';
import type { ExportedComplaint } from '../domain/complaint-json.js';
import { parseChoice } from '../domain/parse.js';
import type { Customer } from '../domain/customer.js';
import type { Store } from '../store/index.js';
import { isDatabaseFile, isDirectory } from '../store/paths.js';
import { t } from '../i18n.js';
import { info, printJson } from '../ui/io.js';

const FORMATS = ['csv', 'json', 'ics'] as const;
const WHAT = ['customers', 'sales', 'reminders', 'contacts', 'complaints'] as const;
type Format = (typeof FORMATS)[number];
type What = (typeof WHAT)[number];

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
  if (format === 'ics' && what && what !== 'reminders') {
    throw new UsageError(t('--format ics exports follow-ups only: use --what reminders or leave --what out (got {got})', { got: JSON.stringify(what) }));
  }
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
      return remindersCsv(store.reminders.each(), customers);
    case 'contacts':
      return contactsCsv(store.contacts.all(), customers);
    case 'complaints':
      return complaintsCsv(complaintRecords(store), customers);
  }
}

/** Every complaint with its log, by id; complaints are few next to follow-ups, so they are read at once. */
function complaintRecords(store: Store): ExportedComplaint[] {
  const list = store.complaints.list().sort((a, b) => a.id - b.id);
  const logs = store.complaints.logs(list.map((c) => c.id));
  return list.map(({ customerName: _name, ...c }) => ({ ...c, log: logs.get(c.id) ?? [] }));
}

/**
 * Everything else the database holds, so a restore into an empty database gives it back whole:
 * the value classification and its history, the playbooks installed, the settings, and the outbox
 * (without it a restored crm would mail again what it already sent). The compiled rules of a
 * playbook are not written: they are compiled again from its source on import.
 */
function setup(store: Store, tally: { n: number }): ExportedSetup {
  const { archive } = store;
  return {
    customerValues: counted(archive.customerValues(), tally), classifyRuns: counted(archive.classifyRuns(), tally), flags: counted(archive.flags(), tally),
    reviewDecisions: counted(archive.reviewDecisions(), tally), surveys: counted(archive.surveys(), tally), playbooks: counted(archive.playbooks(), tally),
    outbox: counted(archive.outbox(), tally), settings: archive.settings(),
  };
}

/** Counts what passes, for the report. */
function* counted<T>(items: Iterable<T>, tally: { n: number }): Generator<T> {
  for (const x of items) {
    tally.n++;
    yield x;
  }
}

function chunks(deps: Deps, format: Format, what: What | undefined, databaseId: string, tally: { n: number }): Iterable<string> {
  const { store, today } = deps;
  const customers = new Map(store.customers.all().map((c) => [c.id, c]));
  if (format === 'csv') {
    const table = csvTable(store, what!, customers);
    return csvLines(table.header, counted(table.rows, tally));
  }
  if (format === 'ics') {
    // A moved follow-up carries how often and when it moved, so a calendar takes the new date.
    const moves = store.reminders.moves();
    const events = store.reminders.agenda('9999-12-31').map((r) => {
      const moved = moves.get(r.id);
      return { ...reminderEvent(r, customers.get(r.customerId), databaseId), sequence: moved?.count ?? 0, modified: moved?.last ?? r.createdOn };
    });
    return calendarChunks(counted(events, tally), { name: t('crm follow-ups'), today, stamped: deps.clock });
  }
  const data: ExportData = {};
  if (!what || what === 'customers') data.customers = counted(customers.values(), tally);
  if (!what || what === 'sales') data.sales = counted(store.sales.all(), tally);
  if (!what || what === 'reminders') data.reminders = counted(store.reminders.each(), tally);
  if (!what || what === 'contacts') data.contacts = counted(store.contacts.all(), tally);
  if (!what || what === 'complaints') data.complaints = counted(complaintRecords(store), tally);
  if (!what) Object.assign(data, setup(store, tally));
  return exportJsonChunks(data, { databaseId, today });
}

/** Pieces gathered into writes of about a megabyte. */
function drain(pieces: Iterable<string>, write: (text: string) => void): void {
  let buffer = '';
  for (const p of pieces) {
    buffer += p;
    if (buffer.length >= 1 << 20) {
      write(buffer);
      buffer = '';
    }
  }
  if (buffer) write(buffer);
}

/** Written beside the target and renamed over it, so a calendar app never reads half a file. */
function writeOut(path: string, pieces: Iterable<string>): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      drain(pieces, (text) => writeSync(fd, text));
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (!/^E[A-Z]+$/.test(String((e as { code?: unknown }).code))) throw e;
    throw new UserError(t('cannot write {file}: {reason}; pass --out with a writable path', { file: path, reason: (e as Error).message }));
  }
}

/**
 * Which exports a damaged database still gives, tried to the end into nowhere: the whole JSON
 * (null if it fails), else the CSV sheets that read through, for `crm doctor` to advise.
 */
export function readableExports(deps: Deps): { whole: boolean; sheets: What[] } {
  const reads = (format: Format, what: What | undefined) => {
    try {
      deps.store.read(() => drain(chunks(deps, format, what, '', { n: 0 }), () => {}));
      return true;
    } catch (e) {
      // Damage is what this looks for; a busy database or a bug is not "unreadable".
      if (isDatabaseDamage(e)) return false;
      throw e;
    }
  };
  if (reads('json', undefined)) return { whole: true, sheets: [...WHAT] };
  return { whole: false, sheets: WHAT.filter((what) => reads('csv', what)) };
}

export function runExport(opts: ExportOptions, deps: Deps): void {
  const { io } = deps;
  const format = chooseFormat(opts);
  const what = chooseWhat(opts, format);
  if (io.json && !opts.out && format !== 'json') {
    throw new UsageError(t('--json prints JSON on stdout: use --format json, or --out FILE for {format}', { format }));
  }
  if (opts.out && isDatabaseFile(opts.out, deps.dbPath)) {
    throw new UsageError(t('{file} is the database itself; name another file for the export', { file: opts.out }));
  }
  if (opts.out && isDirectory(opts.out)) {
    throw new UsageError(t('{file} is a directory; name a file in it, e.g. {example}', { file: opts.out, example: join(opts.out, `crm.${format}`) }));
  }
  const { store } = deps;
  // The id is created on first use, a write; then one snapshot, so no sale lands without its customer.
  const databaseId = format === 'csv' ? '' : store.write(() => store.transfer.databaseId());
  const tally = { n: 0 };
  store.read(() => {
    const pieces = chunks(deps, format, what, databaseId, tally);
    if (opts.out) writeOut(opts.out, pieces);
    else drain(pieces, io.stdout);
  });
  if (!opts.out) return;
  const report = { file: opts.out, format, what: what ?? 'all', records: tally.n };
  if (io.json) printJson(io, report);
  else info(io, exportedText({ n: tally.n, file: opts.out, format }, what));
}

function exportedText(vars: { n: number; file: string; format: Format }, what: What | undefined): string {
  if (!what) return t('Exported {n} records to {file} ({format}).', vars);
  const names: Record<What, string> = {
    customers: t('customers'), sales: t('sales'), reminders: t('reminders'), contacts: t('contacts'), complaints: t('complaints'),
  };
  return t('Exported {n} {what} to {file} ({format}).', { ...vars, what: names[what] });
}
