/** The work of `crm import`: read the file, check every row, then write it all in one transaction. */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { parseMapOption, resolveHeader, type HeaderLayout } from '../domain/import-columns.js';
import { DATE_ORDERS, readRow, type DateOrder, type ImportRow, type RowError } from '../domain/import-row.js';
import { parseChoice } from '../domain/parse.js';
import { readExportDocument, type ExportDocument } from '../domain/import-json.js';
import { countSales, planImport } from '../domain/import-plan.js';
import { t } from '../i18n.js';
import type { Calendar, Rule } from '../domain/playbook.js';
import { activeRules, MISSED_KEPT_DAYS } from './planning.js';
import type { Store } from '../store/index.js';
import { info, printJson, warn, type Io } from '../ui/io.js';
import { progressBar, PROGRESS_MIN_ROWS } from '../ui/progress.js';
import { planSize, writePlan, type ImportCounts } from './import-write.js';
import { paceOption, type Pace } from './pacing.js';
import { restoreDocument, type RestoreCounts } from './import-restore.js';
import { readSource, type Source } from './import-source.js';

export interface ImportOptions {
  dryRun?: boolean;
  map?: string[];
  encoding?: string;
  dateOrder?: string;
  pace?: string;
}

/** What only a restore of a JSON export counts. */
type Restoring = Partial<Omit<RestoreCounts, keyof ImportCounts>>;

export interface ImportReport extends ImportCounts, Restoring {
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
    if (errors.length > SHOWN_ERRORS) io.stderr(t('... and {n} more (all of them with --json)', { n: errors.length - SHOWN_ERRORS }) + '\n');
  }
  const vars = { file, errors: errors.length, rows };
  if (rows > 1) throw new UsageError(t('{file}: {errors} errors in {rows} rows; nothing was imported (fix the file and run again)', vars));
  if (errors.length > 1) throw new UsageError(t('{file}: {errors} errors in 1 row; nothing was imported (fix the file and run again)', vars));
  throw new UsageError(t('{file}: 1 error in 1 row; nothing was imported (fix the file and run again)', vars));
}

/** How far down a sheet a header under a title row is looked for. */
const TITLE_ROWS = 10;

/**
 * The header's layout. A sheet with a title above its header ("客户名单 2026") fails on its first
 * row: the error then names the row that reads as a header, so the fix is one deletion away.
 */
function layoutOf(source: Extract<Source, { kind: 'rows' }>, map: ReturnType<typeof parseMapOption>): HeaderLayout {
  try {
    return resolveHeader(source.header, map);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const below = source.records.slice(0, TITLE_ROWS).findIndex((cells) => {
      try {
        resolveHeader(cells, map);
        return true;
      } catch {
        return false;
      }
    });
    if (below < 0) throw e;
    const header = source.firstRow - 1;
    const cells = source.records[below].filter((c) => c.trim()).join(',');
    throw new UsageError(t('row {row} reads as the header ({cells}), not row {header}: delete the rows above it and import again', { row: source.firstRow + below, cells, header }));
  }
}

function readRows(source: Extract<Source, { kind: 'rows' }>, opts: ImportOptions, order: DateOrder | undefined, deps: Deps): { rows: ImportRow[]; errors: RowError[] } {
  const layout = layoutOf(source, parseMapOption(opts.map ?? []));
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const progress = progressBar(deps.io, t('checking'), source.records.length);
  source.records.forEach((cells, i) => {
    progress.update(i + 1);
    if (cells.every((c) => c.trim() === '')) return;
    const r = readRow(cells, layout, source.firstRow + i, deps.today, order);
    if (r.value) rows.push(r.value);
    else errors.push(...r.errors);
  });
  progress.finish();
  return { rows, errors };
}

/** The document's customers as rows, to be matched like a sheet's (row i+1 is customers[i]). */
function documentRows(doc: ExportDocument): ImportRow[] {
  return doc.customers.map((c, i) => {
    const { id: _id, name, referredBy: _r, doNotContact, tags, specialDays, createdOn: _c, updatedOn: _u, ...fields } = c;
    const details = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
    return { row: i + 1, customer: { name, details, tags, specialDays, doNotContact, referredBy: null }, sale: null };
  });
}

type Counts = ImportCounts & Restoring;
type Outcome = { counts: Counts; warnings: string[] };

