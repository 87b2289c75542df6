import { describe, it, expect } from 'vitest';
import { FESTIVAL_IDS, festivalsInYear, nextFestival, type Festival } from '../../src/domain/calendar.js';

/**
 * Expected dates come from published Chinese calendars (万年历) and US/CN observance calendars,
 * and were cross-checked against an independent astronomical computation (Meeus new moons and
 * solar longitude, Beijing time) and, for the weekday rules, the weekday of the 1st of the month.
 * They were NOT produced by the module under test.
 */
const PUBLISHED: Record<string, Record<number, string>> = {
  'chinese-new-years-eve': { 2026: '2026-02-16', 2027: '2027-02-05', 2028: '2028-01-25', 2029: '2029-02-12', 2030: '2030-02-02' },
  'spring-festival': { 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03' },
  lantern: { 2026: '2026-03-03', 2027: '2027-02-20', 2028: '2028-02-09', 2029: '2029-02-27', 2030: '2030-02-17' },
  qingming: { 2026: '2026-04-05', 2027: '2027-04-05', 2028: '2028-04-04', 2029: '2029-04-04', 2030: '2030-04-05' },
  'dragon-boat': { 2026: '2026-06-19', 2027: '2027-06-09', 2028: '2028-05-28', 2029: '2029-06-16', 2030: '2030-06-05' },
  qixi: { 2026: '2026-08-19', 2027: '2027-08-08', 2028: '2028-08-26', 2029: '2029-08-16', 2030: '2030-08-05' },
  'mid-autumn': { 2026: '2026-09-25', 2027: '2027-09-15', 2028: '2028-10-03', 2029: '2029-09-22', 2030: '2030-09-12' },
  'double-ninth': { 2026: '2026-10-18', 2027: '2027-10-08', 2028: '2028-10-26', 2029: '2029-10-16', 2030: '2030-10-05' },
  'winter-solstice': { 2026: '2026-12-22', 2027: '2027-12-22', 2028: '2028-12-21', 2029: '2029-12-21', 2030: '2030-12-22' },
  // Laba of lunar year Y-1, i.e. in January of Y, for each of these years.
  laba: { 2026: '2026-01-26', 2027: '2027-01-15', 2028: '2028-01-04', 2029: '2029-01-22', 2030: '2030-01-11' },
  'mothers-day': { 2026: '2026-05-10', 2027: '2027-05-09', 2028: '2028-05-14', 2029: '2029-05-13', 2030: '2030-05-12' },
  'fathers-day': { 2026: '2026-06-21', 2027: '2027-06-20', 2028: '2028-06-18', 2029: '2029-06-17', 2030: '2030-06-16' },
  thanksgiving: { 2026: '2026-11-26', 2027: '2027-11-25', 2028: '2028-11-23', 2029: '2029-11-22', 2030: '2030-11-28' },
};

const CASES = Object.entries(PUBLISHED).flatMap(([id, byYear]) =>
  Object.entries(byYear).map(([year, date]) => ({ id, year: Number(year), date })),
);
const YEARS = [2026, 2027, 2028, 2029, 2030];
const datesOf = (id: string, year: number) => festivalsInYear(year).filter((f) => f.id === id).map((f) => f.date);

describe('festivalsInYear against published calendars', () => {
  it.each(CASES)('$id in $year is $date', ({ id, year, date }) => {
    expect(datesOf(id, year)).toEqual([date]);
  });

  it.each(YEARS)('fixed-date festivals in %i', (year) => {
    const fixed: Record<string, string> = {
      'new-year': '01-01', valentines: '02-14', 'womens-day': '03-08', 'labour-day': '05-01',
      'childrens-day': '06-01', 'teachers-day': '09-10', 'national-day': '10-01', christmas: '12-25',
    };
    for (const [id, md] of Object.entries(fixed)) expect(datesOf(id, year)).toEqual([`${year}-${md}`]);
  });
});

describe('festivalsInYear invariants', () => {
  it.each(YEARS)('%i is sorted by date then id', (year) => {
    const list = festivalsInYear(year);
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    expect(list).toEqual(sorted);
  });

  it.each(YEARS)('%i contains every FESTIVAL_ID exactly once, all dated in that year', (year) => {
    const list = festivalsInYear(year);
    expect(list.map((f) => f.id).sort()).toEqual([...FESTIVAL_IDS].sort());
    for (const f of list) expect(f.date.startsWith(`${year}-`)).toBe(true);
  });

  it('has the expected id list, without halloween', () => {
    expect(FESTIVAL_IDS).toHaveLength(21);
    expect(new Set(FESTIVAL_IDS).size).toBe(FESTIVAL_IDS.length);
    expect(FESTIVAL_IDS).not.toContain('halloween');
  });

  it('marks Spring Festival, Mid-Autumn and Christmas, and only them, as major', () => {
    const major = festivalsInYear(2026).filter((f) => f.major).map((f) => f.id).sort();
    expect(major).toEqual(['christmas', 'mid-autumn', 'spring-festival']);
  });

  it('carries names and cultures', () => {
    const byId = new Map(festivalsInYear(2026).map((f) => [f.id, f]));
    expect(byId.get('spring-festival')).toEqual({
      id: 'spring-festival', name: 'Spring Festival', nameZh: '春节', date: '2026-02-17', culture: 'cn', major: true,
    });
    expect(byId.get('christmas')).toMatchObject({ nameZh: '圣诞节', culture: 'west', major: true });
    expect(byId.get('mothers-day')?.culture).toBe('all');
    expect(byId.get('thanksgiving')?.culture).toBe('west');
    expect(byId.get('qingming')?.nameZh).toBe('清明');
  });

  it('is memoised and read-only: a caller cannot corrupt the cached list', () => {
    const a = festivalsInYear(2027) as Festival[];
    expect(() => a.reverse()).toThrow(TypeError);
    expect(() => (a.length = 0)).toThrow(TypeError);
    const b = festivalsInYear(2027);
    expect(b).toBe(a);
    expect(b).toHaveLength(FESTIVAL_IDS.length);
    expect(b[0]?.id).toBe('new-year');
  });

  it('rejects a non-integer year', () => {
    expect(() => festivalsInYear(2026.5)).toThrow(RangeError);
  });
});

describe('Gregorian/lunar year boundary', () => {
  it('2026 Chinese New Year\'s Eve is lunar 12-29 (the 12th month of lunar 2025 has 29 days)', () => {
    expect(datesOf('chinese-new-years-eve', 2026)).toEqual(['2026-02-16']);
    expect(datesOf('spring-festival', 2026)).toEqual(['2026-02-17']);
  });

  it('January festivals of lunar year Y-1 belong to Gregorian year Y', () => {
    // Lunar 2027 starts 2028-01-26, so its eve and laba of lunar 2027 fall in January 2028.
    expect(datesOf('chinese-new-years-eve', 2028)).toEqual(['2028-01-25']);
    expect(datesOf('laba', 2028)).toEqual(['2028-01-04']);
    // and are not reported again in 2027
    expect(datesOf('chinese-new-years-eve', 2027)).toEqual(['2027-02-05']);
    expect(datesOf('laba', 2027)).toEqual(['2027-01-15']);
  });

  it('laba occurs twice in 2022 and not at all in 2023 (documented exception)', () => {
    expect(datesOf('laba', 2022)).toEqual(['2022-01-10', '2022-12-30']);
    expect(datesOf('laba', 2023)).toEqual([]);
    expect(datesOf('laba', 2024)).toEqual(['2024-01-18']);
  });

  it('Spring Festival of 2023 in January', () => {
    expect(datesOf('spring-festival', 2023)).toEqual(['2023-01-22']);
    expect(datesOf('chinese-new-years-eve', 2023)).toEqual(['2023-01-21']);
  });
});

describe('nextFestival', () => {
  it.each([
    ['christmas', '2026-12-26', '2027-12-25'],
    ['christmas', '2026-12-25', '2026-12-25'],
    ['spring-festival', '2026-02-18', '2027-02-06'],
    ['spring-festival', '2026-02-17', '2026-02-17'],
    ['spring-festival', '2027-12-31', '2028-01-26'],
    ['laba', '2026-12-31', '2027-01-15'],
    ['laba', '2022-12-31', '2024-01-18'], // skips 2023, which has no laba
    ['new-year', '2029-01-02', '2030-01-01'],
    ['thanksgiving', '2030-11-29', '2031-11-27'],
    ['winter-solstice', '2026-12-23', '2027-12-22'],
  ])('nextFestival(%s, %s) is %s', (id, from, date) => {
    const f = nextFestival(id, from);
    expect(f?.id).toBe(id);
    expect(f?.date).toBe(date);
  });

  it('returns undefined for an unknown id', () => {
    expect(nextFestival('halloween', '2026-01-01')).toBeUndefined();
    expect(nextFestival('', '2026-01-01')).toBeUndefined();
  });

  it('rejects a malformed date', () => {
    expect(() => nextFestival('christmas', '2026-1-1')).toThrow(RangeError);
  });
});

describe('far years', () => {
  it('2100 (not a Gregorian leap year) works', () => {
    const list = festivalsInYear(2100);
    expect(list.map((f) => f.id).sort()).toEqual([...FESTIVAL_IDS].sort());
    // Cross-checked with the independent astronomical computation.
    expect(datesOf('spring-festival', 2100)).toEqual(['2100-02-09']);
    expect(datesOf('mid-autumn', 2100)).toEqual(['2100-09-18']);
    expect(datesOf('laba', 2100)).toEqual(['2100-01-17']);
    expect(datesOf('winter-solstice', 2100)).toEqual(['2100-12-22']);
    // 2100-11-01 is a Monday, so the fourth Thursday is the 25th.
    expect(datesOf('thanksgiving', 2100)).toEqual(['2100-11-25']);
  });

  it('nextFestival across 2099/2100', () => {
    expect(nextFestival('spring-festival', '2099-12-31')?.date).toBe('2100-02-09');
  });
});
