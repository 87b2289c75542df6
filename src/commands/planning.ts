/**
 * Glue between the store and the pure playbook engine: which rules are in force, what the engine
 * needs to know, and storing what it plans. Called inside the caller's write transaction.
 */
import { currentLang, t, valuesOf, type Lang } from '../i18n.js';
import { readFileSync } from 'node:fs';
import type { Calendar, PlanInput, PlannedFollowUp, Rule } from '../domain/playbook.js';
import { planWithHistory } from '../domain/playbook.js';
import { fitsTemplate } from '../domain/template.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import type { Customer } from '../domain/customer.js';
import type { Reminder } from '../domain/reminder.js';
import type { Sale } from '../domain/sale.js';
import { UserError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { CatchUp } from './pacing.js';

export const DEFAULT_PLAYBOOK = new URL('../../playbooks/default.yaml', import.meta.url);

let shipped: Rule[] | undefined;

/** The playbook shipped with crm. YAML and its checker load only when a command plans. */
export async function defaultRules(): Promise<Rule[]> {
  if (shipped) return shipped;
  const { readPlaybook } = await import('../domain/rules-file.js');
  const { playbook, problems } = readPlaybook(readFileSync(DEFAULT_PLAYBOOK, 'utf8'));
  if (!playbook) throw new UserError(t('the shipped playbook is broken (line {line}: {message}); reinstall crm', { line: problems[0]?.line ?? '?', message: problems[0]?.message ?? '' }));
  shipped = playbook.rules;
  return shipped;
}

/** The playbook in force: the newest one installed with `crm rules use`, else the shipped one. */
export async function activeRules(store: Store): Promise<Rule[]> {
  return store.playbooks.active()?.rules ?? defaultRules();
}

interface PlanOptions {
  rules: Rule[];
  calendar: Calendar;
  /** The day planning counts from (a later one when rolling a yearly rule on). */
  from: IsoDate;
  catchUp?: boolean;
  /** Passed steps due before this day come back as history keys only (see MISSED_KEPT_DAYS). */
  historyBefore?: IsoDate;
  /** The language titles are written in; the one in force when not given. */
  lang?: Lang;
}

/** What planning knows about a customer beyond the file: their value, strategy and purchases. */
export function planContext(store: Store, customerId: number): Pick<PlanInput, 'tier' | 'strategy' | 'strategySince' | 'firstSaleId' | 'lastSaleId'> & { stopped: boolean } {
  const c = store.values.context(customerId);
  return {
    tier: c.tier ?? undefined,
    strategy: c.strategy ?? undefined,
    strategySince: c.strategySince ?? undefined,
    firstSaleId: c.firstSaleId ?? undefined,
    lastSaleId: c.lastSaleId ?? undefined,
    stopped: c.stopped,
  };
}

/** A customer whose active follow-ups were stopped after a review is planned like do-not-contact. */
export function asPlanned(customer: Customer, stopped: boolean): Customer {
  return stopped ? { ...customer, doNotContact: true } : customer;
}

/** Who a customer's sales are planned for: loaded once per customer, not once per sale. */
type Buyer = Pick<PlanInput, 'customer' | 'referrer' | 'tier' | 'strategy' | 'strategySince' | 'firstSaleId' | 'lastSaleId'>;

function buyer(store: Store, customerId: number): Buyer {
  const { stopped, ...context } = planContext(store, customerId);
  const customer = asPlanned(store.customers.get(customerId)!, stopped);
  const ref = customer.referredBy ? store.customers.get(customer.referredBy) : undefined;
  const referrer = ref && asPlanned(ref, store.values.context(ref.id).stopped);
  return { customer, referrer, ...context };
}

function planSale(store: Store, sale: Sale, existing: PlanInput['existing'], o: PlanOptions, who = buyer(store, sale.customerId)) {
  const { rules, calendar, from: today, catchUp, historyBefore, lang = currentLang() } = o;
  return planWithHistory({ ...who, sale, existing, rules, calendar, today, catchUp, historyBefore, lang });
}

/**
 * How far back a passed step is still recorded as missed. A step due before that is history from
 * before crm knew the sale (last year's sale entered or imported today): counted and reported, not
 * stored row by row. Nobody acts on a card missed in 2023, and a sheet of 100,000 old sales would
 * otherwise become 1.7 million such rows (1 GB, 13 s to write). The sale itself is kept, so the
 * plan can always be derived again (`crm rules preview`).
 */
export const MISSED_KEPT_DAYS = 30;

/** The first day whose passed steps are still recorded as missed; earlier ones are history. */
export function historyBefore(today: IsoDate): IsoDate {
  return addDays(today, -MISSED_KEPT_DAYS);
}

export interface PlannedSale {
  /** The follow-ups stored: open ones and those missed within MISSED_KEPT_DAYS. */
  reminders: Reminder[];
  /** Passed steps older than that, not stored. */
  history: number;
}

export function planForSale(store: Store, sale: Sale, calendar: Calendar, today: IsoDate, rules: Rule[]): PlannedSale {
  const existing = store.reminders.forCustomer(sale.customerId, { limit: 100_000 });
  const known = new Set(existing.map((r) => r.dedupeKey));
  const { planned, history } = planSale(store, sale, existing, { rules, calendar, from: today, historyBefore: historyBefore(today) });
  return {
    reminders: store.reminders.insertNew(planned.filter((p) => !known.has(p.dedupeKey)), today),
    history: history.saleSteps + history.customerSteps.filter((h) => !known.has(h.dedupeKey)).length,
  };
}

/** Which rules roll on year after year: closing one occurrence plans the next. */
export function rollsForward(rules: Rule[], ruleId: string): Rule | undefined {
  const rule = rules.find((r) => r.id === ruleId);
  return rule && ('yearly' in rule.when || 'festivals' in rule.when) ? rule : undefined;
}

/** Birthdays, special days and holiday visits: after one is closed, plan the next one. */
export function planNextOccurrence(store: Store, closed: Reminder, rules: Rule[], calendar: Calendar, today: IsoDate): Reminder[] {
  const rule = rollsForward(rules, closed.rule);
  const sale = rule && closed.saleId ? store.sales.get(closed.saleId) : undefined;
  if (!rule || !sale) return [];
  const from = addDays(closed.due > today ? closed.due : today, 1);
  const existing = store.reminders.forCustomer(sale.customerId, { limit: 100_000 });
  return store.reminders.insertNew(planSale(store, { ...sale, date: from }, existing, { rules: [rule], calendar, from }).planned, today);
}

export interface ReplanCount {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface ReplanScope {
  /** Leave these sales' follow-ups alone: add-sale and import plan new sales themselves, with catch-up. */
  exceptSales?: ReadonlySet<number>;
  /** Only the follow-ups of these rules. */
  ruleIds?: string[];
  /** Collects the new follow-ups that were due already when planned, for the caller to pace (pacing.ts). */
  late?: CatchUp[];
  /**
   * The customer's birthday or special days changed: a greeting the user moved was moved from the
   * old day, so it follows the new one (or goes with a day that is gone) instead of staying put.
   */
  yearlyDaysChanged?: boolean;
}

/** The language a customer's follow-ups were planned in, read from their titles; undefined when none tells. */
function plannedLanguage(reminders: Pick<Reminder, 'rule' | 'title'>[], rules: Rule[]): Lang | undefined {
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const r of reminders) {
    const rule = byId.get(r.rule);
    if (!rule?.titleZh) continue;
    const zh = fitsTemplate(r.title, rule.titleZh);
    if (zh !== fitsTemplate(r.title, rule.title)) return zh ? 'zh' : 'en';
  }
  return undefined;
}

/**
 * Plans a customer's sales again under `rules` and brings their future, open follow-ups in line:
 * done, skipped, missed and overdue ones are never touched; a date the user moved (snooze) is kept,
 * even when the rules no longer plan that step, and so is a step already past its planned date
 * (caught up or snoozed) that the rules still want.
 */
export function replanCustomer(store: Store, customerId: number, rules: Rule[], calendar: Calendar, today: IsoDate, scope: ReplanScope = {}): ReplanCount {
  const inScope = (rule: string) => !scope.ruleIds || scope.ruleIds.includes(rule);
  const sales = store.sales.forCustomer(customerId).filter((s) => !scope.exceptSales?.has(s.id));
  // A customer whose only sales are the new ones has nothing planned yet to bring in line.
  if (!sales.length) return { added: 0, changed: 0, removed: 0, unchanged: 0 };
  const future = store.reminders.futureOpenForSales(sales.map((s) => s.id), today).filter((r) => inScope(r.rule));
  const futureKeys = new Set(future.map((r) => r.dedupeKey));
  const kept = store.reminders.forCustomer(customerId, { limit: 100_000 }).filter((r) => !futureKeys.has(r.dedupeKey));
  const keptKeys = new Set(kept.map((r) => r.dedupeKey));
  const wanted = new Map<string, PlannedFollowUp>();
  const passed = new Set<string>();
  const planRules = rules.filter((r) => inScope(r.id));
  const who = buyer(store, customerId);
  // Titles stay in the language they were planned in: a re-plan run in English (cron, a teammate)
  // must not rewrite a customer's Chinese follow-ups, nor add English ones beside them.
  const lang = plannedLanguage([...future, ...kept], rules) ?? currentLang();
  for (const sale of sales) {
    const existing = [...kept, ...wanted.values()];
    for (const p of planSale(store, sale, existing, { rules: planRules, calendar, from: today, catchUp: false, lang }, who).planned) {
      if (p.state === 'missed') passed.add(p.dedupeKey);
      else if (!keptKeys.has(p.dedupeKey) && !wanted.has(p.dedupeKey)) wanted.set(p.dedupeKey, p);
    }
  }
  // A greeting moved from a birthday or special day that changed was moved from the old day: no move of the user's any more.
  const yearly = new Set(scope.yearlyDaysChanged ? rules.filter((r) => 'yearly' in r.when).map((r) => r.id) : []);
  const moves = store.reminders.moveNotes(future.filter((r) => !yearly.has(r.rule)).map((r) => r.id));
  const moved = new Set(moves.keys());
  // Moved by the user, not only spread by pacing: an appointment of theirs.
  // i18n-ignore: pacing's note as a key, to recognise it in either language
  const byUser = new Set([...moves].filter(([, notes]) => notes.some((n) => !n || !valuesOf('spread by {command}, {n} a day: from {from} to {to}', n))).map(([id]) => id));
  const count: ReplanCount = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const r of future) {
    const p = wanted.get(r.dedupeKey);
    // A follow-up the user moved is their appointment: it stays even when the rules no longer plan it.
    if (!p && (passed.has(r.dedupeKey) || byUser.has(r.id))) count.unchanged++;
    else if (!p) {
      store.reminders.remove(r.id);
      count.removed++;
    } else if (p.customerId !== r.customerId) {
      // Another person now (a referrer's thanks after --referred-by changed): the old one's goes, the new one's comes.
      store.reminders.remove(r.id);
      count.removed++;
    } else {
      wanted.delete(r.dedupeKey);
      const due = moved.has(r.id) ? r.due : p.due;
      if (due === r.due && p.title === r.title && p.action === r.action && p.lesson === r.lesson) count.unchanged++;
      else {
        store.reminders.revise(r.id, { due, title: p.title, action: p.action, lesson: p.lesson });
        count.changed++;
      }
    }
  }
  const inserted = store.reminders.insertNew([...wanted.values()], today);
  count.added = inserted.length;
  if (scope.late) {
    const amounts = new Map(sales.map((s) => [s.id, s.amountCents]));
    for (const r of inserted) {
      if (r.state !== 'open' || !wanted.get(r.dedupeKey)?.late) continue;
      const amountCents = (r.saleId !== null && amounts.get(r.saleId)) || 0;
      scope.late.push({ id: r.id, customerId: r.customerId, rule: r.rule, due: r.due, tier: store.values.get(r.customerId)?.tier, amountCents });
    }
  }
  return count;
}
