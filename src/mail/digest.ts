/**
 * The morning digest: what `crm today` shows for today (overdue, due, promised complaint answers),
 * as a mail with a plain-text and an HTML part. Pure rendering; every value is escaped in HTML.
 */
import type { Agenda } from '../commands/today.js';
import type { AgendaComplaint } from '../store/complaints.js';
import { daysBetween, weekdayName } from '../domain/dates.js';
import type { AgendaRow } from '../store/reminders.js';

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** Nothing overdue, nothing due, no complaint answer promised: no digest is sent. */
export function digestIsEmpty(agenda: Agenda): boolean {
  return !agenda.overdue.length && !agenda.due.length && !agenda.complaints.length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function contact(r: AgendaRow): string {
  if (r.channel === 'email' && r.email) return r.email;
  return r.phone ?? r.email ?? '';
}

interface Line {
  head: string;
  detail: string;
  note?: string;
}

function reminderLine(r: AgendaRow, date: string, emailed: ReadonlyMap<number, string>): Line {
  const late = r.due < date ? `, ${plural(daysBetween(r.due, date), 'day')} late` : '';
  const to = emailed.get(r.id);
  return {
    head: `#${r.id} ${r.customerName}`,
    detail: `${r.title} [${r.action}${late}]${contact(r) ? ` ${contact(r)}` : ''}`,
    note: to && `crm emails this to ${to} today`,
  };
}

function complaintLine(c: AgendaComplaint, date: string): Line {
  const by = c.promisedBy ? `answer promised by ${c.promisedBy}${c.promisedBy.slice(0, 10) <= date ? ' (due)' : ''}` : 'no answer time promised';
  return { head: `complaint #${c.id} ${c.customer.name}`, detail: `step ${c.step}, ${by}` };
}

function sections(agenda: Agenda, emailed: ReadonlyMap<number, string>): { title: string; lines: Line[] }[] {
  const { date } = agenda;
  return [
    { title: 'Overdue', lines: agenda.overdue.map((r) => reminderLine(r, date, emailed)) },
    { title: 'Due today', lines: agenda.due.map((r) => reminderLine(r, date, emailed)) },
    { title: 'Complaint answers promised', lines: agenda.complaints.map((c) => complaintLine(c, date)) },
  ].filter((s) => s.lines.length);
}

export function digestSubject(agenda: Agenda): string {
  const counts = [
    agenda.due.length && `${agenda.due.length} due`,
    agenda.overdue.length && `${agenda.overdue.length} overdue`,
    agenda.complaints.length && plural(agenda.complaints.length, 'complaint answer'),
  ].filter(Boolean);
  const day = `${weekdayName(agenda.date)} ${agenda.date}`;
  return counts.length ? `Follow-ups for ${day}: ${counts.join(', ')}` : `Nothing due on ${day}`;
}

const FOOTER = 'Close a follow-up with crm done ID, move it with crm snooze ID, drop it with crm skip ID --reason TEXT.';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `emailed` maps follow-up ids to the customer address crm mails them to in this run. */
export function renderDigest(agenda: Agenda, emailed: ReadonlyMap<number, string> = new Map()): DigestMail {
  const subject = digestSubject(agenda);
  const parts = sections(agenda, emailed);
  const text = [
    subject,
    ...parts.map(({ title, lines }) =>
      [`${title} (${lines.length})`, ...lines.map((l) => `- ${l.head}: ${l.detail}${l.note ? `\n  ${l.note}` : ''}`)].join('\n'),
    ),
    FOOTER,
  ].join('\n\n');
  const html = [
    '<!DOCTYPE html><html><body style="font-family: sans-serif; line-height: 1.4">',
    `<h2>${escapeHtml(subject)}</h2>`,
    ...parts.map(({ title, lines }) =>
      [
        `<h3>${escapeHtml(`${title} (${lines.length})`)}</h3><ul>`,
        ...lines.map((l) => `<li><b>${escapeHtml(l.head)}</b>: ${escapeHtml(l.detail)}${l.note ? `<br><i>${escapeHtml(l.note)}</i>` : ''}</li>`),
        '</ul>',
      ].join('\n'),
    ),
    `<p style="color: #666">${escapeHtml(FOOTER)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: text + '\n', html: html + '\n' };
}
