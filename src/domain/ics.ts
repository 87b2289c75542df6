/**
 * An iCalendar feed (RFC 5545) of follow-ups, for the phone's calendar: all-day events, text
 * escaped, lines folded at 75 octets, and UIDs that stay the same from one export to the next,
 * so importing or subscribing again updates events instead of duplicating them.
 */
import { addDays, type IsoDate } from './dates.js';

export interface CalendarEvent {
  uid: string;
  date: IsoDate;
  summary: string;
  description: string;
  categories?: string;
  /** How often the event was moved (RFC 5545 SEQUENCE): grows with each change, so an update wins. */
  sequence?: number;
  /** The day of its last change, stamped LAST-MODIFIED. */
  modified?: IsoDate;
}

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks are escaped. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const MAX_OCTETS = 75;

/**
 * Splits a content line into physical lines of at most 75 octets (RFC 5545 3.1); a continuation
 * line starts with a space. Never inside a UTF-8 sequence, so a Chinese character is never cut.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    // A high surrogate starts a 4-octet character: the pair is kept together.
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    if (octets + size > MAX_OCTETS) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 1; // the space that starts a continuation line
    }
    octets += size;
    if (size === 4) i++;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

const compact = (d: IsoDate) => d.replace(/-/g, '');

export interface CalendarOptions {
  name: string;
  today: IsoDate;
  stamped?: Date;
}

// i18n-ignore-start: RFC 5545 property names and values, the same in every language
function eventLines(e: CalendarEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${e.sequence ?? 0}`,
    ...(e.modified ? [`LAST-MODIFIED:${compact(e.modified)}T000000Z`] : []),
    `DTSTART;VALUE=DATE:${compact(e.date)}`,
    `DTEND;VALUE=DATE:${compact(addDays(e.date, 1))}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    ...(e.categories ? [`CATEGORIES:${escapeText(e.categories)}`] : []),
    // A reminder of a call is not a meeting: it should not make the day look busy.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/**
 * The calendar event by event, each piece folded and ending in CRLF. `stamped` (the moment of the
 * export, from the CLI's clock: none below it) stamps the events, else the start of `today`.
 */
export function* calendarChunks(events: Iterable<CalendarEvent>, { name, today, stamped }: CalendarOptions): Generator<string> {
  const stamp = stamped ? stamped.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z') : `${compact(today)}T000000Z`;
  const lines = (list: string[]) => list.map((l) => `${foldLine(l)}\r\n`).join('');
  yield lines(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//crm//follow-ups//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`]);
  for (const e of events) yield lines(eventLines(e, stamp));
  yield 'END:VCALENDAR\r\n';
}
// i18n-ignore-end

export function renderCalendar(events: Iterable<CalendarEvent>, options: CalendarOptions): string {
  return [...calendarChunks(events, options)].join('');
}
