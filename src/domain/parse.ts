/**
 * Parsing of what people type on the command line. Every failure names the option, the accepted
 * form and what was given, because that one line is all the user sees.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { isValidIsoDate, isoOf, type IsoDate } from './dates.js';

function bad(field: string, form: string, got: string): never {
  throw new UsageError(t('{field} must be {form} (got {got})', { field, form, got: JSON.stringify(got) }));
}

/**
 * Input as the ASCII it stands for: a Chinese input method in full-width mode types ３９９９ and
 * １３８ ００１３ ８０００ (NFKC). For numbers, dates, addresses and choices; never names or notes.
 */
export function plain(input: string): string {
  return input.normalize('NFKC').trim();
}

// i18n-ignore-start: answers as typed (at a prompt or as a flag), not shown
const YES = new Set(['yes', 'y', 'true', '是', '是的', '对', '对的']);
const NO = new Set(['no', 'n', 'false', '否', '不', '不是', '不对']);
// i18n-ignore-end
/** Yes or no as people type it, in English or Chinese, in any case, full-width letters too (ＹＥＳ); undefined if neither. */
export function yesNoOf(input: string): boolean | undefined {
  const s = plain(input).toLowerCase();
  return YES.has(s) ? true : NO.has(s) ? false : undefined;
}

/** `shown`: the date as the user wrote it, when `input` is a converted copy (a sheet's 2026/13/2). */
export function parseDate(input: string, field: string, shown = input): IsoDate {
  const s = plain(input);
  if (!isValidIsoDate(s)) bad(field, t('a real date like 2026-03-02 (YYYY-MM-DD)'), shown);
  return s;
}

/** A yearly day: 'MM-DD', or 'YYYY-MM-DD' when the year is known (a birth year). */
export function parseYearlyDay(input: string, field: string, shown = input): string {
  const s = plain(input);
  const full = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const short = /^(\d{2})-(\d{2})$/.exec(s);
  if (full && isValidIsoDate(s)) return s;
  // 2000 is a leap year, so '02-29' is accepted as a birthday.
  if (short && isValidIsoDate(isoOf(2000, Number(short[1]), Number(short[2])))) return s;
  return bad(field, t('a day like 03-15 (MM-DD) or 1980-03-15 (YYYY-MM-DD)'), shown);
}

/** 'MM-DD label', as in --special "06-18 wedding anniversary". */
export function parseSpecialDay(input: string): { day: string; label: string } {
  const m = /^\s*(\S+)\s+(.+?)\s*$/.exec(input);
  if (!m) bad('--special', t('a day and a label like "06-18 wedding anniversary"'), input);
  // A sheet (crm export, crm import) lists special days split on these: one in a label splits it.
  if (/[;；\n]/.test(m[2])) bad('--special', t('one day and a label without ; (give each day its own --special)'), input);
  return { day: parseYearlyDay(m[1], '--special'), label: m[2] };
}

// A decimal mark with one or two digits at the end; before it, digits grouped in threes by one
// separator (thousands: 1,200 / 1.234.567 / 1 234 / 1'234) or not grouped at all.
const DECIMALS = /^(.*?)([.,])(\d{1,2})$/;
const GROUPED = /^\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\1\d{3})*$/;

/**
 * Money as integer cents, so sums never drift: '1200', '1200.5', '1,200.50', and as Europe writes
 * it, '49,90', '1.234,50', '1 234,50'. A comma or dot before the last one or two digits is the
 * decimal mark; any other separator must group thousands exactly, and differ from the mark. What
 * could be read two ways is refused, not guessed: '12.345' (a dot group with no decimals),
 * '1,2,3', '12,34.5'. A comma once meant nothing anywhere: '49,90' was read as 4990.
 */
export function parseAmount(input: string, field: string, shown = input): number {
  // `shown`: the text as the user wrote it, when `input` is a cleaned copy (a sheet's "RMB 500").
  const refuse = () => bad(field, t('a number like 1200 or 1200.50'), shown);
  const trimmed = plain(input);
  const negative = trimmed.startsWith('-');
  const body = negative ? trimmed.slice(1) : trimmed;
  const m = DECIMALS.exec(body);
  const [whole, mark, fraction] = m ? [m[1], m[2], m[3]] : [body, '', ''];
  let digits = whole;
  if (!/^\d+$/.test(whole)) {
    const group = GROUPED.exec(whole);
    // A lone dot group ('12.345', '3.999') reads as thousands in Europe and as decimals elsewhere.
    const ambiguous = group?.[1] === '.' && !mark && whole.split('.').length === 2;
    if (!group || group[1] === mark || ambiguous) refuse();
    digits = whole.split(group![1]).join('');
  }
  const cents = Number(digits) * 100 + (fraction ? Number(fraction.padEnd(2, '0')) : 0);
  if (!Number.isSafeInteger(cents)) refuse();
  return negative && cents ? -cents : cents;
}

