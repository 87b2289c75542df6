/**
 * Pacing: follow-ups that were due already when they were planned (PlannedFollowUp.late: the
 * win-back call of a meteor whose 90 days are over, a caught-up call) all land on one day. An
 * import of 2,000 past customers, or the first `crm classify` of a base built sale by sale, would
 * put hundreds of calls on tomorrow's agenda, and a wall of calls is no cadence (#297, #302).
 * Spread, they keep the most valuable customers first.
 */
import { nextWorkingDay, type IsoDate } from '../domain/dates.js';
import { parsePositiveInt } from '../domain/parse.js';
import { t } from '../i18n.js';
import type { Store } from '../store/index.js';

/** How to pace: `perDay` a working day (0: not at all), or more when that would take longer than `withinDays`. */
export interface Pace {
  perDay: number;
  withinDays?: number;
}

/**
 * The default: about a day's calls besides the regular ones, 20, and more a day when 20 would take
 * longer than about three months of working days (a 10,000-customer sheet). `--pace N`: N a day.
 */
export const DEFAULT_PACE = { perDay: 20, withinDays: 60 } as const;

/** `--pace N`: N a day however long that takes; 0 for none; the default without it. */
export function paceOption(raw: string | undefined): Pace {
  return raw === undefined ? DEFAULT_PACE : { perDay: parsePositiveInt(raw, '--pace', { allowZero: true }) };
}

/** The help of every command's --pace. A function: the language is settled after the modules load. */
export const PACE_HELP = () =>
  t('at most N follow-ups that were due already (win-back calls, late steps) on one working day; the rest move to the next ones (default {n}, more when that takes over {days} working days; 0: all of them today)', { n: DEFAULT_PACE.perDay, days: DEFAULT_PACE.withinDays });

/** What pacing did: `moved` follow-ups spread over working days after today, `perDay` a day, the last on `until`. */
export interface Paced {
  moved: number;
  perDay: number;
  until: IsoDate;
}

/** A follow-up planned already late, with what orders it: its customer's tier, then its sale's amount. */
export interface CatchUp {
  id: number;
  customerId: number;
  rule: string;
  due: IsoDate;
  tier: string | null | undefined;
  amountCents: number;
}

/** Most valuable first (DOMAIN.md section 4); a customer never classified before burden ones. */
const TIER_ORDER = ['gold', 'meteor', 'stream', 'new'];
const tierRank = (tier: string | null | undefined) => {
  const i = tier ? TIER_ORDER.indexOf(tier) : -1;
  return i >= 0 ? i : tier === 'burden' ? TIER_ORDER.length + 1 : TIER_ORDER.length;
};

/**
 * Gives each of `catchUps` the first day, from its own, with fewer than `perDay` open
 * follow-ups of their rules (a win-back call, a loyalty check): gold, meteor, stream, new,
 * unclassified, burden customers in that order, then the larger sale, then the order planned.
 * What is on file counts: the calls an earlier import or classify spread, and those due by their
 * own dates, so a second sheet imported the same week does not double the days. Each move is a
 * snooze in the customer's history naming `by` (the command), so a re-plan keeps the date as it
 * keeps one moved by hand. `offToday`: how many of those moved were due today.
 */
export function paceCatchUps(
  store: Store, catchUps: CatchUp[], { perDay: least, withinDays }: Pace, today: IsoDate, by: string,
): { paced: Paced | null; offToday: number } {
  const perDay = withinDays && least ? Math.max(least, Math.ceil(catchUps.length / withinDays)) : least;
  if (perDay <= 0 || !catchUps.length) return { paced: null, offToday: 0 };
  // The load of each day: open follow-ups of these rules, the catch-ups themselves not yet.
  const load = store.reminders.openPerDay([...new Set(catchUps.map((c) => c.rule))], today);
  for (const c of catchUps) load.set(c.due, (load.get(c.due) ?? 0) - 1);
  const order = catchUps
    .map((c) => ({ c, rank: tierRank(c.tier) }))
    .sort((a, b) => a.rank - b.rank || b.c.amountCents - a.c.amountCents || a.c.id - b.c.id);
  // Each stays on its own day while that has room, else takes the next working day that has. The
  // first free day from a given start only ever moves later: kept, so 100k catch-ups take one pass.
  const free = new Map<IsoDate, IsoDate>();
  const moves: { c: CatchUp; day: IsoDate }[] = [];
  let until = today;
  for (const { c } of order) {
    let day = free.get(c.due) ?? c.due;
    while ((load.get(day) ?? 0) >= perDay) day = nextWorkingDay(day);
    free.set(c.due, day);
    load.set(day, (load.get(day) ?? 0) + 1);
    if (day > c.due) {
      moves.push({ c, day });
      if (day > until) until = day;
    }
  }
  // Written in id order: in value order they land all over a large table, and each update then
  // writes a page of its own (100k moves: 2.0 -> 0.75 s).
  moves.sort((a, b) => a.c.id - b.c.id);
  for (const { c, day } of moves) {
    store.reminders.reschedule(c.id, day);
    store.contacts.insert({
      customerId: c.customerId, reminderId: c.id, date: today, kind: 'snoozed', outcome: null,
      note: t('spread by {command}, {n} a day: from {from} to {to}', { command: by, n: perDay, from: c.due, to: day }),
    });
  }
  return {
    paced: moves.length ? { moved: moves.length, perDay, until } : null,
    offToday: moves.filter((m) => m.c.due === today).length,
  };
}

/** The report line of a command that paced. */
export function pacedLine(p: Paced): string {
  // The moved ones only: as many as the day has room for stay on it, and this line follows no count of them.
  return t('{moved} of the follow-ups that were due already (win-back calls, late steps) are spread over the next working days, {perDay} a day until {until}, most valuable customers first (--pace to change)', { ...p });
}
