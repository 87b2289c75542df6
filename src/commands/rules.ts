/** `crm rules list|check|use|preview`: the playbook as a file the salesperson can read and change. */
import { currentLang, t } from '../i18n.js';
import { actionLabel } from '../domain/labels.js';
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Anchor, Condition, Rule, When } from '../domain/playbook.js';
import { strategyName } from '../domain/engagement.js';
import type { Playbook, Problem } from '../domain/rules-file.js';
import { english, inReadersLanguage, type Say } from '../domain/value-settings.js';
import { tierName } from '../domain/value.js';
import { info, printJson } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import { parseSale, printPlan, saleOptions, type AddSaleOptions } from './add-sale.js';
import { activeRules, planForSale, replanCustomer, type ReplanCount } from './planning.js';
import { changeText, retierBuyer } from './valuing.js';
import type { Reminder } from '../domain/reminder.js';
import { resolveCustomer } from './resolve.js';
import { PACE_HELP, paceCatchUps, pacedLine, paceOption, type CatchUp } from './pacing.js';

const SHIPPED = ['default', 'car-dealer', 'b2b-distributor'];

/** A shipped playbook by name (`crm rules use car-dealer`), else a path. */
function locate(ref: string): string {
  if (SHIPPED.includes(ref) && !existsSync(ref)) return fileURLToPath(new URL(`../../playbooks/${ref}.yaml`, import.meta.url));
  return resolve(ref);
}

/** `say` words the problems: the reader's language, or english for --json. */
async function checkFile(ref: string, say: Say): Promise<{ path: string; source: string; playbook?: Playbook; problems: Problem[] }> {
  const path = locate(ref);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const reason = (e as Error).message.split(':')[0];
    throw new UsageError(t('cannot read the playbook {file}: {reason}; give a YAML file or one of {names}', { file: path, reason, names: SHIPPED.join(', ') }));
  }
  // Notepad's "ANSI" on a Chinese Windows is GBK: read as UTF-8 it would install garbled titles and
  // product words that never match, so it is refused. A UTF-8 BOM is dropped.
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(t('the playbook {file} is not UTF-8 text: save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)', { file: path }));
  }
  const { readPlaybook } = await import('../domain/rules-file.js');
  return { path, source, ...readPlaybook(source, say) };
}

const checked = (deps: Deps, ref: string) => checkFile(ref, deps.io.json ? english : inReadersLanguage);

function failOnProblems(deps: Deps, path: string, problems: Problem[]): void {
  if (!problems.length) return;
  if (deps.io.json) printJson(deps.io, { file: path, ok: false, problems });
  else for (const p of problems) deps.io.stderr(`${path}:${p.line}: ${p.message}\n`);
  if (problems.length === 1) throw new UsageError(t('{file}: 1 problem; fix it and check again', { file: path }));
  throw new UsageError(t('{file}: {n} problems; fix them and check again', { file: path, n: problems.length }));
}

/** "+1 day" / "后1天": how far from its anchor a step is; '' on the day itself. */
function offsetText(days = 0, months = 0): string {
  const m = !months ? '' : months === 1 ? t('+1 month') : months === -1 ? t('-1 month') : months > 0 ? t('+{n} months', { n: months }) : t('-{n} months', { n: -months });
  const d = !days ? '' : days === 1 ? t('+1 day') : days === -1 ? t('-1 day') : days > 0 ? t('+{n} days', { n: days }) : t('-{n} days', { n: -days });
  return [m, d].filter(Boolean).join(' ');
}

function anchorText(anchor: Anchor, offset: string): string {
  switch (anchor) {
    case 'close':
      return t('close {offset}', { offset });
    case 'delivery':
      return t('delivery {offset}', { offset });
    case 'received':
      return t('received (delivery, else close) {offset}', { offset });
    case 'warranty-end':
      return t('warranty-end {offset}', { offset });
    case 'use-up':
      return t('use-up {offset}', { offset });
    case 'first-purchase':
      return t('first-purchase {offset}', { offset });
    case 'last-purchase':
      return t('last-purchase {offset}', { offset });
    case 'strategy-start':
      return t('strategy-start {offset}', { offset });
  }
}

export function describeWhen(w: When): string {
  if ('after' in w) return anchorText(w.after, offsetText(w.days, w.months)).trim();
  if ('monthlyCards' in w) return t("{count} months: {lead} days before each month's festival", { count: w.monthlyCards.count, lead: w.monthlyCards.leadDays });
  const offset = offsetText('days' in w ? w.days : 0);
  if ('yearly' in w) return (w.yearly === 'birthday' ? t('every year: birthday {offset}', { offset }) : t('every year: special days {offset}', { offset })).trim();
  if ('festivals' in w) return t('{festivals} {offset}', { festivals: w.festivals.join(', '), offset }).trim();
  const { months, weeks } = w.every;
  const count = w.count;
  if (months === 1) return t('every month after the close, {count} times', { count });
  if (months) return t('every {n} months after the close, {count} times', { n: months, count });
  if (weeks === 1) return t('every week after the close, {count} times', { count });
  return t('every {n} weeks after the close, {count} times', { n: weeks!, count });
}

