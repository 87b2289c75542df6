/**
 * The playbook: rules as plain data, and the engine that turns a sale into dated follow-ups.
 * Pure: no database, no clock, no console. The caller passes today, the customer, their history
 * and a calendar; the engine returns what to store.
 */
import { t } from '../i18n.js';
import type { Customer } from './customer.js';
import type { Festival } from './calendar.js';
import type { Reminder } from './reminder.js';
import type { Sale } from './sale.js';
import type { TemplateVars } from './template.js';
import { addDays, isWeekend, nextWorkingDay, type IsoDate as Day } from './dates.js';
import { renderTemplate } from './template.js';
import { occurrencesOf, saleVars } from './schedule.js';
import { matches } from './conditions.js';

/**
 * What a one-off step counts from. received is the day the customer has the goods: the delivery
 * date when there is one, else the close (the 2-5-12 calls follow use, #299). first-purchase and last-purchase fire only for the customer's
 * first or latest sale (a win-back call moves with each new purchase when re-planned);
 * strategy-start is the day the customer's engagement strategy began (a persist series).
 */
export type Anchor = 'close' | 'delivery' | 'received' | 'warranty-end' | 'use-up' | 'first-purchase' | 'last-purchase' | 'strategy-start';
export type WeekendPolicy = 'keep' | 'next-weekday' | 'previous-weekday';

/** When a rule fires, relative to the sale or to the calendar. */
export type When =
  | { after: Anchor; days?: number; months?: number }
  | { monthlyCards: { count: number; leadDays: number } }
  | { yearly: 'birthday' | 'special-days'; days?: number }
  | { festivals: string[]; days: number }
  | { every: { months?: number; weeks?: number }; count: number };

export interface Condition {
  verbal?: boolean;
  tagsAny?: string[];
  channels?: string[];
  referred?: boolean;
  /** The sale is (or is not) the customer's first purchase: a referral is thanked once (#312). */
  firstPurchase?: boolean;
  minAmount?: number;
  maxAmount?: number;
  /** The product's name contains one of these (case-insensitive): a product category by name. */
  productContains?: string[];
  /** The customer's value tier / engagement strategy (set by classification). */
  tiers?: string[];
  strategies?: string[];
  /** Not these: an unclassified customer has no tier, so it is never excluded. */
  notTiers?: string[];
  notStrategies?: string[];
  /** At least one of these holds (each is a whole condition); everything else must hold as well. */
  any?: Condition[];
}

export interface Rule {
  id: string;
  action: string;
  title: string;
  /** The title in Chinese, used when crm speaks Chinese (--lang zh); else `title`. */
  titleZh?: string;
  lesson: string;
  when: When;
  if?: Condition;
  /** Whom the follow-up is with: the buyer, or the customer who referred them (#312). */
  target?: 'customer' | 'referrer';
  weekend?: WeekendPolicy;
  /** A customer-facing email for customers whose channel is email. */
  email?: { subject: string; text: string };
  /** The email in Chinese, for customers who get Chinese emails; given only with `email`. */
  emailZh?: { subject: string; text: string };
}

export interface Calendar {
  festivalsInYear(year: number): readonly Festival[];
}

export interface PlanInput {
  customer: Customer;
  sale: Sale;
  /** The customer who referred the buyer, when there is one. */
  referrer?: Customer;
  /** The buyer's follow-ups already stored, open or closed: cadences avoid doubling up on them. */
  existing: Pick<Reminder, 'rule' | 'due' | 'state'>[];
  rules: Rule[];
  calendar: Calendar;
  today: Day;
  /** The buyer's value tier and engagement strategy, when classified. */
  tier?: string;
  strategy?: string;
  /** The day the strategy began: what strategy-start counts from. */
  strategySince?: Day;
  /** The buyer's first and latest purchases; without them this sale counts as both. */
  firstSaleId?: number;
  lastSaleId?: number;
  /** Move recently missed steps to today (default); re-planning turns it off. */
  catchUp?: boolean;
  /** The language titles are written in (default English). */
  lang?: 'en' | 'zh';
  /**
   * Steps that had passed before this day are history, not part of the plan: planWithHistory
   * lists only their target and key (see MISSED_KEPT_DAYS in commands/planning.ts).
   */
  historyBefore?: Day;
}