export function parsePositiveInt(input: string, field: string, { allowZero = false } = {}): number {
  const s = plain(input);
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || (!allowZero && n === 0)) {
    bad(field, allowZero ? t('a whole number like 0, 3 or 12') : t('a whole number like 1, 3 or 12'), input);
  }
  return n;
}

// Deliberately simple: one @, no spaces or control characters, a dot in the domain. Anything
// stricter rejects real addresses; anything looser lets CR/LF reach a mail header.
const EMAIL = /^[^\s@<>()[\]\\,;:"\x00-\x1f\x7f]+@[^\s@<>()[\]\\,;:"\x00-\x1f\x7f]+\.[^\s@<>()[\]\\,;:"\x00-\x1f\x7f]+$/;
export function parseEmail(input: string, field = '--email'): string {
  const s = plain(input);
  if (!EMAIL.test(s) || s.length > 254) bad(field, t('an address like name@example.com'), input);
  return s;
}

/**
 * A phone as people write it: digits grouped by spaces, -, ( ) or a dot between digits
 * (138.0013.8000). One number with a decimal part of zeros (13800138000.0) is a phone a
 * spreadsheet stored as a number: its digits look whole but it is not the number written.
 */
export function parsePhone(input: string, field = '--phone'): string {
  const s = plain(input);
  if (/^\+?\d+\.0+$/.test(s)) {
    throw new UsageError(t('{field} was stored as a number (got {got}): give the phone without the trailing {tail}, or in a spreadsheet format the column as Text and save again', {
      field, got: JSON.stringify(input), tail: s.slice(s.indexOf('.')),
    }));
  }
  if (!/^\+?[\d ().-]{3,30}$/.test(s) || !/\d{3}/.test(s.replace(/\D/g, '')) || /\.(?!\d)|(?<!\d)\./.test(s)) {
    bad(field, t('digits, spaces, +, -, ( ) or a dot between digits, like +86 138 0013 8000'), input);
  }
  return s;
}

export const CHANNELS = ['phone', 'email', 'wechat', 'sms', 'visit', 'letter', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

// i18n-ignore-start: what people type and write in Chinese sheets, read as data in either language
/** The channels' Chinese names, as `crm import` reads them in a sheet and the command line takes them. */
export const CHANNEL_WORDS: Readonly<Record<string, Channel>> = {
  微信: 'wechat', 电话: 'phone', 手机: 'phone', 邮件: 'email', 邮箱: 'email', 电子邮件: 'email', 短信: 'sms',
  拜访: 'visit', 上门: 'visit', 面谈: 'visit', 信件: 'letter', 其他: 'other', 其它: 'other',
};
// i18n-ignore-end

/** One of `choices`, in any case, with spaces or underscores for its hyphens: "No answer" is no-answer. */
export function parseChoice<T extends string>(input: string, field: string, choices: readonly T[]): T {
  const s = plain(input).toLowerCase().replace(/[\s_]+/g, '-');
  if (!(choices as readonly string[]).includes(s)) bad(field, t('one of {choices}', { choices: choices.join(', ') }), input);
  return s as T;
}

/** The channels for a --channel help: the ids, then the Chinese names the flag takes too. */
export function channelHelp(): string {
  const words = [...new Set(Object.values(CHANNEL_WORDS))].map((id) => Object.keys(CHANNEL_WORDS).find((w) => CHANNEL_WORDS[w] === id)!);
  return t('{ids}, or in Chinese {words}', { ids: CHANNELS.join(', '), words: words.join(', ') });
}

/** A channel by its id in any case (Phone), or by its Chinese name (微信), as `crm import` reads it. */
export function parseChannel(input: string, field: string): Channel {
  return CHANNEL_WORDS[plain(input)] ?? parseChoice(input, field, CHANNELS);
}

/** Free text that ends up in a table or a mail: control characters other than newline and tab are refused. */
export function parseText(input: string, field: string, { multiline = true } = {}): string {
  const forbidden = multiline ? /[\x00-\x08\x0b-\x1f\x7f]/ : /[\x00-\x1f\x7f]/;
  if (forbidden.test(input)) bad(field, multiline ? t('text without control characters') : t('one line of text'), input);
  return input;
}

export function parseName(input: string, field = 'name'): string {
  const s = parseText(input, field, { multiline: false }).trim();
  if (!s) bad(field, t('a non-empty name'), input);
  if (/^\d+$/.test(s)) bad(field, t('a name with at least one non-digit (numbers are customer ids)'), input);
  return s;
}

/** Tags split as a sheet's tags cell is: on , and ，; ；、 (what a Chinese input method types). */
export function parseTags(input: string): string[] {
  return input
    .split(/[,，;；、]/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean)
    .map((t) => parseText(t, '--tag', { multiline: false }));
}
