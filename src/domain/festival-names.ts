/**
 * The names of the festivals of the calendar (calendar.ts), in English and Chinese, and of the other
 * occasions a card or greeting is planned for: a month's seasonal theme, the birthday. Planning
 * stores a name in the language crm runs in (schedule.ts); a customer email names the occasion in
 * the customer's language (occasionIn). Apart from calendar.ts, so that mailing does not load the
 * lunar calendar.
 */
import { hasCjk } from './customer.js';

// i18n-ignore-start: names in both languages, chosen by the planning language or the customer's
export const FESTIVAL_NAMES: Readonly<Record<string, { name: string; nameZh: string }>> = {
  'new-year': { name: "New Year's Day", nameZh: '元旦' },
  'valentines': { name: "Valentine's Day", nameZh: '情人节' },
  'womens-day': { name: "International Women's Day", nameZh: '妇女节' },
  'labour-day': { name: 'Labour Day', nameZh: '劳动节' },
  'childrens-day': { name: "Children's Day", nameZh: '儿童节' },
  'teachers-day': { name: "Teachers' Day", nameZh: '教师节' },
  'national-day': { name: 'National Day', nameZh: '国庆节' },
  'christmas': { name: 'Christmas', nameZh: '圣诞节' },
  'mothers-day': { name: "Mother's Day", nameZh: '母亲节' },
  'fathers-day': { name: "Father's Day", nameZh: '父亲节' },
  'thanksgiving': { name: 'Thanksgiving', nameZh: '感恩节' },
  'chinese-new-years-eve': { name: "Chinese New Year's Eve", nameZh: '除夕' },
  'spring-festival': { name: 'Spring Festival', nameZh: '春节' },
  'lantern': { name: 'Lantern Festival', nameZh: '元宵节' },
  'qingming': { name: 'Qingming Festival', nameZh: '清明' },
  'dragon-boat': { name: 'Dragon Boat Festival', nameZh: '端午节' },
  'qixi': { name: 'Qixi Festival', nameZh: '七夕' },
  'mid-autumn': { name: 'Mid-Autumn Festival', nameZh: '中秋节' },
  'double-ninth': { name: 'Double Ninth Festival', nameZh: '重阳节' },
  'winter-solstice': { name: 'Winter Solstice', nameZh: '冬至' },
  'laba': { name: 'Laba Festival', nameZh: '腊八节' },
};

/** A month without a festival still gets a card, with a seasonal theme of its own (January first). */
export const SEASONAL_THEMES_ZH = ['新年问候', '冬日问候', '早春问候', '春日问候', '暮春问候', '初夏问候', '盛夏问候', '夏末问候', '初秋问候',
  '秋日问候', '深秋问候', '岁末问候'];
export const SEASONAL_THEMES = ['new-year greetings', 'winter greetings', 'early-spring greetings', 'spring greetings',
  'late-spring greetings', 'early-summer greetings', 'summer greetings', 'late-summer greetings', 'early-autumn greetings',
  'autumn greetings', 'late-autumn greetings', 'year-end greetings'];

/** The birthday's {label}. */
export const BIRTHDAY_LABEL = { en: 'birthday', zh: '生日' };
// i18n-ignore-end

let both: Map<string, { en: string; zh: string }> | undefined;

function names(): Map<string, { en: string; zh: string }> {
  if (both) return both;
  both = new Map();
  for (const { name, nameZh } of Object.values(FESTIVAL_NAMES)) {
    const pair = { en: name, zh: nameZh };
    // "春节 Spring Festival": a Chinese customer's card planned while crm ran in English.
    for (const text of [name, nameZh, `${nameZh} ${name}`]) both.set(text, pair);
  }
  SEASONAL_THEMES.forEach((en, i) => both!.set(en, { en, zh: SEASONAL_THEMES_ZH[i] }).set(SEASONAL_THEMES_ZH[i], { en, zh: SEASONAL_THEMES_ZH[i] }));
  both.set(BIRTHDAY_LABEL.en, BIRTHDAY_LABEL).set(BIRTHDAY_LABEL.zh, BIRTHDAY_LABEL);
  return both;
}

/**
 * An occasion's name as planning stored it (in whichever language crm ran in then), in `lang`:
 * "春节 Spring Festival", "Spring Festival" and "春节" are 春节 in Chinese and Spring Festival in
 * English. A name crm does not know (a special day's own label) stays as it is, but for one written
 * in both languages, Chinese first ("端午 Dragon Boat"), of which the part in `lang` is taken.
 */
export function occasionIn(text: string, lang: 'en' | 'zh'): string {
  const known = names().get(text.trim());
  if (known) return known[lang];
  const m = /^(\S+) (.+)$/.exec(text.trim());
  if (m && hasCjk(m[1]) && !hasCjk(m[2])) return lang === 'zh' ? m[1] : m[2];
  return text;
}