/** A passed step left out of the plan as history: whom it was for and its dedupe key. */
export interface HistoryStep {
  customerId: number;
  dedupeKey: string;
}

/** The passed steps planWithHistory leaves out. */
export interface History {
  /** This sale's own steps (keyed by the new sale): no other sale can have them, so a count does. */
  saleSteps: number;
  /** Customer-wide steps (a monthly card, a birthday) with their keys: another sale may have them already. */
  customerSteps: HistoryStep[];
}

export interface PlannedFollowUp {
  customerId: number;
  saleId: number;
  rule: string;
  action: string;
  title: string;
  lesson: string;
  due: Day;
  /** 'open' to do; 'missed' when its date had passed before the sale was entered. */
  state: 'open' | 'missed';
  dedupeKey: string;
  reason: string | null;
  /** The values the title was rendered with: a customer email for this follow-up says the same. */
  vars: TemplateVars;
  /**
   * Set when the step's own day had passed and it is due now instead: a win-back call whose 90 days
   * are over, a recently missed call caught up. The day it fell on; an import paces these.
   */
  late?: Day;
}

/** One occurrence a rule produces before titles, targets and past dates are settled. */
export interface Occurrence {
  due: Day;
  /** Distinguishes occurrences of one rule; customer-wide ones are shared across sales. */
  key: string;
  scope: 'sale' | 'customer';
  vars?: TemplateVars;
  /** The day it fell on when that had passed and the step is due now instead (a win-back after 90 days). */
  late?: Day;
}

/**
 * A sale entered late: a one-off step due in the last CATCH_UP_DAYS may be moved to today (see
 * catchUp); anything else whose date has passed is recorded as missed and listed once in the
 * plan, never silently dropped.
 */
export const CATCH_UP_DAYS = 3;

function previousWorkingDay(d: Day): Day {
  let day = addDays(d, -1);
  while (isWeekend(day)) day = addDays(day, -1);
  return day;
}

export function adjustForWeekend(due: Day, policy: WeekendPolicy = 'keep'): Day {
  if (policy === 'keep' || !isWeekend(due)) return due;
  return policy === 'next-weekday' ? nextWorkingDay(due) : previousWorkingDay(due);
}

/**
 * What a later step makes up for: calls after the close, the delivery or the goods' arrival are one
 * kind (the day-5 call makes up for a missed day-2 call, #299; the day-2 call for a missed usage
 * call); any other one-off step (a thank-you note, a written confirmation) is its own, and so is each
 * customer: nothing done for one covers another. Undefined for a step whose moment is over: a check
 * before a delivery that has happened is not caught up.
 */
function kindOf(rule: Rule, p: PlannedFollowUp, sale: PlanInput['sale'], today: Day): string | undefined {
  const when = rule.when as Extract<When, { after: unknown }>;
  if (when.after === 'delivery' && (when.days ?? 0) + (when.months ?? 0) * 30 < 0 && sale.delivery && sale.delivery < today) return undefined;
  const call = rule.action === 'call' && (when.after === 'close' || when.after === 'received' || when.after === 'delivery');
  return call ? `${p.customerId} call` : `${p.customerId} ${rule.id}`;
}

/**
 * Moves recently missed one-off steps to today: per kind (kindOf), the latest one, unless a step
 * of that kind is coming within CATCH_UP_DAYS anyway.
 */
