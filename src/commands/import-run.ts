/** The work of `crm import`: read the file, check every row, then write it all in one transaction. */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { parseMapOption, resolveHeader } from '../domain/import-columns.js';
import { readRow, type ImportRow, type RowError } from '../domain/import-row.js';
import { readExportDocument, type ExportDocument } from '../domain/import-json.js';
import { planImport, saleKey } from '../domain/import-plan.js';
import type { Calendar, Rule } from '../domain/playbook.js';
import { activeRules } from './planning.js';
import type { Store } from '../store/index.js';
import { info, printJson, warn, type Io } from '../ui/io.js';
import { progressBar, PROGRESS_MIN_ROWS } from '../ui/progress.js';
import { planSize, writePlan, type ImportCounts } from './import-write.js';
import { restoreDocument, type RestoreCounts } from './import-restore.js';
import { readSource, type Source } from './import-source.js';

export interface ImportOptions {
  dryRun?: boolean;
  map?: string[];
  encoding?: string;
}

export interface ImportReport extends ImportCounts, Partial<Pick<RestoreCounts, 'reminders' | 'contacts'>> {
  file: string;
  encoding: string;
  rows: number;
  dryRun: boolean;
  warnings: string[];
}

const SHOWN_ERRORS = 20;

/** Every problem, then one `crm:` line; nothing has been written. */
function refuse(io: Io, file: string, errors: RowError[]): never {
  const rows = new Set(errors.map((e) => e.row)).size;
  if (io.json) printJson(io, { imported: false, errors });
  else {
    for (const e of errors.slice(0, SHOWN_ERRORS)) io.stderr(`${e.message}\n`);
    if (errors.length > SHOWN_ERRORS) io.stderr(`... and ${errors.length - SHOWN_ERRORS} more (all of them with --json)\n`);
  }
  throw new UsageError(`${file}: ${errors.length} error${errors.length > 1 ? 's' : ''} in ${rows} row${rows > 1 ? 's' : ''}; nothing was imported (fix the file and run again)`);
}

function readRows(source: Extract<Source, { kind: 'rows' }>, opts: ImportOptions, deps: Deps): { rows: ImportRow[]; errors: RowError[] } {
  const layout = resolveHeader(source.header, parseMapOption(opts.map ?? []));
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const progress = progressBar(deps.io, 'checking ', source.records.length);
  source.records.forEach((cells, i) => {
    progress.update(i + 1);
    if (cells.every((c) => c.trim() === '')) return;
    const r = readRow(cells, layout, source.firstRow + i, deps.today);
    if (r.value) rows.push(r.value);
    else errors.push(...r.errors);
  });
  progress.finish();
  return { rows, errors };
}