const names = (ids: string[], name: (id: string) => string) => ids.map(name).join('/');

function describeCondition(c: Condition): string {
  return [
    c.verbal !== undefined ? (c.verbal ? t('verbal deal') : t('written deal')) : '',
    c.referred ? t('referred') : '',
    c.firstPurchase !== undefined ? (c.firstPurchase ? t('first purchase') : t('repeat purchase')) : '',
    c.tagsAny ? t('tag {tags}', { tags: c.tagsAny.join('/') }) : '',
    c.channels ? t('channel {channels}', { channels: c.channels.join('/') }) : '',
    c.tiers ? t('tier {tiers}', { tiers: names(c.tiers, tierName) }) : '',
    c.strategies ? t('strategy {strategies}', { strategies: names(c.strategies, strategyName) }) : '',
    c.notTiers ? t('not tier {tiers}', { tiers: names(c.notTiers, tierName) }) : '',
    c.notStrategies ? t('not strategy {strategies}', { strategies: names(c.notStrategies, strategyName) }) : '',
    c.productContains ? t('product ~ {words}', { words: c.productContains.join('/') }) : '',
    c.minAmount !== undefined ? t('amount >= {amount}', { amount: c.minAmount }) : '',
    c.maxAmount !== undefined ? t('amount <= {amount}', { amount: c.maxAmount }) : '',
    c.any ? t('({alternatives})', { alternatives: c.any.map(describeCondition).join(t(' or ')) }) : '',
  ].filter(Boolean).join(t(', '));
}

function describeIf(r: Rule): string {
  return [describeCondition(r.if ?? {}), r.target === 'referrer' ? t('to the referrer') : ''].filter(Boolean).join(t(', '));
}

export async function listRules(deps: Deps): Promise<void> {
  const installed = deps.store.playbooks.active();
  const rules = await activeRules(deps.store);
  if (deps.io.json) {
    printJson(deps.io, { name: installed?.name ?? 'default', version: installed?.version ?? 0, file: installed?.file ?? null, rules });
    return;
  }
  if (!installed) info(deps.io, t('Playbook "default", as shipped with crm'));
  else {
    const vars = { name: installed.name, version: installed.version, date: installed.installedOn, file: installed.file ?? '' };
    info(deps.io, installed.file ? t('Playbook "{name}", version {version}, installed {date} from {file}', vars) : t('Playbook "{name}", version {version}, installed {date}', vars));
  }
  const zh = currentLang() === 'zh';
  printTable(
    deps.io,
    [t('id'), t('when'), t('if'), t('action'), t('title'), t('lesson')],
    rules.map((r) => [r.id, describeWhen(r.when), describeIf(r), actionLabel(r.action), (zh && r.titleZh) || r.title, r.lesson]),
  );
}

export async function checkRules(ref: string, deps: Deps): Promise<void> {
  const { path, playbook, problems } = await checked(deps, ref);
  failOnProblems(deps, path, problems);
  if (deps.io.json) printJson(deps.io, { file: path, ok: true, problems: [], name: playbook!.name, rules: playbook!.rules.length });
  else deps.io.stdout(t('{file}: ok, playbook "{name}" with {n} rules', { file: path, name: playbook!.name, n: playbook!.rules.length }) + '\n');
}

export async function useRules(ref: string, opts: { replan?: boolean; pace?: string }, deps: Deps): Promise<void> {
  const { store, today, io } = deps;
  if (opts.pace !== undefined && !opts.replan) throw new UsageError(t('--pace spreads what --replan plans late: give --replan too'));
  const pace = paceOption(opts.pace);
  const { path, source, playbook, problems } = await checked(deps, ref);
  failOnProblems(deps, path, problems);
  const calendar = opts.replan ? await import('../domain/calendar.js') : undefined;
  const previous = store.playbooks.active()?.version ?? 0;
  const result = store.write(() => {
    const version = store.playbooks.install({ name: playbook!.name, file: path, source, rules: playbook!.rules, installedOn: today });
    const total: ReplanCount = { added: 0, changed: 0, removed: 0, unchanged: 0 };
    // A playbook that adds a win-back call makes it due now for every customer long past it.
    const late: CatchUp[] = [];
    if (calendar) {
      for (const id of store.sales.customerIds()) {
        const c = replanCustomer(store, id, playbook!.rules, calendar, today, { late });
        for (const k of Object.keys(total) as (keyof ReplanCount)[]) total[k] += c[k];
      }
    }
    // i18n-ignore: a command's name, the same in every language
    return { version, replan: calendar ? total : null, paced: paceCatchUps(store, late, pace, today, 'crm rules use').paced };
  });
  if (io.json) return printJson(io, { version: result.version, previous, name: playbook!.name, replan: result.replan, paced: result.paced });
  const vars = { name: playbook!.name, version: result.version, previous };
  io.stdout((previous ? t('Installed playbook "{name}" as version {version} (version {previous} is kept).', vars) : t('Installed playbook "{name}" as version {version}.', vars)) + '\n');
  const r = result.replan;
  if (r) io.stdout(t('Re-planned future follow-ups: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged; done ones untouched.', { ...r }) + '\n');
  if (result.paced) io.stdout(pacedLine(result.paced) + '\n');
  if (!r) info(io, t('New sales follow it from now on; add --replan to bring future follow-ups of past sales in line.'));
}

