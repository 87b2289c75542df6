/**
 * Which follow-ups crm mails to customers today, and the mail for each, looked up in the store:
 * the thank-you note and the cards, for customers whose channel is email, at most one a day each.
 */
import { addDays, type IsoDate } from '../domain/dates.js';
import { t } from '../i18n.js';
import type { Address } from '../mail/config.js';
import { customerEmail, languageOf, whyNotEmailable, type TemplateLookup } from '../mail/customer-email.js';
import type { OutgoingMail } from '../mail/mailer.js';
import type { OutboxMail } from '../store/outbox.js';
import type { Store } from '../store/index.js';
import type { Agenda } from './today.js';

/** Older follow-ups are left to the salesperson: a birthday greeting a week late does more harm than good. */
export const MAX_LATE_DAYS = 3;

export interface CustomerEmailDue {
  reminderId: number;
  customerId: number;
  to: string;
  mail: OutgoingMail;
}

export type Composed = { mail: OutgoingMail } | { why: string };

/** The mail for one follow-up as things stand now, or why it can no longer be sent. */
export function composeCustomerEmail(store: Store, reminderId: number, from: Address, templates: TemplateLookup): Composed {
  const reminder = store.reminders.get(reminderId);
  if (!reminder) return { why: t('the follow-up was deleted') };
  const customer = store.customers.get(reminder.customerId)!;
  const language = languageOf(customer);
  const template = templates(reminder.rule, language);
  const why = whyNotEmailable(reminder, customer, template);
  if (why) return { why };
  const sale = reminder.saleId ? store.sales.get(reminder.saleId) : undefined;
  const vars = store.reminders.templateVars(reminder.id);
  return { mail: customerEmail({ customer, sale, vars, template: template!, language, from }) };
}

/** A queued customer email that should no longer go: the follow-up closed, the customer opted out. */
export function whyNotAnyMore(store: Store, m: OutboxMail, from: Address, templates: TemplateLookup): string | undefined {
  const composed = composeCustomerEmail(store, m.reminderId!, from, templates);
  if ('why' in composed) return composed.why;
  return composed.mail.to.address === m.recipient ? undefined : t("the customer's address changed to {to}", { to: composed.mail.to.address });
}

/**
 * A queued customer email that is not for today: its follow-up was moved to a later day (`wait`:
 * it is queued again when due), or is now more than MAX_LATE_DAYS late (`late`: left to the person,
 * as customerEmailsDue leaves such follow-ups, so that the digest and the mails agree).
 */
export function outOfDate(store: Store, m: OutboxMail, today: IsoDate): { wait: IsoDate } | { late: string } | undefined {
  const reminder = m.reminderId ? store.reminders.get(m.reminderId) : undefined;
  if (!reminder || reminder.state !== 'open') return undefined;
  if (reminder.due > today) return { wait: reminder.due };
  if (reminder.due < addDays(today, -MAX_LATE_DAYS)) {
    return { late: t('the follow-up is more than {n} days late (due {due}); it stays on your agenda', { n: MAX_LATE_DAYS, due: reminder.due }) };
  }
  return undefined;
}

/**
 * Today's customer emails: per customer the first follow-up due (or up to MAX_LATE_DAYS late)
 * that may be mailed; none for a customer who already got one today or has one on its way.
 */
export function customerEmailsDue(store: Store, agenda: Agenda, today: IsoDate, from: Address, templates: TemplateLookup): CustomerEmailDue[] {
  const oldest = addDays(today, -MAX_LATE_DAYS);
  const seen = new Set<number>();
  const due: CustomerEmailDue[] = [];
  for (const r of [...agenda.overdue.filter((o) => o.due >= oldest), ...agenda.due]) {
    // Most follow-ups are calls to customers who prefer the phone: skip them before any lookup.
    if (seen.has(r.customerId) || r.channel !== 'email' || !r.email) continue;
    const composed = composeCustomerEmail(store, r.id, from, templates);
    if ('why' in composed) continue;
    const to = composed.mail.to.address;
    const earlier = store.outbox.forReminder(r.id, to);
    // Given up after repeated refusals: the follow-up stays on the agenda for a person.
    if (earlier?.state === 'failed') continue;
    seen.add(r.customerId);
    if (!earlier && (store.outbox.activeFor(r.customerId) || store.outbox.sentToCustomerOn(r.customerId, today))) continue;
    due.push({ reminderId: r.id, customerId: r.customerId, to, mail: composed.mail });
  }
  return due;
}
