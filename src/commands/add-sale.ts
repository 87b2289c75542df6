/** `crm add-sale`: store a closed sale and plan its follow-ups in the same transaction. */
import type { Command } from 'commander';
import { actionLabel } from '../domain/labels.js';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { addDays } from '../domain/dates.js';
import { channelHelp, parseAmount, parseChannel, parseDate, parsePositiveInt, parseText } from '../domain/parse.js';
import { saleJson, type NewSale, type Sale } from '../domain/sale.js';
import type { Reminder } from '../domain/reminder.js';
import { info, printJson, type Io } from '../ui/io.js';
import { renderTable } from '../ui/table.js';
import { resolveCustomer } from './resolve.js';
import { activeRules, MISSED_KEPT_DAYS, planContext, planForSale } from './planning.js';
import { changeText, retierBuyer } from './valuing.js';
import { warnPhrases } from './phrases.js';
import { t, tWeekday } from '../i18n.js';

export interface AddSaleOptions {
  customer: string;
  product: string;
  amount: string;
  date?: string;
  cost?: string;
  quantity?: string;
  delivery?: string;
  warrantyMonths?: string;
  useUpDays?: string;
  verbal?: boolean;
  channel?: string;
  note?: string;
}

export function parseSale(opts: AddSaleOptions, customerId: number, today: string): NewSale {
  const date = opts.date ? parseDate(opts.date, '--date') : today;
  const delivery = opts.delivery ? parseDate(opts.delivery, '--delivery') : null;
  if (delivery && delivery < date) throw new UsageError(t('--delivery must be on or after the sale date {date} (got "{got}")', { date, got: String(opts.delivery) }));
  if (date > addDays(today, 366)) throw new UsageError(t('--date must be within a year from today (got "{got}")', { got: String(opts.date) }));
  const product = parseText(opts.product, '--product', { multiline: false }).trim();
  if (!product) throw new UsageError(t('--product must name what was sold (got "")'));
  const amountCents = parseAmount(opts.amount, '--amount');
  return {
    customerId,
    product,
    amountCents,
    costCents: opts.cost !== undefined ? parseAmount(opts.cost, '--cost') : null,
    quantity: opts.quantity !== undefined ? parsePositiveInt(opts.quantity, '--quantity') : 1,
    date,
    delivery,
    warrantyMonths: opts.warrantyMonths !== undefined ? parsePositiveInt(opts.warrantyMonths, '--warranty-months') : null,
    useUpDays: opts.useUpDays !== undefined ? parsePositiveInt(opts.useUpDays, '--use-up-days') : null,
    verbal: Boolean(opts.verbal),
    channel: opts.channel ? parseChannel(opts.channel, '--channel') : null,
    note: opts.note !== undefined ? parseText(opts.note, '--note') : null,
  };
}

export function reminderJson(r: Reminder) {
  return { id: r.id, due: r.due, rule: r.rule, action: r.action, title: r.title, customerId: r.customerId, saleId: r.saleId, lesson: r.lesson };
}