/** Thrown inside the transaction to roll a dry run back once its effect is counted. */
class DryRun extends Error {
  constructor(readonly outcome: Outcome) {
    // i18n-ignore: never shown, caught below
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

function importRows(deps: Deps, file: string, rows: ImportRow[], calendar: Calendar, rules: Rule[], pace: Pace): Outcome {
  const { store, io, today } = deps;
  const existing = store.customers.all();
  const plan = planImport(rows, existing, countSales(store.sales.all()));
  if (plan.errors.length) refuse(io, file, plan.errors);
  const progress = progressBar(io, t('importing'), planSize(plan));
  const counts = writePlan(store, plan, existing, { calendar, rules, today, progress, pace });
  progress.finish();
  return { counts, warnings: plan.warnings };
}

function restore(deps: Deps, file: string, doc: ExportDocument, calendar: Calendar, rules: Rule[]): Outcome {
  const { store, io, today } = deps;
  const keepIds = store.transfer.isEmpty();
  const place = (row: number, column?: string) => `customers[${row - 1}]${column === undefined ? '' : `.${column}`}`;
  const plan = planImport(documentRows(doc), keepIds ? [] : store.customers.all(), new Map(), { matchWithinFile: false, place });
  if (plan.errors.length) refuse(io, file, plan.errors);
  if (keepIds && doc.databaseId) store.transfer.setDatabaseId(doc.databaseId);
  const { counts, warnings } = restoreDocument(store, doc, plan, { keepIds, calendar, rules, today });
  return { counts, warnings: [...plan.warnings, ...warnings] };
}

export async function runImport(file: string, opts: ImportOptions, deps: Deps): Promise<ImportReport> {
  const { io } = deps;
  // The options first: a bad one is refused before the file is read, whatever the file holds.
  const order = opts.dateOrder === undefined ? undefined : parseChoice(opts.dateOrder, '--date-order', DATE_ORDERS);
  const pace = paceOption(opts.pace);
  const source = readSource(file, opts.encoding);
  const calendar = await import('../domain/calendar.js');
  const rules = await activeRules(deps.store);
  let work: () => Outcome;
  if (source.kind === 'rows') {
    const { rows, errors } = readRows(source, opts, order, deps);
    if (errors.length) refuse(io, file, errors);
    if (!rows.length) throw new UsageError(t('{file} has a header but no rows to import', { file }));
    work = () => importRows(deps, file, rows, calendar, rules, pace);
  } else {
    const { value: doc, errors } = readExportDocument(source.doc, (await import('../domain/rules-file.js')).readPlaybook);
    if (!doc) refuse(io, file, errors);
    work = () => restore(deps, file, doc, calendar, rules);
  }
  if (source.size >= PROGRESS_MIN_ROWS) info(io, t('Checked {n} rows of {file}; writing...', { n: source.size, file }));
  const { counts, warnings } = inTransaction(deps.store, Boolean(opts.dryRun), work);
  const report: ImportReport = { file, encoding: source.encoding, rows: source.size, dryRun: Boolean(opts.dryRun), ...counts, warnings };
  printReport(io, report);
  return report;
}

function printReport(io: Io, r: ImportReport): void {
  for (const w of r.warnings.slice(0, SHOWN_ERRORS)) warn(io, w);
  if (r.warnings.length > SHOWN_ERRORS) warn(io, t('... and {n} more (all of them with --json)', { n: r.warnings.length - SHOWN_ERRORS }));
  if (io.json) return printJson(io, { imported: !r.dryRun, ...r });
  const { customers: c, sales, followUps, reminders, contacts, complaints } = r;
  const head = { file: r.file, encoding: r.encoding, rows: r.rows };
  const lines = [
    r.dryRun ? t('Dry run, nothing written. Would import {file} ({encoding}, {rows} rows):', head) : t('Imported {file} ({encoding}, {rows} rows):', head),
    t('  customers: {created} new, {updated} updated, {unchanged} unchanged', c),
    t('  sales: {created} new, {alreadyOnFile} already on file', sales),
  ];
  if (followUps.open || followUps.missed) {
    lines.push(t('  follow-ups: {open} planned, {missed} recorded as missed (their date had passed)', followUps));
  }
  if (followUps.dueToday) lines.push(t('  {n} of the planned ones are due today: crm today lists them', { n: followUps.dueToday }));
  if (r.paced) {
    lines.push(t('  {moved} more were due already (win-back calls, late steps): spread {perDay} a working day until {until}, most valuable customers first (--pace to change)', { ...r.paced }));
  }
  if (followUps.older) {
    lines.push(t('  {older} older steps fell more than {days} days before today: history, not recorded', { older: followUps.older, days: MISSED_KEPT_DAYS }));
  }
  if (reminders) lines.push(t('  follow-ups restored: {restored} ({alreadyOnFile} already on file)', reminders));
  if (contacts) lines.push(t('  contacts restored: {restored} ({alreadyOnFile} already on file)', contacts));
  if (complaints?.restored || complaints?.alreadyOnFile) lines.push(t('  complaints restored: {restored} ({alreadyOnFile} already on file)', complaints));
  const also = restoredBesides(r);
  if (also) lines.push(t('  also restored: {values} customer value(s), {runs} classify run(s), {flags} flag(s), {decisions} review decision(s), {surveys} survey answer(s), {playbooks} playbook version(s), {settings} setting(s), {mails} outbox mail(s)', also));
  io.stdout(lines.join('\n') + '\n');
}

/** The counts of the value classification, setup and outbox, when a restore brought any of them back. */
function restoredBesides(r: ImportReport) {
  const n = (x?: { restored: number }) => x?.restored ?? 0;
  const also = {
    values: n(r.customerValues), runs: n(r.classifyRuns), flags: n(r.flags), decisions: n(r.reviewDecisions), surveys: n(r.surveys),
    playbooks: n(r.playbooks), settings: n(r.settings), mails: n(r.outbox),
  };
  return Object.values(also).some(Boolean) ? also : undefined;
}
