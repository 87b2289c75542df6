/**
 * Planning many sales in one transaction, as `crm add-sale` plans one (planning.ts): the same
 * engine, the same inputs (the customer, their referrer, their follow-ups so far), the same
 * stored states. It keeps customers and follow-ups in memory between sales instead of reading
 * them back for each one, which is what makes a 100,000-row import take seconds, not minutes.
 */
import type { Calendar, Rule } from '../domain/playbook.js';
import { planWithHistory } from '../domain/playbook.js';
import type { Customer } from '../domain/customer.js';
import type { IsoDate } from '../domain/dates.js';
import type { Reminder } from '../domain/reminder.js';
import type { Sale } from '../domain/sale.js';
import type { Store } from '../store/index.js';
import { currentLang } from '../i18n.js';
import { paceCatchUps, type CatchUp, type Pace, type Paced } from './pacing.js';
import { asPlanned, historyBefore, planContext } from './planning.js';

type Known = Pick<Reminder, 'rule' | 'due' | 'state' | 'dedupeKey'>;

export type PlannedCounts = { open: number; dueToday: number; missed: number; older: number };

/** A customer's follow-ups so far: the list the engine reads, and their keys to skip re-planned ones. */
interface History {
  list: Known[];
  keys: Set<string>;
}

/** What planning knows of a customer beyond their file (planning.ts planContext). */
export type Context = ReturnType<typeof planContext>;

export class SalePlanner {
  private readonly history = new Map<number, History>();
  private readonly oldest: IsoDate;
  /**
   * Follow-ups stored open (`dueToday` of them on today's agenda) and missed, and passed steps
   * older than MISSED_KEPT_DAYS: counted, not stored (see planning.ts).
   */
  readonly counts: PlannedCounts = { open: 0, dueToday: 0, missed: 0, older: 0 };
  private readonly catchUps: CatchUp[] = [];

  /** `customers` holds every customer a sale or a referral may name, as stored. */
  constructor(
    private readonly store: Store,
    private readonly customers: Map<number, Customer>,
    private readonly calendar: Calendar,
    private readonly today: IsoDate,
    /**
     * Customers with no follow-ups to read back: those this import created, or everyone when none
     * was on file before it.
     */
    private readonly fresh: { has(customerId: number): boolean },
    private readonly rules: Rule[],
    /**
     * Given when every sale of this run is on file and every tier is settled before the first
     * plan() (a CSV import): the contexts known already, and the cache of those read, once a
     * customer instead of once a sale. Without it (a restore), each sale reads it afresh.
     */
    private readonly contexts?: Map<number, Context>,
  ) {
    this.oldest = historyBefore(today);
  }

  private contextOf(customerId: number): Context {
    let c = this.contexts?.get(customerId);
    if (!c) {
      c = planContext(this.store, customerId);
      this.contexts?.set(customerId, c);
    }
    return c;
  }

  private historyOf(customerId: number): History {
    let h = this.history.get(customerId);
    if (!h) {
      const list: Known[] = this.fresh.has(customerId) ? [] : this.store.reminders.forCustomer(customerId, { limit: 100_000 });
      h = { list, keys: new Set(list.map((r) => r.dedupeKey)) };
      this.history.set(customerId, h);
    }
    return h;
  }

  /**
   * Lets go of a customer whose sales are all planned. Should a later sale's step name them (a
   * referral thanks, keyed by that sale), their history is read again: from the database, where
   * their new rows are, or as empty for a customer this import created (its keys cannot clash).
   */
  forget(customerId: number): void {
    this.history.delete(customerId);
  }

  plan(sale: Sale): void {
    const customer = this.customers.get(sale.customerId)!;
    const ref = customer.referredBy ? this.customers.get(customer.referredBy) : undefined;
    // The same knowledge add-sale plans with: the buyer's value, strategy and any stop decision.
    const { stopped, ...context } = this.contextOf(customer.id);
    const referrer = ref && asPlanned(ref, this.contextOf(ref.id).stopped);
    const { planned, history } = planWithHistory({
      customer: asPlanned(customer, stopped), sale, referrer, existing: this.historyOf(customer.id).list, rules: this.rules,
      calendar: this.calendar, today: this.today, lang: currentLang(), historyBefore: this.oldest, ...context,
    });
    // A new sale's own steps are counted once anyway; a customer-wide one (a monthly card) is
    // remembered, so the customer's next sale does not count it again.
    this.counts.older += history.saleSteps;
    for (const { customerId, dedupeKey } of history.customerSteps) {
      const h = this.historyOf(customerId);
      if (h.keys.has(dedupeKey)) continue;
      h.keys.add(dedupeKey);
      this.counts.older++;
    }
    // A key names its target customer (c12:...) or a new sale, so the target's keys are all that
    // can conflict: skipping them here spares the database most of a customer's cards.
    for (const p of planned) {
      const h = this.historyOf(p.customerId);
      if (h.keys.has(p.dedupeKey)) continue;
      const id = this.store.transfer.insertReminder({
        customerId: p.customerId, saleId: p.saleId, rule: p.rule, action: p.action, title: p.title, lesson: p.lesson, due: p.due,
        state: p.state, dedupeKey: p.dedupeKey, closedOn: p.state === 'open' ? null : this.today, reason: p.reason, createdOn: this.today,
      }, p.vars);
      if (id === undefined) continue;
      h.list.push({ rule: p.rule, due: p.due, state: p.state, dedupeKey: p.dedupeKey });
      h.keys.add(p.dedupeKey);
      if (p.state === 'missed') this.counts.missed++;
      else {
        this.counts.open++;
        if (p.due === this.today) this.counts.dueToday++;
        if (p.late) {
          const tier = p.customerId === customer.id ? context.tier : this.contextOf(p.customerId).tier;
          this.catchUps.push({ id, customerId: p.customerId, rule: p.rule, due: p.due, tier, amountCents: sale.amountCents });
        }
      }
    }
  }

  /** Spreads the follow-ups planned late (see pacing.ts); counts those moved off today out of `dueToday`. */
  pace(pace: Pace): Paced | null {
    // i18n-ignore: a command's name, the same in every language
    const { paced, offToday } = paceCatchUps(this.store, this.catchUps, pace, this.today, 'crm import');
    this.counts.dueToday -= offToday;
    return paced;
  }
}
