import { describe, expect, it } from 'vitest';
import {
  parseAmount,
  parseChannel,
  parseChoice,
  parseDate,
  parseEmail,
  parseName,
  parsePhone,
  parseSpecialDay,
  parseTags,
  parseYearlyDay,
  CHANNELS,
} from '../../src/domain/parse.js';
import { UsageError } from '../../src/errors.js';

describe('parseDate', () => {
  it.each(['2026-03-02', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (s) => {
    expect(parseDate(s, '--date')).toBe(s);
  });
  it.each(['2026-02-30', '2025-02-29', '1900-02-29', 'tomorrow-ish', '2026-3-2', '2026-13-01', '', '02-03', '2026-03-02T10:00'])(
    'refuses %j with the field and the form',
    (s) => {
      expect(() => parseDate(s, '--date')).toThrow(UsageError);
      expect(() => parseDate(s, '--date')).toThrow(/^--date must be a real date like 2026-03-02 \(YYYY-MM-DD\) \(got /);
    },
  );
});

describe('parseYearlyDay', () => {
  it.each([
    ['03-15', '03-15'],
    ['02-29', '02-29'],
    ['1980-03-15', '1980-03-15'],
    [' 12-31 ', '12-31'],
  ])('accepts %j', (s, want) => expect(parseYearlyDay(s, '--birthday')).toBe(want));
  it.each(['02-30', '13-01', '1981-02-29', '3-15', 'March 15', ''])('refuses %j', (s) => {
    expect(() => parseYearlyDay(s, '--birthday')).toThrow(/--birthday must be a day like 03-15/);
  });
});

describe('parseSpecialDay', () => {
  it('splits day and label, keeping the label as typed', () => {
    expect(parseSpecialDay('06-18 wedding anniversary')).toEqual({ day: '06-18', label: 'wedding anniversary' });
    expect(parseSpecialDay('05-20 结婚纪念日')).toEqual({ day: '05-20', label: '结婚纪念日' });
  });
  it.each(['06-18', 'anniversary', '06-31 x'])('refuses %j', (s) => expect(() => parseSpecialDay(s)).toThrow(UsageError));
});

describe('full-width input, as a Chinese input method types it', () => {
  it('reads as the ASCII it stands for in numbers, dates, phones, addresses and choices', () => {
    expect(parseAmount('３，９９９．５０', '--amount')).toBe(399950);
    expect(parseDate('２０２６－０３－０２', '--date')).toBe('2026-03-02');
    expect(parseYearlyDay('０３－１５', '--birthday')).toBe('03-15');
    expect(parsePhone('＋８６ １３８ ００１３ ８０００')).toBe('+86 138 0013 8000');
    expect(parseEmail('ｂｏｂ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('bob@example.com');
    expect(parseChoice('ＷｅＣｈａｔ', '--channel', CHANNELS)).toBe('wechat');
  });
});

describe('parseAmount', () => {
  it.each([
    ['1200', 120000],
    ['1200.5', 120050],
    ['1200.50', 120050],
    ['1,200.05', 120005],
    ['0', 0],
    ['-30', -3000],
    ['0.1', 10],
    ['-0', 0],
    ['1,234,567.89', 123456789],
    // A decimal comma, as European sheets and keyboards write it: once read as 4990.
    ['49,90', 4990],
    ['49,9', 4990],
    ['1,20', 120],
    ['3.999,00', 399900],
    ['1.234.567,89', 123456789],
    ['1.234.567', 123456700],
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ["1'234.50", 123450],
  ])('%s is %i cents', (s, cents) => expect(parseAmount(s, '--amount')).toBe(cents));
  // Read two ways, or sloppy: refused, never guessed.
  it.each(['abc', '12.345', '3.999', '', '1e3', '12,34.5x', '12,34.5', '1,2,3', '1,200,50', '1.200.50', '1,2345', '.5', '1200.', '- 30', 'NaN'])('refuses %j', (s) => {
    expect(() => parseAmount(s, '--amount')).toThrow(`--amount must be a number like 1200 or 1200.50 (got ${JSON.stringify(s)})`);
  });
});

describe('parseEmail', () => {
  it.each(['a@b.co', 'wang.fang+crm@example.cn', 'José@exämple.es'])('accepts %s', (s) => expect(parseEmail(s)).toBe(s));
  it.each(['bad', 'a@b', 'a b@c.d', 'a@b.c\r\nBcc: x@y.z', 'a@b.c\nX', '"a"@b.c', 'a@@b.c', ''])('refuses %j', (s) => {
    expect(() => parseEmail(s)).toThrow(/--email must be an address like name@example.com/);
  });
});

describe('parsePhone', () => {
  it.each(['+86 138 0013 8000', '(555) 010-0199', '020-7946 0000', '138.0013.8000', '+33 1.23.45.67.89'])('accepts %s', (s) => expect(parsePhone(s)).toBe(s));
  it.each(['call me', '12', '+86 138\n0013', '138..0013', '.138 0013 8000', '138 0013 8000.'])('refuses %j', (s) => expect(() => parsePhone(s)).toThrow(UsageError));
  it.each(['13800138000.0', '+8613800138000.00'])('refuses %j, a phone a spreadsheet stored as a number, saying so', (s) => {
    expect(() => parsePhone(s)).toThrow(/--phone was stored as a number .*: give the phone without the trailing \.0+, or in a spreadsheet format the column as Text/);
  });
});

describe('parseName, parseTags, parseChoice', () => {
  it.each(['王芳', 'Zoë Ångström', "Robert'); DROP TABLE customers;--", '👩‍💼 Ms. Emoji', 'Anna "Ann" Lee'])('keeps %j exactly', (s) => {
    expect(parseName(s)).toBe(s);
  });
  it.each(['', '   ', '12345', 'two\nlines'])('refuses %j', (s) => expect(() => parseName(s)).toThrow(UsageError));
  it('splits, trims and lower-cases tags', () => expect(parseTags(' VIP, important,,重要 ')).toEqual(['vip', 'important', '重要']));
  it('accepts a channel by its Chinese name, the words crm import reads in a sheet', () => {
    expect(['微信', '电话', '手机', '短信', '邮件', '邮箱', '拜访', '信件', '其他', ' 微信 '].map((w) => parseChannel(w, '--channel'))).toEqual(
      ['wechat', 'phone', 'phone', 'sms', 'email', 'email', 'visit', 'letter', 'other', 'wechat'],
    );
    expect(parseChannel('WeChat', '--channel')).toBe('wechat');
    expect(() => parseChannel('飞鸽', '--channel')).toThrow('--channel must be one of phone, email, wechat, sms, visit, letter, other (got "飞鸽")');
  });

  it('accepts a known channel in any case and names the choices otherwise', () => {
    expect(parseChoice('WeChat', '--channel', CHANNELS)).toBe('wechat');
    expect(parseChoice('No answer', '--outcome', ['reached', 'no-answer'] as const)).toBe('no-answer');
    expect(parseChoice(' left_message ', '--outcome', ['left-message'] as const)).toBe('left-message');
    expect(() => parseChoice('pigeon', '--channel', CHANNELS)).toThrow('--channel must be one of phone, email, wechat, sms, visit, letter, other (got "pigeon")');
  });
});
