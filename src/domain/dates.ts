/**
 * Calendar dates as 'YYYY-MM-DD' strings: the domain never sees a clock or a time zone. Arithmetic
 * counts whole days since 1970-01-01 (the proleptic Gregorian calendar), so no daylight-saving
 * change can move a date, and planning a large import stays cheap: no Date objects at all.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date.
function dayNumber(iso: IsoDate): number {
  const y0 = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return isoOf(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function fromDate(date: Date): IsoDate {
  return isoOf(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return days === 0 ? iso : fromDayNumber(dayNumber(iso) + days);
}

/** Month arithmetic clamps to the month's end: 31 January + 1 month is 28 or 29 February. */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  if (months === 0) return iso;
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return isoOf(year, month, Math.min(Number(iso.slice(8, 10)), daysInMonth(year, month)));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
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
