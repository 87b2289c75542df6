import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from '../../src/domain/ics.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
/** RFC 5545 3.1: a CRLF followed by one space is removed to unfold. */
const unfold = (s: string) => s.replace(/\r\n /g, '');

describe('escapeText (RFC 5545 3.3.11)', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', 'a\\, b'],
    ['a; b', 'a\\; b'],
    ['back\\slash', 'back\\\\slash'],
    ['line 1\nline 2', 'line 1\\nline 2'],
    ['line 1\r\nline 2', 'line 1\\nline 2'],
    ['\\n is not a newline', '\\\\n is not a newline'],
    ['王芳，你好；', '王芳，你好；'],
    ['a:b "c"', 'a:b "c"'],
  ])('%j -> %j', (input, escaped) => {
    expect(escapeText(input)).toBe(escaped);
  });
});

describe('foldLine (75 octets)', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it.each([
    ['ASCII', 'SUMMARY:' + 'abcdefghij'.repeat(30)],
    ['Chinese (3 octets each)', 'SUMMARY:' + '王芳的空气净化器使用情况回访'.repeat(12)],
    ['emoji (4 octets each)', 'DESCRIPTION:' + '🍵👩‍💼'.repeat(40)],
    ['mixed', 'SUMMARY:Day-12 call to 王芳: does 空气净化器 X3 meet expectations? A related product may help'],
  ])('%s: every physical line is at most 75 octets, never splits a character, unfolds to the original', (_n, line) => {
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    for (const [i, p] of physical.entries()) {
      expect(octets(p)).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      expect(p).not.toContain('\ufffd');
    }
    expect(unfold(folded)).toBe(line);
  });
});

describe('renderCalendar', () => {
  const text = renderCalendar(
    [
      { uid: 'reminder-7@db1', date: '2026-03-03', summary: 'Call 王芳, about X3; "filters"', description: 'Customer: 王芳\nPhone: +86 138\nWhy: #299', categories: 'call' },
      { uid: 'reminder-8@db1', date: '2026-12-31', summary: 'Card', description: 'Customer: Bob', sequence: 2, modified: '2026-02-27' },
    ],
    { name: 'crm follow-ups', today: '2026-03-02' },
  );
  const lines = unfold(text).split('\r\n');

  it('ends every line with CRLF and holds only lines of at most 75 octets', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const l of text.split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
  });

  it('writes one all-day VEVENT per follow-up, line by line', () => {
    expect(lines).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//crm//follow-ups//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:crm follow-ups',
      'BEGIN:VEVENT',
      'UID:reminder-7@db1',
      'DTSTAMP:20260302T000000Z',
      'SEQUENCE:0',
      'DTSTART;VALUE=DATE:20260303',
      'DTEND;VALUE=DATE:20260304',
      'SUMMARY:Call 王芳\\, about X3\\; "filters"',
      'DESCRIPTION:Customer: 王芳\\nPhone: +86 138\\nWhy: #299',
      'CATEGORIES:call',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:reminder-8@db1',
      'DTSTAMP:20260302T000000Z',
      'SEQUENCE:2',
      'LAST-MODIFIED:20260227T000000Z',
      'DTSTART;VALUE=DATE:20261231',
      'DTEND;VALUE=DATE:20270101',
      'SUMMARY:Card',
      'DESCRIPTION:Customer: Bob',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('stamps the events with the moment of the export when the clock is given, in UTC', () => {
    const stamped = renderCalendar([{ uid: 'u', date: '2026-03-03', summary: 's', description: 'd' }], { name: 'n', today: '2026-03-02', stamped: new Date('2026-03-02T09:30:15.250Z') });
    expect(stamped).toContain('\r\nDTSTAMP:20260302T093015Z\r\n');
  });
});
