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
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const compact = (d: IsoDate) => d.replace(/-/g, '');

function eventLines(e: CalendarEvent, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${stamp}`,
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

/** The whole calendar, CRLF line ends. `today` stamps the events (no clock below the CLI). */
export function renderCalendar(events: CalendarEvent[], { name, today }: { name: string; today: IsoDate }): string {
  const stamp = `${compact(today)}T000000Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//crm//follow-ups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
