/**
 * The morning digest: what `crm today` shows for today (overdue, due, open complaints and their promised answers),
 * as a mail with a plain-text and an HTML part, in the language crm runs in. Pure rendering; every
 * value is escaped in HTML.
 */
import type { Agenda } from '../commands/today.js';
import type { AgendaComplaint } from '../store/complaints.js';
import { daysBetween } from '../domain/dates.js';
import type { AgendaRow } from '../store/reminders.js';
import { currentLang, t, tDate } from '../i18n.js';
import { actionLabel } from '../domain/labels.js';

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** Nothing overdue, nothing due, no open complaint: no digest is sent. */
export function digestIsEmpty(agenda: Agenda): boolean {
  return !agenda.overdue.length && !agenda.due.length && !agenda.complaints.length;
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

/** "[call]", "[call, 2 days late]"; in Chinese the action reads as a verb, as in `crm today`. */
function actionTag(r: AgendaRow, date: string): string {
  const action = actionLabel(r.action);
  if (r.due >= date) return `[${action}]`;
  const n = daysBetween(r.due, date);
  return n === 1 ? t('[{action}, {n} day late]', { action, n }) : t('[{action}, {n} days late]', { action, n });
}

function reminderLine(r: AgendaRow, date: string, emailed: ReadonlyMap<number, string>): Line {
  const to = emailed.get(r.id);
  return {
    head: `#${r.id} ${r.customerName}`,
    detail: `${r.title} ${actionTag(r, date)}${contact(r) ? ` ${contact(r)}` : ''}`,
    note: to && t('crm emails this to {to} today', { to }),
  };
}

/** The complaint steps in the reader's words; the ids themselves stay in --json. */
function stepNames(): Record<string, string> {
  return { listen: t('listen'), analyse: t('analyse'), resolve: t('resolve'), confirm: t('confirm'), review: t('review') };
}

function complaintLine(c: AgendaComplaint, date: string): Line {
  const step = stepNames()[c.step] ?? c.step;
  const by = c.promisedBy;
  const detail = !by
    ? t('step {step}, no answer time promised', { step })
    : by.slice(0, 10) <= date
      ? t('step {step}, answer promised by {by} (due)', { step, by })
      : t('step {step}, answer promised by {by}', { step, by });
  return { head: t('complaint #{id} {name}', { id: c.id, name: c.customer.name }), detail };
}

function sections(agenda: Agenda, emailed: ReadonlyMap<number, string>): { title: string; lines: Line[] }[] {
  const { date, overdue, due, complaints } = agenda;
  return [
    { title: t('Overdue ({n})', { n: overdue.length }), lines: overdue.map((r) => reminderLine(r, date, emailed)) },
    { title: t('Due today ({n})', { n: due.length }), lines: due.map((r) => reminderLine(r, date, emailed)) },
    // Every open complaint, as `crm today` lists them: one sent back to resolve may have no answer time promised.
    { title: t('Open complaints ({n})', { n: complaints.length }), lines: complaints.map((c) => complaintLine(c, date)) },
  ].filter((s) => s.lines.length);
}

export function digestSubject(agenda: Agenda): string {
  const { due, overdue, complaints } = agenda;
  const counts = [
    due.length && t('{n} due', { n: due.length }),
    overdue.length && t('{n} overdue', { n: overdue.length }),
    complaints.length && (complaints.length === 1 ? t('{n} open complaint', { n: 1 }) : t('{n} open complaints', { n: complaints.length })),
  ].filter(Boolean);
  const day = tDate(agenda.date);
  return counts.length ? t('Follow-ups for {day}: {counts}', { day, counts: counts.join(t(', ')) }) : t('Nothing due on {day}', { day });
}

function footer(): string {
  return t('Close a follow-up with crm done ID, move it with crm snooze ID, drop it with crm skip ID --reason TEXT.');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `emailed` maps follow-up ids to the customer address crm mails them to in this run. */
export function renderDigest(agenda: Agenda, emailed: ReadonlyMap<number, string> = new Map()): DigestMail {
  const subject = digestSubject(agenda);
  const parts = sections(agenda, emailed);
  const text = [
    subject,
    ...parts.map(({ title, lines }) => [title, ...lines.map((l) => `- ${l.head}: ${l.detail}${l.note ? `\n  ${l.note}` : ''}`)].join('\n')),
    footer(),
  ].join('\n\n');
  // i18n-ignore: a language tag, which lets mail clients pick a font that shows Chinese well
  const lang = currentLang() === 'zh' ? 'zh-CN' : 'en';
  const html = [
    // i18n-ignore: HTML markup, no words for people
    `<!DOCTYPE html><html lang="${lang}"><body style="font-family: sans-serif; line-height: 1.4">`,
    `<h2>${escapeHtml(subject)}</h2>`,
    ...parts.map(({ title, lines }) =>
      [
        `<h3>${escapeHtml(title)}</h3><ul>`,
        ...lines.map((l) => `<li><b>${escapeHtml(l.head)}</b>: ${escapeHtml(l.detail)}${l.note ? `<br><i>${escapeHtml(l.note)}</i>` : ''}</li>`),
        '</ul>',
      ].join('\n'),
    ),
    `<p style="color: #666">${escapeHtml(footer())}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: text + '\n', html: html + '\n' };
}