function saleCounts(store: Store): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of store.sales.all()) {
    const key = saleKey(s.customerId, s);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The document's customers as rows, to be matched like a sheet's (row i+1 is customers[i]). */
function documentRows(doc: ExportDocument): ImportRow[] {
  return doc.customers.map((c, i) => {
    const { id: _id, name, referredBy: _r, doNotContact, tags, specialDays, createdOn: _c, updatedOn: _u, ...fields } = c;
    const details = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
    return { row: i + 1, customer: { name, details, tags, specialDays, doNotContact, referredBy: null }, sale: null };
  });
}

type Counts = ImportCounts & Partial<Pick<RestoreCounts, 'reminders' | 'contacts'>>;
type Outcome = { counts: Counts; warnings: string[] };

/** Thrown inside the transaction to roll a dry run back once its effect is counted. */
class DryRun extends Error {
  constructor(readonly outcome: Outcome) {
    super('dry run');
  }
}

/**
 * Matching and writing share one IMMEDIATE transaction: the customers matched are the ones on
 * file when the rows land, even with another crm writing, and a failure or a kill leaves nothing.
 */
function inTransaction(store: Store, dryRun: boolean, work: () => Outcome): Outcome {
  try {
    return store.write(() => {
      const outcome = work();
      if (dryRun) throw new DryRun(outcome);
      return outcome;
    });
  } catch (e) {
    if (e instanceof DryRun) return e.outcome;
    throw e;
  }
}

function importRows(deps: Deps, file: string, rows: ImportRow[], calendar: Calendar, rules: Rule[]): Outcome {
  const { store, io, today } = deps;
  const existing = store.customers.all();
  const plan = planImport(rows, existing, saleCounts(store));
  if (plan.errors.length) refuse(io, file, plan.errors);
  const progress = progressBar(io, 'importing', planSize(plan));
  const counts = writePlan(store, plan, existing, { calendar, rules, today, progress });
  progress.finish();
  return { counts, warnings: plan.warnings };
}

function restore(deps: Deps, file: string, doc: ExportDocument, calendar: Calendar, rules: Rule[]): Outcome {
  const { store, io, today } = deps;
  const keepIds = store.transfer.isEmpty();
  const plan = planImport(documentRows(doc), keepIds ? [] : store.customers.all(), new Map(), { matchWithinFile: false });
  const at = (e: RowError) => ({ ...e, message: e.message.replace(/^row (\d+), column (\w+)/, (_m, n: string, col: string) => `customers[${Number(n) - 1}].${col}`) });
  if (plan.errors.length) refuse(io, file, plan.errors.map(at));
  if (keepIds && doc.databaseId) store.transfer.setDatabaseId(doc.databaseId);
  return { counts: restoreDocument(store, doc, plan, { keepIds, calendar, rules, today }), warnings: plan.warnings };
}

export async function runImport(file: string, opts: ImportOptions, deps: Deps): Promise<ImportReport> {
  const { io } = deps;
  const source = readSource(file, opts.encoding);
  const calendar = await import('../domain/calendar.js');
  const rules = await activeRules(deps.store);
  let work: () => Outcome;
  if (source.kind === 'rows') {
    const { rows, errors } = readRows(source, opts, deps);
    if (errors.length) refuse(io, file, errors);
    if (!rows.length) throw new UsageError(`${file} has a header but no rows to import`);
    work = () => importRows(deps, file, rows, calendar, rules);
  } else {
    const { value: doc, errors } = readExportDocument(source.doc);
    if (!doc) refuse(io, file, errors);
    work = () => restore(deps, file, doc, calendar, rules);
  }
  if (source.size >= PROGRESS_MIN_ROWS) info(io, `Checked ${source.size} rows of ${file}; writing...`);
  const { counts, warnings } = inTransaction(deps.store, Boolean(opts.dryRun), work);
  const report: ImportReport = { file, encoding: source.encoding, rows: source.size, dryRun: Boolean(opts.dryRun), ...counts, warnings };
  printReport(io, report);
  return report;
}

function printReport(io: Io, r: ImportReport): void {
  for (const w of r.warnings.slice(0, SHOWN_ERRORS)) warn(io, w);
  if (io.json) return printJson(io, { imported: !r.dryRun, ...r });
  const { customers: c, sales, followUps, reminders, contacts } = r;
  const lines = [
    `${r.dryRun ? 'Dry run, nothing written. Would import' : 'Imported'} ${r.file} (${r.encoding}, ${r.rows} rows):`,
    `  customers: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged`,
    `  sales: ${sales.created} new, ${sales.alreadyOnFile} already on file`,
  ];
  if (followUps.open || followUps.missed) {
    lines.push(`  follow-ups: ${followUps.open} planned, ${followUps.missed} recorded as missed (their date had passed)`);
  }
  if (reminders) lines.push(`  follow-ups restored: ${reminders.restored} (${reminders.alreadyOnFile} already on file)`);
  if (contacts) lines.push(`  contacts restored: ${contacts.restored} (${contacts.alreadyOnFile} already on file)`);
  io.stdout(lines.join('\n') + '\n');
}
