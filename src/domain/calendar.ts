import { Lunar, Solar } from 'lunar-typescript';
import { FESTIVAL_NAMES } from './festival-names.js';

export type Culture = 'cn' | 'west' | 'all';

export interface Festival {
  id: string;
  name: string;
  nameZh: string;
  /** 'YYYY-MM-DD' (Gregorian). */
  date: string;
  culture: Culture;
  /** Worth a gift visit rather than just a message. */
  major: boolean;
}

/** Dates and culture; the names are in festival-names.ts, which loads without the lunar calendar. */
interface Rule {
  id: string;
  culture: Culture;
  major?: boolean;
  /** Candidate dates; may include dates outside `year`, which are filtered out afterwards. */
  dates(year: number): string[];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function fixed(month: number, day: number): Rule['dates'] {
  return (year) => [iso(year, month, day)];
}

/** The nth given weekday (0 = Sunday) of a Gregorian month, e.g. Mother's Day. */
function nthWeekday(month: number, weekday: number, n: number): Rule['dates'] {
  return (year) => {
    const first = Solar.fromYmd(year, month, 1).getWeek();
    return [iso(year, month, 1 + ((weekday - first + 7) % 7) + 7 * (n - 1))];
  };
}

/**
 * A lunar month/day. Lunar year Y-1 runs into January/February of Gregorian year Y
 * (e.g. laba), so both lunar years are candidates; the caller keeps those in `year`.
 */
function lunar(month: number, day: number): Rule['dates'] {
  return (year) => [year - 1, year].map((ly) => Lunar.fromYmd(ly, month, day).getSolar().toYmd());
}

/**
 * Lunar month 12 has 29 or 30 days, so 除夕 is defined as the day before the next 春节
 * instead of as lunar 12-30 (Lunar.fromYmd throws for 12-30 in a 29-day month).
 * The eve of lunar year Y-1 is the only one in Gregorian year Y: 春节 is never before Jan 21.
 */
function lunarNewYearsEve(year: number): string[] {
  return [Lunar.fromYmd(year, 1, 1).getSolar().next(-1).toYmd()];
}

/**
 * A solar term from lunar-typescript's table. The table of lunar year Y spans Dec Y-1 to Mar Y+1
 * and names the terms outside lunar year Y with upper-case pinyin keys (冬至 = Dec Y-1,
 * DONG_ZHI = Dec Y), hence a list of keys per term.
 */
function solarTerm(...keys: string[]): Rule['dates'] {
  return (year) => {
    const table = Lunar.fromYmd(year, 1, 1).getJieQiTable();
    return keys.flatMap((k) => (table[k] ? [table[k].toYmd()] : []));
  };
}

const RULES: readonly Rule[] = [
  { id: 'new-year', culture: 'all', dates: fixed(1, 1) },
  { id: 'valentines', culture: 'west', dates: fixed(2, 14) },
  { id: 'womens-day', culture: 'all', dates: fixed(3, 8) },
  { id: 'labour-day', culture: 'all', dates: fixed(5, 1) },
  { id: 'childrens-day', culture: 'cn', dates: fixed(6, 1) },
  { id: 'teachers-day', culture: 'cn', dates: fixed(9, 10) },
  { id: 'national-day', culture: 'cn', dates: fixed(10, 1) },
  { id: 'christmas', culture: 'west', major: true, dates: fixed(12, 25) },
  { id: 'mothers-day', culture: 'all', dates: nthWeekday(5, 0, 2) },
  { id: 'fathers-day', culture: 'all', dates: nthWeekday(6, 0, 3) },
  { id: 'thanksgiving', culture: 'west', dates: nthWeekday(11, 4, 4) },
  { id: 'chinese-new-years-eve', culture: 'cn', dates: lunarNewYearsEve },
  { id: 'spring-festival', culture: 'cn', major: true, dates: lunar(1, 1) },
  { id: 'lantern', culture: 'cn', dates: lunar(1, 15) },
  { id: 'qingming', culture: 'cn', dates: solarTerm('清明') },
  { id: 'dragon-boat', culture: 'cn', dates: lunar(5, 5) },
  { id: 'qixi', culture: 'cn', dates: lunar(7, 7) },
  { id: 'mid-autumn', culture: 'cn', major: true, dates: lunar(8, 15) },
  { id: 'double-ninth', culture: 'cn', dates: lunar(9, 9) },
  { id: 'winter-solstice', culture: 'cn', dates: solarTerm('冬至', 'DONG_ZHI') },
  { id: 'laba', culture: 'cn', dates: lunar(12, 8) },
];

export const FESTIVAL_IDS: readonly string[] = Object.freeze(RULES.map((r) => r.id));

const cache = new Map<number, readonly Festival[]>();

/**
 * All festivals whose Gregorian date falls in `year`, sorted by date then id.
 *
 * Only lunar festivals whose date is near the turn of the year can break "one per year": laba
 * (lunar 12-8) ranges from about Dec 30 to Jan 30, so a year may contain two (2022: Jan 10 and
 * Dec 30) or none (2023). Both occurrences are returned in the first case, nothing in the second.
 */
export function festivalsInYear(year: number): readonly Festival[] {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`festivalsInYear: year out of range: ${year}`);
  }
  let list = cache.get(year);
  if (!list) {
    const prefix = `${pad(year, 4)}-`;
    const out: Festival[] = [];
    for (const r of RULES) {
      // Set: the candidate lists can overlap (the same date reached from two lunar years / keys).
      for (const date of new Set(r.dates(year))) {
        if (!date.startsWith(prefix)) continue;
        const { id, culture } = r;
        const { name, nameZh } = FESTIVAL_NAMES[id];
        out.push(Object.freeze({ id, name, nameZh, date, culture, major: r.major ?? false }));
      }
    }
    out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list = Object.freeze(out);
    cache.set(year, list);
  }
  // The cached list itself, frozen (a caller cannot corrupt it): planning asks for the same few
  // years once per sale and month, and a copy each time cost a large import seconds.
  return list;
}

/** The first occurrence of festival `id` on or after `fromIso` ('YYYY-MM-DD'); undefined for an unknown id. */
export function nextFestival(id: string, fromIso: string): Festival | undefined {
  if (!FESTIVAL_IDS.includes(id)) return undefined;
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(fromIso);
  if (!m) throw new RangeError(`nextFestival: not a YYYY-MM-DD date: ${fromIso}`);
  const year = Number(m[1]);
  // Two years ahead, not one, because a year can have no laba at all (see festivalsInYear).
  for (let y = year; y <= Math.min(year + 2, 9999); y++) {
    const hit = festivalsInYear(y).find((f) => f.id === id && f.date >= fromIso);
    if (hit) return hit;
  }
  return undefined;
}
