/**
 * Glue between the store and the pure playbook engine: gather what the engine needs, store what
 * it plans. Called inside the caller's write transaction.
 */
import type { Calendar, Rule } from '../domain/playbook.js';
import { planFollowUps } from '../domain/playbook.js';
import { DEFAULT_RULES } from '../domain/default-playbook.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import type { Reminder } from '../domain/reminder.js';
import type { Sale } from '../domain/sale.js';
import type { Store } from '../store/index.js';

/** The playbook in force. */
export function activeRules(): Rule[] {
  return DEFAULT_RULES;
}

function planAndStore(store: Store, sale: Sale, rules: Rule[], calendar: Calendar, planToday: IsoDate, today: IsoDate): Reminder[] {
  const customer = store.customers.get(sale.customerId)!;
  const referrer = customer.referredBy ? store.customers.get(customer.referredBy) : undefined;
  const existing = store.reminders.forCustomer(customer.id, { limit: 100_000 });
  const planned = planFollowUps({ customer, sale, referrer, existing, rules, calendar, today: planToday });
  return store.reminders.insertNew(planned, today);
}

export function planForSale(store: Store, sale: Sale, calendar: Calendar, today: IsoDate, rules = activeRules()): Reminder[] {
  return planAndStore(store, sale, rules, calendar, today, today);
}

/** Which rules roll on year after year: closing one occurrence plans the next. */
export function rollsForward(ruleId: string): Rule | undefined {
  const rule = activeRules().find((r) => r.id === ruleId);
  return rule && ('yearly' in rule.when || 'festivals' in rule.when) ? rule : undefined;
}

/** Birthdays, special days and holiday visits: after one is closed, plan the next one. */
export function planNextOccurrence(store: Store, closed: Reminder, calendar: Calendar, today: IsoDate): Reminder[] {
  const rule = rollsForward(closed.rule);
  const sale = rule && closed.saleId ? store.sales.get(closed.saleId) : undefined;
  if (!rule || !sale) return [];
  const after = addDays(closed.due > today ? closed.due : today, 1);
  return planAndStore(store, { ...sale, date: after }, [rule], calendar, after, today);
}
