/** The customer file (DOMAIN.md section 1) and the rules about it that need no database. */
import { daysBetween, type IsoDate } from './dates.js';

export interface SpecialDay {
  day: string; // 'MM-DD' or 'YYYY-MM-DD'
  label: string;
}

/** The fields a person types; every one but the name may be empty. */
export const CUSTOMER_TEXT_FIELDS = [
  'company',
  'address',
  'phone',
  'email',
  'birthday',
  'role',
  'character',
  'hobbies',
  'family',
  'channel',
  'source',
  'credit',
  'competitors',
  'notes',
] as const;
export type CustomerTextField = (typeof CUSTOMER_TEXT_FIELDS)[number];

export type CustomerDetails = { [K in CustomerTextField]: string | null };

export interface Customer extends CustomerDetails {
  id: number;
  name: string;
  referredBy: number | null;
  doNotContact: boolean;
  tags: string[];
  specialDays: SpecialDay[];
  createdOn: IsoDate;
  updatedOn: IsoDate;
}

export type NewCustomer = Omit<Customer, 'id' | 'createdOn' | 'updatedOn'>;

/** A profile untouched this long is flagged for a refresh: facts go stale (DOMAIN.md section 1). */
export const REFRESH_AFTER_DAYS = 180;

/**
 * Why a do-not-contact customer's follow-ups were skipped: stored in English (a reason is machine
 * text, shown in --json and exports), so --contact-ok finds them again. Older versions stored the
 * sentence in the language in force; those are found too.
 */
// i18n-ignore-start: stored reasons, never shown translated
export const DO_NOT_CONTACT_REASON = 'customer asked not to be contacted';
export const DO_NOT_CONTACT_REASONS: readonly string[] = [DO_NOT_CONTACT_REASON, '客户要求不要联系'];
// i18n-ignore-end

/**
 * Whether two versions of a customer get different plans: the name and company are in titles and
 * choose the cards' culture, yearly days and tags make greetings and visits, rules may ask for a
 * channel or a referrer, and do-not-contact stops everything.
 */
export function plansDiffer(a: NewCustomer, b: NewCustomer): boolean {
  const tags = (c: NewCustomer) => [...c.tags].sort().join(',');
  return a.name !== b.name || a.company !== b.company || a.channel !== b.channel || a.referredBy !== b.referredBy
    || a.doNotContact !== b.doNotContact || tags(a) !== tags(b) || yearlyDaysDiffer(a, b);
}

/** Whether the birthday or the special days differ: what the yearly greetings are planned from. */
export function yearlyDaysDiffer(a: NewCustomer, b: NewCustomer): boolean {
  const days = (c: NewCustomer) => c.specialDays.map((d) => `${d.day} ${d.label}`).sort().join('\n');
  return a.birthday !== b.birthday || days(a) !== days(b);
}

export function needsRefresh(customer: Pick<Customer, 'updatedOn'>, today: IsoDate): boolean {
  return daysBetween(customer.updatedOn, today) >= REFRESH_AFTER_DAYS;
}

/** The key for case-insensitive name lookup in any script (ß, Ä, full-width letters). */
export function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** The monthly-day part of a birthday or special day: '1980-03-15' -> '03-15'. */
export function monthDay(day: string): string {
  return day.length === 10 ? day.slice(5) : day;
}

export function hasCjk(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/u.test(text);
}