export async function addSale(opts: AddSaleOptions, deps: Deps): Promise<{ sale: Sale; reminders: Reminder[] }> {
  const { store, io, today } = deps;
  const customer = resolveCustomer(store, opts.customer, '--customer');
  const newSale = parseSale(opts, customer.id, today);
  const calendar = await import('../domain/calendar.js');
  const rules = await activeRules(store);
  const { sale, reminders, history, value, stopped } = store.write(() => {
    const sale = store.sales.get(store.sales.insert(newSale, today))!;
    // Cadence follows value: the buyer's tier first, so the new sale is planned under it.
    const value = retierBuyer(store, customer, new Set([sale.id]), rules, calendar, today);
    return { sale, ...planForSale(store, sale, calendar, today, rules), value, stopped: planContext(store, customer.id).stopped };
  });
  if (opts.note) warnPhrases(io, opts.note);
  const open = reminders.filter((r) => r.state === 'open');
  const missed = reminders.filter((r) => r.state === 'missed');
  if (io.json) {
    const tier = { tier: value.verdict.tier, strategy: value.engagement?.strategy ?? null, tierBefore: value.tierBefore, strategyBefore: value.strategyBefore, replan: value.replan };
    printJson(io, { sale: saleJson(sale), reminders: open.map(reminderJson), missed: missed.map(reminderJson), history, value: tier });
    return { sale, reminders };
  }
  const name = customer.name;
  const recorded = { id: sale.id, name, product: sale.product, amount: opts.amount, date: sale.date };
  info(io, sale.amountCents < 0
    ? t('Refund {id} recorded for {name}: {product}, {amount}, on {date}; a refund plans no follow-ups.', recorded)
    : t('Sale {id} recorded for {name}: {product}, {amount}, on {date}.', recorded));
  if (customer.doNotContact) info(io, t('{name} is marked do-not-contact: no follow-ups planned.', { name }));
  else if (stopped) info(io, t("{name}'s active follow-ups were stopped after a review: no follow-ups planned (crm review decide --keep to resume).", { name }));
  if (value.replan && value.tierBefore) {
    const r = value.replan;
    const change = changeText(value.tierBefore, value.verdict.tier, value.strategyBefore, value.engagement?.strategy ?? null);
    info(io, t('{name}: {change}; future follow-ups re-planned: {added} added, {changed} changed, {removed} removed.', { name, change, added: r.added, changed: r.changed, removed: r.removed }));
  }
  printPlan(io, reminders, t('were recorded as missed, not planned'));
  if (history) info(io, t('{n} older step(s) fell more than {days} days before today: history from before the sale was entered, not recorded.', { n: history, days: MISSED_KEPT_DAYS }));
  return { sale, reminders };
}

type PlanRow = Pick<Reminder, 'due' | 'action' | 'title' | 'lesson' | 'state'> & { id?: number };

/**
 * The plan as people read it: open steps, then the missed ones listed once. `missedNote`, already
 * in the language in force, says what became of the missed steps.
 */
export function printPlan(io: Io, plan: PlanRow[], missedNote: string): void {
  const rows = (list: PlanRow[]) => list.map((r) => [...(r.id ? [r.id] : []), r.due, tWeekday(r.due), actionLabel(r.action), r.title, r.lesson]);
  const head = (date: string) => [...(plan[0]?.id ? [t('id')] : []), date, t('day'), t('action'), t('follow-up'), t('why')];
  const open = plan.filter((r) => r.state === 'open');
  const missed = plan.filter((r) => r.state === 'missed');
  if (open.length) io.stdout(renderTable(io, head(t('date')), rows(open)));
  if (missed.length) {
    info(io, '\n' + t('{n} step(s) fell before today and {note}:', { n: missed.length, note: missedNote }));
    io.stdout(renderTable(io, head(t('was due')), rows(missed)));
  }
}

/** The options that describe a sale: add-sale records it, rules preview shows what it would plan. */
export function saleOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--customer <customer>', t('id or name of the buyer'))
    .requiredOption('--product <text>', t('what was sold'))
    .requiredOption('--amount <number>', t('the price, e.g. 1200 or 1200.50; negative for a refund, which plans nothing'))
    .option('--date <YYYY-MM-DD>', t('day of the close (default: today)'))
    .option('--cost <number>', t('what it cost us (profit feeds the value tiers)'))
    .option('--quantity <n>', t('how many (default 1)'))
    .option('--delivery <YYYY-MM-DD>', t('promised delivery date: supply check before, usage check after'))
    .option('--warranty-months <n>', t('warranty length: a check one month before it ends'))
    .option('--use-up-days <n>', t('days until the customer needs more: a repurchase call a week before'))
    .option('--verbal', t('agreed by phone or in person only: send a written confirmation today'))
    .option('--channel <channel>', t('how the sale was made: {channels}', { channels: channelHelp() }))
    .option('--note <text>', t('anything worth remembering about the deal'));
}

export function register(program: Command, run: RunCommand): void {
  saleOptions(program.command('add-sale').description(t('record a closed sale; the playbook plans its follow-ups')))
    .addHelpText(
      'after',
      t('\nExample:\n  $ crm add-sale --customer 王芳 --product "空气净化器 X3" --amount 3999 --delivery 2026-03-06 --warranty-months 12'),
    )
    .action((opts: AddSaleOptions) => run((deps) => addSale(opts, deps)));
}
