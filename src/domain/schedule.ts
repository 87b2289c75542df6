/**
 * When each kind of rule fires: the dates (occurrences) a rule yields for one sale, before the
 * engine settles titles, targets and dates that have passed.
 */
import { hasCjk, monthDay } from './customer.js';
import type { Culture, Festival } from './calendar.js';
import { addDays, addMonths, daysBetween, daysInMonth, isoOf, nextYearly, yearOf, type IsoDate } from './dates.js';
import type { Calendar, Occurrence, PlanInput, Rule, When } from './playbook.js';
import type { TemplateVars } from './template.js';
import { BIRTHDAY_LABEL, SEASONAL_THEMES, SEASONAL_THEMES_ZH } from './festival-names.js';

/**
 * Festivals worth a card, best first (#298, #312). Days for one group of people (women, mothers,
 * children, teachers, lovers on Qixi) and days of mourning (Qingming) are no occasion for a
 * business card; such months get a seasonal theme instead (never on Qingming itself). Labour Day
 * is 1 May in China, not in the US or the UK: Western customers get May's seasonal card.
 */
const CARD_PRIORITY: Record<'cn' | 'west', string[]> = {
  cn: ['spring-festival', 'mid-autumn', 'dragon-boat', 'national-day', 'new-year', 'lantern', 'double-ninth',
    'winter-solstice', 'labour-day', 'laba'],
  west: ['christmas', 'new-year', 'valentines', 'thanksgiving'],
};
export function customerCulture(c: { name: string; company: string | null }): 'cn' | 'west' {
  return hasCjk(c.name) || hasCjk(c.company ?? '') ? 'cn' : 'west';
}

function celebrates(f: Festival, culture: Culture): boolean {
  return f.culture === 'all' || f.culture === culture;
}

function money(cents: number): string {
  return (cents / 100).toFixed(cents % 100 ? 2 : 0);
}

function anchorDate(input: PlanInput, when: Extract<When, { after: unknown }>): IsoDate | undefined {
  const { sale } = input;
  switch (when.after) {
    case 'close':
      return sale.date;
    case 'delivery':
      return sale.delivery ?? undefined;
    case 'received':
      return sale.delivery ?? sale.date;
    case 'warranty-end':
      return sale.warrantyMonths ? addMonths(sale.date, sale.warrantyMonths) : undefined;
    case 'use-up':
      return sale.useUpDays ? addDays(sale.date, sale.useUpDays) : undefined;
    case 'first-purchase':
      return (input.firstSaleId ?? sale.id) === sale.id ? sale.date : undefined;
    case 'last-purchase':
      return (input.lastSaleId ?? sale.id) === sale.id ? sale.date : undefined;
    case 'strategy-start':
      return input.strategySince;
  }
}

export function saleVars(input: PlanInput): TemplateVars {
  const { customer, sale, referrer } = input;
  return {
    customer: customer.name,
    company: customer.company ?? '',
    product: sale.product,
    amount: money(sale.amountCents),
    date: sale.date,
    delivery: sale.delivery ?? '',
    warrantyEnd: sale.warrantyMonths ? addMonths(sale.date, sale.warrantyMonths) : '',
    useUp: sale.useUpDays ? addDays(sale.date, sale.useUpDays) : '',
    referrer: referrer?.name ?? '',
  };
}

// The card festival of a month, per calendar: a large import asks for the same few dozen months
// once a sale. A WeakMap, so a test's stand-in calendar gets a cache of its own.
const cardCache = new WeakMap<Calendar, Map<string, Festival | null>>();

function cardFestival(calendar: Calendar, month: string, culture: 'cn' | 'west'): Festival | null {
  let byMonth = cardCache.get(calendar);
  if (!byMonth) cardCache.set(calendar, (byMonth = new Map()));
  const key = `${month} ${culture}`;
  let best = byMonth.get(key);
  if (best === undefined) {
    const inMonth = calendar.festivalsInYear(yearOf(month)).filter((f) => f.date.slice(0, 7) === month && celebrates(f, culture));
    best = CARD_PRIORITY[culture].map((id) => inMonth.find((f) => f.id === id)).find(Boolean) ?? null;
    byMonth.set(key, best);
  }
  return best;
}

// A sale's cards depend on its date, the customer's culture, the language and the rule only: a large
// import has a few hundred sale dates for a hundred thousand sales. Frozen, as they are shared.
const cardsCache = new WeakMap<Calendar, Map<string, readonly Occurrence[]>>();

function monthlyCards(input: PlanInput, count: number, leadDays: number): readonly Occurrence[] {
  let bySale = cardsCache.get(input.calendar);
  if (!bySale) cardsCache.set(input.calendar, (bySale = new Map()));
  const culture = customerCulture(input.customer);
  const key = `${input.sale.date} ${culture} ${input.lang} ${count} ${leadDays}`;
  let cards = bySale.get(key);
  if (!cards) bySale.set(key, (cards = Object.freeze(cardsFor(input, culture, count, leadDays))));
  return cards;
}

