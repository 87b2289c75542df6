/** `crm rules list|check|use|preview`: the playbook as a file the salesperson can read and change. */
import { currentLang } from '../i18n.js';
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Condition, Rule, When } from '../domain/playbook.js';
import type { Playbook, Problem } from '../domain/rules-file.js';
import { info, printJson } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import { parseSale, printPlan, type AddSaleOptions } from './add-sale.js';
import { activeRules, asPlanned, planContext, replanCustomer, type ReplanCount } from './planning.js';
import { resolveCustomer } from './resolve.js';

const SHIPPED = ['default', 'car-dealer', 'b2b-distributor'];

/** A shipped playbook by name (`crm rules use car-dealer`), else a path. */
function locate(ref: string): string {
  if (SHIPPED.includes(ref) && !existsSync(ref)) return fileURLToPath(new URL(`../../playbooks/${ref}.yaml`, import.meta.url));
  return resolve(ref);
}

async function checkFile(ref: string): Promise<{ path: string; source: string; playbook?: Playbook; problems: Problem[] }> {
  const path = locate(ref);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the playbook ${path}: ${(e as Error).message.split(':')[0]}; give a YAML file or one of ${SHIPPED.join(', ')}`);
  }
  const { readPlaybook } = await import('../domain/rules-file.js');
  return { path, source, ...readPlaybook(source) };
}

function failOnProblems(deps: Deps, path: string, problems: Problem[]): void {
  if (!problems.length) return;
  if (deps.io.json) printJson(deps.io, { file: path, ok: false, problems });
  else for (const p of problems) deps.io.stderr(`${path}:${p.line}: ${p.message}\n`);
  throw new UsageError(`${path}: ${problems.length} problem${problems.length > 1 ? 's' : ''}; fix ${problems.length > 1 ? 'them' : 'it'} and check again`);
}

const offset = (days = 0, months = 0) =>
  [months ? `${months > 0 ? '+' : ''}${months} month${Math.abs(months) > 1 ? 's' : ''}` : '', days ? `${days > 0 ? '+' : ''}${days} day${Math.abs(days) > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(' ');

export function describeWhen(w: When): string {
  if ('after' in w) return `${w.after} ${offset(w.days, w.months)}`.trim();
  if ('monthlyCards' in w) return `${w.monthlyCards.count} months: ${w.monthlyCards.leadDays} days before each month's festival`;
  if ('yearly' in w) return `every year: ${w.yearly === 'birthday' ? 'birthday' : 'special days'} ${offset(w.days)}`.trim();
  if ('festivals' in w) return `${w.festivals.join(', ')} ${offset(w.days)}`.trim();
  const [n, unit] = w.every.months ? [w.every.months, 'month'] : [w.every.weeks!, 'week'];
  const every = n === 1 ? unit : `${n} ${unit}s`;
  return `every ${every} after the close, ${w.count} times`;
}

function describeCondition(c: Condition): string {
  return [
    c.verbal !== undefined ? (c.verbal ? 'verbal deal' : 'written deal') : '',
    c.referred ? 'referred' : '',
    c.tagsAny ? `tag ${c.tagsAny.join('/')}` : '',
    c.channels ? `channel ${c.channels.join('/')}` : '',
    c.tiers ? `tier ${c.tiers.join('/')}` : '',
    c.strategies ? `strategy ${c.strategies.join('/')}` : '',
    c.notTiers ? `not tier ${c.notTiers.join('/')}` : '',
    c.notStrategies ? `not strategy ${c.notStrategies.join('/')}` : '',
    c.productContains ? `product ~ ${c.productContains.join('/')}` : '',
    c.minAmount !== undefined ? `amount >= ${c.minAmount}` : '',
    c.maxAmount !== undefined ? `amount <= ${c.maxAmount}` : '',
    c.any ? `(${c.any.map(describeCondition).join(' or ')})` : '',
  ].filter(Boolean).join(', ');
}

function describeIf(r: Rule): string {
  return [describeCondition(r.if ?? {}), r.target === 'referrer' ? 'to the referrer' : ''].filter(Boolean).join(', ');
}

export async function listRules(deps: Deps): Promise<void> {
  const installed = deps.store.playbooks.active();
  const rules = await activeRules(deps.store);
  if (deps.io.json) {
    printJson(deps.io, { name: installed?.name ?? 'default', version: installed?.version ?? 0, file: installed?.file ?? null, rules });
    return;
  }
  info(deps.io, installed ? `Playbook "${installed.name}", version ${installed.version}, installed ${installed.installedOn}${installed.file ? ` from ${installed.file}` : ''}` : 'Playbook "default", as shipped with crm');
  printTable(deps.io, ['id', 'when', 'if', 'action', 'title', 'lesson'], rules.map((r) => [r.id, describeWhen(r.when), describeIf(r), r.action, r.title, r.lesson]));
}

export async function checkRules(ref: string, deps: Deps): Promise<void> {
  const { path, playbook, problems } = await checkFile(ref);
  failOnProblems(deps, path, problems);
  if (deps.io.json) printJson(deps.io, { file: path, ok: true, problems: [], name: playbook!.name, rules: playbook!.rules.length });
  else deps.io.stdout(`${path}: ok, playbook "${playbook!.name}" with ${playbook!.rules.length} rules\n`);
}

export async function useRules(ref: string, opts: { replan?: boolean }, deps: Deps): Promise<void> {
  const { store, today, io } = deps;
  const { path, source, playbook, problems } = await checkFile(ref);
  failOnProblems(deps, path, problems);
  const calendar = opts.replan ? await import('../domain/calendar.js') : undefined;
  const previous = store.playbooks.active()?.version ?? 0;
  const result = store.write(() => {
    const version = store.playbooks.install({ name: playbook!.name, file: path, source, rules: playbook!.rules, installedOn: today });
    const total: ReplanCount = { added: 0, changed: 0, removed: 0, unchanged: 0 };
    if (calendar) {
      for (const id of store.sales.customerIds()) {
        const c = replanCustomer(store, id, playbook!.rules, calendar, today);
        for (const k of Object.keys(total) as (keyof ReplanCount)[]) total[k] += c[k];
      }
    }
    return { version, replan: calendar ? total : null };
  });
  if (io.json) return printJson(io, { version: result.version, previous, name: playbook!.name, replan: result.replan });
  io.stdout(`Installed playbook "${playbook!.name}" as version ${result.version}${previous ? ` (version ${previous} is kept)` : ''}.\n`);
  const r = result.replan;
  if (r) io.stdout(`Re-planned future follow-ups: ${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.unchanged} unchanged; done ones untouched.\n`);
  else info(io, 'New sales follow it from now on; add --replan to bring future follow-ups of past sales in line.');
}

export async function previewRules(opts: AddSaleOptions, deps: Deps): Promise<void> {
  const { store, today, io } = deps;
  const customer = resolveCustomer(store, opts.customer, '--customer');
  const sale = { ...parseSale(opts, customer.id, today), id: 0, createdOn: today };
  const referrer = customer.referredBy ? store.customers.get(customer.referredBy) : undefined;
  const [{ planFollowUps }, calendar, rules] = await Promise.all([import('../domain/playbook.js'), import('../domain/calendar.js'), activeRules(store)]);
  const existing = store.reminders.forCustomer(customer.id, { limit: 100_000 });
  const { stopped, ...context } = planContext(store, customer.id);
  // The previewed sale would be the latest one, and the first if there is none yet.
  const history = { firstSaleId: context.firstSaleId ?? sale.id, lastSaleId: sale.id };
  const plan = planFollowUps({ customer: asPlanned(customer, stopped), sale, referrer, existing, rules, calendar, today, ...context, ...history, lang: currentLang() });
  if (io.json) return printJson(io, { preview: plan.map(({ dedupeKey: _k, saleId: _s, ...p }) => p) });
  info(io, `Preview for ${customer.name}: ${sale.product} on ${sale.date}. Nothing is saved.`);
  printPlan(io, plan, 'would be recorded as missed');
}

export function register(program: Command, run: RunCommand): void {
  const rules = program.command('rules').description('the playbook that turns sales into follow-ups: list, check, use, preview');
  rules.command('list').description('show the playbook in force')
    .addHelpText('after', '\nExample:\n  $ crm rules list')
    .action(() => run((deps) => listRules(deps)));
  rules.command('check').description('validate a playbook file; every problem with its line').argument('<file>', `a YAML file, or one of ${SHIPPED.join(', ')}`)
    .addHelpText('after', '\nExamples:\n  $ crm rules check my-playbook.yaml\n  $ crm rules check car-dealer')
    .action((file: string) => run((deps) => checkRules(file, deps)));
  rules.command('use').description('install a checked playbook (earlier versions are kept)').argument('<file>', `a YAML file, or one of ${SHIPPED.join(', ')}`)
    .option('--replan', 're-plan future, not-done follow-ups of past sales under it')
    .addHelpText('after', '\nExamples:\n  $ crm rules use my-playbook.yaml --replan\n  $ crm rules use default')
    .action((file: string, opts: { replan?: boolean }) => run((deps) => useRules(file, opts, deps)));
  rules.command('preview').description('the follow-ups a sale would get; writes nothing')
    .requiredOption('--customer <customer>', 'id or name').requiredOption('--product <text>', 'what would be sold')
    .requiredOption('--amount <number>', 'the price').option('--date <YYYY-MM-DD>', 'day of the close (default: today)')
    .option('--delivery <YYYY-MM-DD>', 'promised delivery date').option('--warranty-months <n>', 'warranty length')
    .option('--use-up-days <n>', 'days until the customer needs more').option('--verbal', 'agreed verbally only')
    .addHelpText('after', '\nExample:\n  $ crm rules preview --customer 王芳 --product "滤网" --amount 399 --use-up-days 180')
    .action((opts: AddSaleOptions) => run((deps) => previewRules(opts, deps)));
}
