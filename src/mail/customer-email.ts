/**
 * The email a customer gets for one follow-up: whether they may get one, and what it says. Pure:
 * the caller looks up the follow-up, the customer and the sale.
 */
import type { Customer } from '../domain/customer.js';
import type { Reminder, ReminderState } from '../domain/reminder.js';
import type { Sale } from '../domain/sale.js';
import { occasionIn } from '../domain/festival-names.js';
import { customerCulture } from '../domain/schedule.js';
import { renderTemplate, type TemplateVars } from '../domain/template.js';
import { t } from '../i18n.js';
import { senderName, type Address } from './config.js';
import { isEmailAddress, oneLine, type OutgoingMail } from './mailer.js';
import { UNSUBSCRIBE_LINE, type EmailTemplate, type Language } from './templates.js';

export type TemplateLookup = (ruleId: string, language: Language) => EmailTemplate | undefined;

/** Chinese names or companies get the Chinese text, as they get Chinese festival cards. */
export function languageOf(c: Pick<Customer, 'name' | 'company'>): Language {
  return customerCulture(c) === 'cn' ? 'zh' : 'en';
}

function closedWhy(state: Exclude<ReminderState, 'open'>): string {
  return { done: t('the follow-up is done'), skipped: t('the follow-up is skipped'), missed: t('the follow-up is missed') }[state];
}

/** Why this follow-up cannot be mailed to its customer; undefined when it can. */
export function whyNotEmailable(
  r: Pick<Reminder, 'state' | 'rule'>,
  c: Pick<Customer, 'doNotContact' | 'channel' | 'email'>,
  template: EmailTemplate | undefined,
): string | undefined {
  if (r.state !== 'open') return closedWhy(r.state);
  if (!template) return t('no email template for "{rule}"', { rule: r.rule });
  if (c.doNotContact) return t('the customer is do-not-contact');
  if (!c.channel) return t("the customer's channel is not set, not email");
  if (c.channel !== 'email') return t("the customer's channel is {channel}, not email", { channel: c.channel });
  if (!c.email) return t('the customer has no email address');
  if (!isEmailAddress(c.email)) return t("the customer's email address {email} is not valid", { email: JSON.stringify(c.email) });
  return undefined;
}

export interface CustomerEmailInput {
  customer: Pick<Customer, 'name' | 'company' | 'email'>;
  /** The sale the follow-up came from, for follow-ups planned before their values were kept. */
  sale?: Pick<Sale, 'product' | 'date'>;
  /** The values the follow-up's title was rendered with. */
  vars: TemplateVars;
  template: EmailTemplate;
  language: Language;
  from: Address;
}

/** The values that name an occasion (schedule.ts): a card's theme, a festival, the birthday's label. */
const OCCASIONS = ['theme', 'festival', 'label'] as const;

export function customerEmail({ customer, sale, vars: stored, template, language, from }: CustomerEmailInput): OutgoingMail {
  const vars: TemplateVars = {
    ...(sale && { product: sale.product, date: sale.date }),
    ...stored,
    // The card's festival or season in the email's language, not in the one crm ran in at planning
    // time: "春节", never "春节 Spring Festival", in a Chinese email; no Chinese in an English one.
    ...Object.fromEntries(OCCASIONS.flatMap((k) => (stored[k] ? [[k, occasionIn(stored[k], language)]] : []))),
    // The customer as they are now: a corrected name is used, not the one at planning time.
    customer: oneLine(customer.name),
    name: oneLine(customer.name),
    company: oneLine(customer.company ?? ''),
    sender: senderName(from),
  };
  const text = `${renderTemplate(template.text, vars).trimEnd()}\n\n-- \n${renderTemplate(UNSUBSCRIBE_LINE[language], vars)}\n`;
  return {
    from,
    to: { name: customer.name, address: customer.email ?? '' },
    subject: oneLine(renderTemplate(template.subject, vars)),
    text,
    // i18n-ignore: a mail header name
    headers: { 'List-Unsubscribe': `<mailto:${from.address}?subject=unsubscribe>` },
  };
}