function cardsFor(input: PlanInput, culture: 'cn' | 'west', count: number, leadDays: number): Occurrence[] {
  const out: Occurrence[] = [];
  for (let k = 1; k <= count; k++) {
    const first = addMonths(input.sale.date.slice(0, 8) + '01', k);
    const [y, m] = [yearOf(first), Number(first.slice(5, 7))];
    const key = first.slice(0, 7);
    const best = cardFestival(input.calendar, key, culture);
    if (best) {
      const theme = input.lang === 'zh' ? best.nameZh : culture === 'cn' ? `${best.nameZh} ${best.name}` : best.name;
      // Never before the day after the sale: a card for 1 October bought on 30 September still goes.
      const due = addDays(best.date, -leadDays) > input.sale.date ? addDays(best.date, -leadDays) : addDays(input.sale.date, 1);
      out.push({ due, key, scope: 'customer', vars: { festival: input.lang === 'zh' ? best.nameZh : best.name, theme } });
    } else {
      const day = Math.min(Number(input.sale.date.slice(8)), daysInMonth(y, m));
      let due = isoOf(y, m, day);
      // A greeting card is no thing to send on Qingming, a day of mourning: the day after it.
      if (culture === 'cn' && input.calendar.festivalsInYear(y).some((f) => f.id === 'qingming' && f.date === due)) due = addDays(due, 1);
      out.push({ due, key, scope: 'customer', vars: { theme: (input.lang === 'zh' ? SEASONAL_THEMES_ZH : SEASONAL_THEMES)[m - 1] } });
    }
  }
  return out;
}

/**
 * The next yearly day from today, and for a sale entered late the one that fell between the sale and
 * today too: the engine records that one as missed (or history), as it does any passed step, so a
 * birthday two days after a sale entered a week late is listed, not silently skipped.
 */
function yearly(input: PlanInput, which: 'birthday' | 'special-days', offset: number): Occurrence[] {
  const { customer, sale, today } = input;
  const days = which === 'birthday'
    ? customer.birthday ? [{ day: customer.birthday, label: BIRTHDAY_LABEL[input.lang ?? 'en'] }] : []
    : customer.specialDays;
  return days.flatMap((d) => {
    const at = (from: IsoDate): Occurrence => {
      const day = nextYearly(monthDay(d.day), addDays(from, -offset));
      const key = which === 'birthday' ? `${yearOf(day)}` : `${monthDay(d.day)}:${d.label}:${yearOf(day)}`;
      return { due: addDays(day, offset), key, scope: 'customer', vars: { label: d.label, date: day } };
    };
    const next = at(sale.date > today ? sale.date : today);
    const passed = sale.date < today ? at(sale.date) : next;
    return passed.key !== next.key ? [passed, next] : [next];
  });
}

function festivalVisits(input: PlanInput, ids: string[], days: number): Occurrence[] {
  const { sale, calendar, today } = input;
  // Like birthdays, the next visit from today: a customer who turns gold long after buying gets one.
  const from = sale.date > today ? sale.date : today;
  const out: Occurrence[] = [];
  for (const id of ids) {
    for (const year of [yearOf(sale.date < from ? sale.date : from), yearOf(from), yearOf(from) + 1]) {
      const f = calendar.festivalsInYear(year).find((x) => x.id === id);
      const due = f && addDays(f.date, days);
      if (!f || !due || due < sale.date || out.some((o) => o.key === `${id}:${yearOf(f.date)}`)) continue;
      const occ: Occurrence = { due, key: `${id}:${yearOf(f.date)}`, scope: 'customer', vars: { festival: input.lang === 'zh' ? f.nameZh : f.name } };
      // A sale entered late: a visit whose day passed before the festival itself is made now.
      if (due < today && f.date >= today) Object.assign(occ, { due: today, late: due });
      out.push(occ);
      if (occ.due >= from) break;
    }
  }
  return out;
}

/** Steady cadence (#302): an occurrence is left out when one of the same rule is already near it. */
function cadence(input: PlanInput, rule: Rule, every: { months?: number; weeks?: number }, count: number): Occurrence[] {
  const months = every.months ?? 0;
  const weeks = every.weeks ?? 0;
  const gap = (months * 30 + weeks * 7) / 2;
  const near = input.existing.filter((r) => r.rule === rule.id && r.state !== 'missed');
  const out: Occurrence[] = [];
  for (let k = 1; k <= count; k++) {
    const due = addDays(addMonths(input.sale.date, months * k), weeks * 7 * k);
    if (near.some((r) => Math.abs(daysBetween(r.due, due)) < gap)) continue;
    out.push({ due, key: due, scope: 'customer' });
  }
  return out;
}

export function occurrencesOf(rule: Rule, input: PlanInput): readonly Occurrence[] {
  const w = rule.when;
  if ('after' in w) {
    const anchor = anchorDate(input, w);
    if (!anchor) return [];
    const due = addDays(addMonths(anchor, w.months ?? 0), w.days ?? 0);
    // One series per strategy start for the customer, whichever sale plans it; a sale made after
    // a step's date does not record that step as missed again.
    if (w.after === 'strategy-start') return due >= input.sale.date ? [{ due, key: anchor, scope: 'customer' }] : [];
    // "90 days without a purchase" that have already passed when the customer enters the tier
    // (or when the sale is entered) mean now, not a missed date.
    if (w.after === 'first-purchase' || w.after === 'last-purchase') {
      return [due < input.today ? { due: input.today, key: '', scope: 'sale', late: due } : { due, key: '', scope: 'sale' }];
    }
    return [{ due, key: '', scope: 'sale' }];
  }
  if ('monthlyCards' in w) return monthlyCards(input, w.monthlyCards.count, w.monthlyCards.leadDays);
  if ('yearly' in w) return yearly(input, w.yearly, w.days ?? 0);
  if ('festivals' in w) return festivalVisits(input, w.festivals, w.days);
  return cadence(input, rule, w.every, w.count);
}
