/** `crm classify`: value tier and engagement strategy of every customer (DOMAIN.md section 4). */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { parseChoice } from '../domain/parse.js';
import { PACE_HELP, paceOption, pacedLine, paceCatchUps, type CatchUp } from './pacing.js';
import { strategyName } from '../domain/engagement.js';
import { english, inReadersLanguage, parseSetting, settingsConflict } from '../domain/value-settings.js';
import { TIERS, tierName, type Thresholds } from '../domain/value.js';
import type { CustomerValue } from '../store/values.js';
import { formatMoney, info, printJson, type Io } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import { activeRules, type ReplanCount } from './planning.js';
import { resolveCustomer } from './resolve.js';
import { applyClassification, changeText, classifyAll, type Applied, type Classification } from './valuing.js';
import { explainText, thresholdsJson } from './classify-explain.js';

interface ClassifyOptions {
  customer?: string;
  explain?: boolean;
  set?: string[];
  capable?: string;
  pace?: string;
}

interface Row {
  c: Classification;
  applied: Applied;
  /** What the previous run said about this customer. */
  run: Pick<CustomerValue, 'runTier' | 'runStrategy'>;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const tierOf = (r: Row) => r.c.verdict.tier;
const strategyOf = (r: Row) => r.c.engagement?.strategy ?? null;
const changedSinceRun = (r: Row) => r.run.runTier !== tierOf(r) || r.run.runStrategy !== strategyOf(r);

function parseCapable(raw: string): boolean | null {
  const v = parseChoice(raw, '--capable', ['yes', 'no', 'unknown'] as const);
  return v === 'unknown' ? null : v === 'yes';
}

function money(cents: number | null, estimated = false): string {
  return cents === null ? '' : `${estimated ? '~' : ''}${formatMoney(cents)}`;
}

function customerJson(r: Row) {
  const { c } = r;
  const p = c.profile;
  return {
    id: c.customer.id, name: c.customer.name, tier: tierOf(r), strategy: strategyOf(r), type: c.engagement?.type ?? null,
    deals: p.deals, amount: p.amountCents / 100, profit: p.profitCents / 100,
    profitPerDeal: p.profitPerDealCents === null ? null : p.profitPerDealCents / 100,
    margin: p.marginPct === null ? null : Number(p.marginPct.toFixed(1)), estimated: p.estimated,
    repeatsPerYear: Number(p.repeatsPerYear.toFixed(2)), firstPurchase: p.firstPurchase, lastPurchase: p.lastPurchase,
    monthlyVolume: c.volumeCents === null ? null : c.volumeCents / 100,
    reasons: [...c.verdict.reasons, ...(c.engagement ? [c.engagement.reason] : [])],
    change: changedSinceRun(r) ? { tierBefore: r.run.runTier, tierAfter: tierOf(r), strategyBefore: r.run.runStrategy, strategyAfter: strategyOf(r) } : null,
  };
}

function printRows(io: Io, rows: Row[], hasPrevious: boolean): void {
  printTable(
    io,
    [t('id'), t('customer'), t('tier'), t('strategy'), t('deals'), t('profit/deal'), t('repeats/yr'), t('last purchase'), t('change')],
    rows.map((r) => {
      const e = r.c.engagement;
      const p = r.c.profile;
      const change = !hasPrevious || !changedSinceRun(r) ? '' : r.run.runTier ? changeText(r.run.runTier, tierOf(r), r.run.runStrategy, strategyOf(r)) : t('first classified');
      const strategy = !e ? '' : e.strategy ? t('type {n} {strategy}', { n: e.type, strategy: strategyName(e.strategy) }) : t('type {n} (judge)', { n: e.type });
      return [r.c.customer.id, r.c.customer.name, tierName(tierOf(r)), strategy, p.deals,
        money(p.profitPerDealCents, p.estimated), p.repeatsPerYear.toFixed(1), p.lastPurchase, change];
    }),
  );
}

function sumReplans(rows: Row[]): ReplanCount & { customers: number } {
  const total = { customers: 0, added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const { applied } of rows) {
    if (!applied.replan) continue;
    total.customers++;
    for (const k of ['added', 'changed', 'removed', 'unchanged'] as const) total[k] += applied.replan[k];
  }
  return total;
}

export async function classify(opts: ClassifyOptions, deps: Deps): Promise<void> {
  const { store, io, today } = deps;
  const sets = (opts.set ?? []).map(parseSetting);
  if (opts.capable !== undefined && !opts.customer) throw new UsageError(t('--capable needs --customer: whose ability is being judged'));
  const capable = opts.capable === undefined ? undefined : parseCapable(opts.capable);
  const pace = paceOption(opts.pace);
  const target = opts.customer ? resolveCustomer(store, opts.customer, '--customer') : undefined;
  const calendar = await import('../domain/calendar.js');
  const rules = await activeRules(store);
  const { runId, previous, thresholds, rows, paced } = store.write(() => {
    for (const s of sets) store.values.setSetting(s.key, s.value);
    if (target && capable !== undefined) store.values.setCapable(target.id, capable);
    // The reasons go into --json in English, which reads the same in every language.
    const { thresholds, results } = classifyAll(store, today, io.json ? english : inReadersLanguage);
    const conflict = settingsConflict({ 'type1-volume': thresholds.values['type1-volume']!, 'type3-volume': thresholds.values['type3-volume']! });
    if (conflict) throw new UsageError(conflict);
    const previous = store.values.lastRun();
    const before = store.values.all();
    // A customer who turns meteor long after their last purchase gets a win-back call due now:
    // the first run over a base built sale by sale makes hundreds of them at once.
    const late: CatchUp[] = [];
    const rows: Row[] = results.map((c) => {
      const b = before.get(c.customer.id);
      return { c, run: { runTier: b?.runTier ?? null, runStrategy: b?.runStrategy ?? null }, applied: applyClassification(store, c, rules, calendar, today, { late }) };
    });
    const runId = store.values.insertRun(today, thresholds, rows.length, rows.filter(changedSinceRun).length);
    for (const r of rows) store.values.recordRun(runId, r.c.customer.id, r.run, tierOf(r), strategyOf(r));
    // i18n-ignore: a command's name, the same in every language
    return { runId, previous, thresholds, rows, paced: paceCatchUps(store, late, pace, today, 'crm classify').paced };
  });
  rows.sort((a, b) => TIERS.indexOf(tierOf(a)) - TIERS.indexOf(tierOf(b)));
  const shown = target ? rows.filter((r) => r.c.customer.id === target.id) : rows;
  const replanned = sumReplans(rows);
  if (io.json) {
    const prev = previous ? { id: previous.id, date: previous.runOn } : null;
    printJson(io, { date: today, run: { id: runId, previous: prev }, thresholds: thresholdsJson(thresholds), basis: thresholds.basis, customers: shown.map(customerJson), replanned, paced });
    return;
  }
  if (opts.explain) io.stdout(explainText(thresholds) + '\n');
  if (shown.length) printRows(io, shown, Boolean(previous));
  else info(io, t('No customers yet: add one with crm customer add NAME'));
  if (opts.explain && target) {
    for (const r of shown) {
      const why = t('Why {name} is {tier}:', { name: r.c.customer.name, tier: tierName(tierOf(r)) });
      const reasons = customerJson(r).reasons.map((x) => '  ' + x + '\n');
      io.stdout(['\n', why, '\n', ...reasons].join(''));
    }
  }
  summary(io, runId, previous, rows, replanned, thresholds);
  if (paced) info(io, pacedLine(paced));
}

function summary(io: Io, runId: number, previous: { id: number; runOn: string } | undefined, rows: Row[], r: ReplanCount & { customers: number }, th: Thresholds): void {
  const changed = rows.filter(changedSinceRun).length;
  info(io, previous
    ? t('Run {run}: {n} customers, {changed} changed since run {previous} ({date}).', { run: runId, n: rows.length, changed, previous: previous.id, date: previous.runOn })
    : t('Run {run}: {n} customers classified for the first time.', { run: runId, n: rows.length }));
  if (r.customers) {
    info(io, t('Re-planned the future follow-ups of {n} customer(s): {added} added, {changed} changed, {removed} removed; done ones untouched.', { n: r.customers, added: r.added, changed: r.changed, removed: r.removed }));
  }
  const judge = rows.filter((x) => x.c.engagement && !x.c.engagement.strategy).map((x) => x.c.customer.name);
  const names = judge.slice(0, 5).join(t(', '));
  if (judge.length > 5) info(io, t('Type 3 dealers to judge: {names} and {more} more (crm classify --customer NAME --capable yes|no).', { names, more: judge.length - 5 }));
  else if (judge.length) info(io, t('Type 3 dealers to judge: {names} (crm classify --customer NAME --capable yes|no).', { names }));
  if (th.values['gold-profit'] === null) info(io, t('No sales yet: every customer is new until they buy.'));
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('classify')
    .description(t('value tier (gold, meteor, stream, burden, new) and dealer strategy of every customer; re-plans those that changed'))
    .option('--customer <customer>', t('show only this customer (id or name)'))
    .option('--explain', t('print the thresholds used and how each tier is decided'))
    .option('--set <key=value>', t('set a threshold before classifying, e.g. gold-profit=500; key= for the default (repeatable)'), collect)
    .option('--capable <yes|no|unknown>', t("with --customer: your judgement of a dealer's ability (seed 003)"))
    .option('--pace <n>', PACE_HELP())
    .addHelpText(
      'after',
      t('\nExamples:\n  $ crm classify\n  $ crm classify --explain\n  $ crm classify --set gold-profit=500 --set margin=30\n  $ crm classify --customer 张伟 --capable no --explain'),
    )
    .action((opts: ClassifyOptions) => run((deps) => classify(opts, deps)));
}
