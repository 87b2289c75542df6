/**
 * What a salesperson types for a complaint, as a flag or at a prompt: the same checks both ways, and
 * every refusal names the field and the accepted form.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { isValidIsoDate, type IsoDate } from './dates.js';
import { parseChoice, parseText, plain, yesNoOf } from './parse.js';
import { CAUSES, type Cause } from './complaint.js';

function bad(message: string): never {
  throw new UsageError(message);
}

const got = (input: string) => JSON.stringify(input);

/** Free text that must say something; newlines are kept (the customer's words are verbatim). */
export function parseAnswerText(input: string, field: string): string {
  const s = parseText(input, field).trim();
  if (!s) bad(t('{field} must be some text (got {got})', { field, got: got(input) }));
  return s;
}

export function parseYesNo(input: string, field: string): boolean {
  return yesNoOf(input) ?? bad(t('{field} must be yes or no (got {got})', { field, got: got(input) }));
}

// Numbers, ranks, dates and times are read as plain(): a Chinese input method types ４ and ２，７.

export function parseSeverity(input: string, field = '--severity'): number {
  const s = plain(input);
  if (!/^[1-5]$/.test(s)) bad(t('{field} must be how upset the customer is, from 1 (calm) to 5 (furious) (got {got})', { field, got: got(input) }));
  return Number(s);
}

export function parseCause(input: string, field = '--cause'): Cause {
  return parseChoice(input, field, CAUSES);
}

/** The rank of the accepted solution (1 = the best, offered first), or none: 0. */
export function parseAccepted(input: string, field = '--accepted'): number {
  const s = plain(input).toLowerCase();
  if (s === 'none') return 0;
  if (!/^[1-4]$/.test(s)) bad(t("{field} must be the accepted solution's rank, 1 to 4, or none (got {got})", { field, got: got(input) }));
  return Number(s);
}

/**
 * When the customer will get an answer: a date from `today` on, optionally with a time:
 * '2026-03-04', '2026-03-04 15:00', '2026-03-04T15:00', '2026-03-04 15'. `now`, the clock as a
 * local 'YYYY-MM-DDTHH:MM:SS': a time today must be still to come. Only when the clock's day is
 * `today`: a back-dated --today has no time of day to compare with.
 */
export function parsePromise(input: string, today: IsoDate, field = '--promise', now?: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2})(?::(\d{2}))?)?$/.exec(plain(input));
  const badForm = () => bad(t('{field} must be a date like 2026-03-04, optionally with a time like "2026-03-04 15:00" (got {got})', { field, got: got(input) }));
  if (!m || !isValidIsoDate(m[1])) return badForm();
  if (m[1] < today) bad(t('{field} must be today ({today}) or later (got {got})', { field, today, got: got(input) }));
  if (m[2] === undefined) return m[1];
  const [h, min] = [Number(m[2]), Number(m[3] ?? '0')];
  if (h > 23 || min > 59) badForm();
  const by = `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
  const clock = now?.slice(11, 16);
  if (clock && m[1] === today && now!.slice(0, 10) === today && by <= clock) {
    bad(t('{field} must be later than now ({now}), or another day (got {got})', { field, now: clock, got: got(input) }));
  }
  return `${m[1]} ${by}`;
}

/** One or two confirmation calls, in days after the resolution: '2,7' or '2、7' (#322: at least once or twice). */
export function parseConfirmDays(input: string, field = '--confirm-days'): number[] {
  const parts = plain(input).split(/[,、]/).map((p) => p.trim());
  const days = parts.map(Number);
  const ok = parts.length <= 2 && parts.every((p) => /^\d{1,3}$/.test(p)) && days.every((d) => d >= 1) && (days.length < 2 || days[0] < days[1]);
  if (!ok) bad(t('{field} must be one or two day counts after the resolution, the second larger than the first, like 2,7 or 3 (got {got})', { field, got: got(input) }));
  return days;
}