/** Thrown to roll a preview's writes back: it carries what they planned out of the transaction. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    // i18n-ignore: never shown, caught below
    super('preview');
  }
}

/**
 * Exactly what add-sale would plan: the sale is recorded, the buyer re-tiered and the sale planned
 * as add-sale does, and all of it rolled back, so the preview can never drift from the real thing
 * (a first sale's loyalty survey, cards and greetings the customer already has).
 */
export async function previewRules(opts: AddSaleOptions, deps: Deps): Promise<void> {
  const { store, today, io } = deps;
  const customer = resolveCustomer(store, opts.customer, '--customer');
  const newSale = parseSale(opts, customer.id, today);
  const [calendar, rules] = await Promise.all([import('../domain/calendar.js'), activeRules(store)]);
  type Outcome = { plan: Reminder[]; value: ReturnType<typeof retierBuyer> };
  let outcome: Outcome | undefined;
  try {
    store.write(() => {
      const sale = store.sales.get(store.sales.insert(newSale, today))!;
      const value = retierBuyer(store, customer, new Set([sale.id]), rules, calendar, today);
      throw new Rollback<Outcome>({ plan: planForSale(store, sale, calendar, today, rules).reminders, value });
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    outcome = (e as Rollback<Outcome>).value;
  }
  const { plan, value } = outcome!;
  const rows = plan.map(({ customerId, rule, action, title, lesson, due, state, reason }) => ({ customerId, rule, action, title, lesson, due, state, reason }));
  const replan = value.replan && value.tierBefore ? value.replan : null;
  if (io.json) return printJson(io, { preview: rows, tier: value.verdict.tier, tierBefore: value.tierBefore, replan });
  const name = customer.name;
  info(io, t('Preview for {name}: {product} on {date}. Nothing is saved.', { name, product: newSale.product, date: newSale.date }));
  if (replan) {
    const change = changeText(value.tierBefore, value.verdict.tier, value.strategyBefore, value.engagement?.strategy ?? null);
    info(io, t('{name}: {change}; their future follow-ups would be re-planned: {added} added, {changed} changed, {removed} removed.', { name, change, ...replan }));
  }
  printPlan(io, rows, t('would be recorded as missed'));
}

export function register(program: Command, run: RunCommand): void {
  const file = t('a YAML file, or one of {names}', { names: SHIPPED.join(', ') });
  const rules = program.command('rules').description(t('the playbook that turns sales into follow-ups: list, check, use, preview'))
    .addHelpText('after', t('\nExamples:\n  $ crm rules list\n  $ crm rules check my-playbook.yaml\n  $ crm rules preview --customer 王芳 --product "滤网" --amount 399\n  $ crm rules use my-playbook.yaml --replan'));
  rules.command('list').description(t('show the playbook in force'))
    .addHelpText('after', t('\nExample:\n  $ crm rules list'))
    .action(() => run((deps) => listRules(deps)));
  rules.command('check').description(t('validate a playbook file; every problem with its line')).argument('<file>', file)
    .addHelpText('after', t('\nExamples:\n  $ crm rules check my-playbook.yaml\n  $ crm rules check car-dealer'))
    .action((f: string) => run((deps) => checkRules(f, deps)));
  rules.command('use').description(t('install a checked playbook (earlier versions are kept)')).argument('<file>', file)
    .option('--replan', t('re-plan future, not-done follow-ups of past sales under it'))
    .option('--pace <n>', PACE_HELP())
    .addHelpText('after', t('\nExamples:\n  $ crm rules use my-playbook.yaml --replan\n  $ crm rules use default'))
    .action((f: string, opts: { replan?: boolean; pace?: string }) => run((deps) => useRules(f, opts, deps)));
  saleOptions(rules.command('preview').description(t('the follow-ups a sale would get; writes nothing')))
    .addHelpText('after', t('\nExample:\n  $ crm rules preview --customer 王芳 --product "滤网" --amount 399 --use-up-days 180'))
    .action((opts: AddSaleOptions) => run((deps) => previewRules(opts, deps)));
}