function catchUp(planned: PlannedFollowUp[], oneOffs: Map<PlannedFollowUp, string | undefined>, today: Day): void {
  const horizon = addDays(today, CATCH_UP_DAYS);
  const recent = planned.filter((p) => p.state === 'missed' && oneOffs.get(p) !== undefined && p.due >= addDays(today, -CATCH_UP_DAYS));
  for (const kind of new Set(recent.map((p) => oneOffs.get(p)))) {
    if (planned.some((p) => p.state === 'open' && oneOffs.get(p) === kind && p.due <= horizon)) continue;
    const latest = recent.filter((p) => oneOffs.get(p) === kind).sort((a, b) => (a.due < b.due ? 1 : -1))[0];
    latest.title += t(' (late: was due {due})', { due: latest.due });
    Object.assign(latest, { due: today, state: 'open', reason: null, late: latest.due });
  }
}

/** The follow-ups one sale gets under the playbook; empty for a do-not-contact customer. */
export function planFollowUps(input: PlanInput): PlannedFollowUp[] {
  return planWithHistory(input).planned;
}

/** planFollowUps, and the steps before `historyBefore` as keys only: a large import plans millions. */
export function planWithHistory(input: PlanInput): { planned: PlannedFollowUp[]; history: History } {
  const { customer, sale, referrer, today } = input;
  // A refund (a negative amount) takes a deal back: no thank-you, no calls, no cards for it. What
  // went wrong is a complaint's business (crm complaint open), not the playbook's.
  if (sale.amountCents < 0) return { planned: [], history: { saleSteps: 0, customerSteps: [] } };
  // Catch-up needs the steps of the last CATCH_UP_DAYS in full, whatever the caller asked.
  const lastCaughtUp = addDays(today, -CATCH_UP_DAYS);
  const historyBefore = input.historyBefore !== undefined && input.historyBefore > lastCaughtUp ? lastCaughtUp : input.historyBefore;
  const planned: PlannedFollowUp[] = [];
  const history: History = { saleSteps: 0, customerSteps: [] };
  const oneOffs = new Map<PlannedFollowUp, string | undefined>();
  // Shared, read-only, by every step without values of its own: the store writes a sale's common
  // values once for all of them (TransferRepo.insertReminder), 568k rows in a large import.
  const common = Object.freeze(saleVars(input));
  for (const rule of input.rules) {
    const target = rule.target === 'referrer' ? referrer : customer;
    if (!target || target.doNotContact || !matches(rule, input)) continue;
    for (const occ of occurrencesOf(rule, input)) {
      // Due now because its day passed: a weekend moves it on, never back into the past.
      const shifted = adjustForWeekend(occ.due, occ.late && rule.weekend === 'previous-weekday' ? 'next-weekday' : rule.weekend);
      // A step that would come before the sale (a supply check two days before a delivery due
      // tomorrow, a warranty shorter than its lead) is due on the day of the sale, not late.
      const due = shifted < sale.date ? sale.date : shifted;
      if (historyBefore !== undefined && due < historyBefore && due < today) {
        if (occ.scope === 'sale') history.saleSteps++;
        else history.customerSteps.push({ customerId: target.id, dedupeKey: `c${target.id}:${rule.id}:${occ.key}` });
        continue;
      }
      const key = occ.scope === 'sale' ? `s${sale.id}:${rule.id}${occ.key ? ':' + occ.key : ''}` : `c${target.id}:${rule.id}:${occ.key}`;
      const vars = occ.vars ? { ...common, ...occ.vars } : common;
      const p: PlannedFollowUp = {
        customerId: target.id,
        saleId: sale.id,
        rule: rule.id,
        action: rule.action,
        title: renderTemplate((input.lang === 'zh' && rule.titleZh) || rule.title, vars),
        lesson: rule.lesson,
        due,
        state: due >= today ? 'open' : 'missed',
        dedupeKey: key,
        // i18n-ignore: stored with the follow-up and shown only in --json, like its state
        reason: due >= today ? null : 'missed: its date had passed when the sale was entered',
        vars,
      };
      if (occ.late) p.late = occ.late;
      planned.push(p);
      if ('after' in rule.when) oneOffs.set(p, kindOf(rule, p, sale, today));
    }
  }
  if (input.catchUp !== false) catchUp(planned, oneOffs, today);
  return { planned: planned.sort((a, b) => (a.due === b.due ? 0 : a.due < b.due ? -1 : 1)), history };
}
