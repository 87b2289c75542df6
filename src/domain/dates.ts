/**
 * Calendar dates as 'YYYY-MM-DD' strings: the domain never sees a clock or a time zone. Arithmetic
 * goes through local-noon Date objects, so a daylight-saving change can never move a date by a day.
 */
import { addDays as addDaysFns } from 'date-fns/addDays';
import { addMonths as addMonthsFns } from 'date-fns/addMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(year, month, 0, 12).getDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Planning a large import asks for the same few hundred days millions of times. The dates are
// only read (date-fns returns new ones), so one Date per day is shared.
const dates = new Map<IsoDate, Date>();

function toDate(iso: IsoDate): Date {
  let date = dates.get(iso);
  if (!date) {
    const [y, m, d] = iso.split('-').map(Number);
    dates.set(iso, (date = new Date(y, m - 1, d, 12)));
  }
  return date;
}

export function fromDate(date: Date): IsoDate {
  return isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return fromDate(addDaysFns(toDate(iso), days));
}

/** Month arithmetic clamps to the month's end: 31 January + 1 month is 28 or 29 February. */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  return fromDate(addMonthsFns(toDate(iso), months));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: IsoDate): number {
  return toDate(iso).getDay();
}


export function isWeekend(iso: IsoDate): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

export function nextWorkingDay(iso: IsoDate): IsoDate {
  let d = addDays(iso, 1);
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

export function yearOf(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}

/**
 * The date a yearly day (birthday, anniversary: 'MM-DD') falls on in `year`.
 * 29 February is kept on 28 February in common years, so the greeting is never skipped.
 */
export function yearlyDateIn(monthDay: string, year: number): IsoDate {
  const [m, d] = monthDay.split('-').map(Number);
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return isoOf(year, m, day);
}

/** The first date on or after `from` on which the yearly day 'MM-DD' falls. */
export function nextYearly(monthDay: string, from: IsoDate): IsoDate {
  const y = yearOf(from);
  const thisYear = yearlyDateIn(monthDay, y);
  return thisYear >= from ? thisYear : yearlyDateIn(monthDay, y + 1);
}

/** Today's local date; only `src/cli.ts` calls this, everything below receives `today`. */
export function localToday(now: Date): IsoDate {
  return fromDate(now);
}

/** The local clock as 'YYYY-MM-DDTHH:MM:SS'; like localToday, only `src/cli.ts` calls this. */
export function localTimestamp(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${fromDate(now)}T${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
}
