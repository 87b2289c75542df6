/** `crm today`: the morning agenda. Overdue first, then today, then what is coming. */
import type { Command } from 'commander';
import { actionLabel, channelLabel } from '../domain/labels.js';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { addDays, daysBetween, type IsoDate } from '../domain/dates.js';
import { parsePositiveInt } from '../domain/parse.js';
import type { AgendaRow } from '../store/reminders.js';
import type { Store } from '../store/index.js';
import { info, printJson, type Io } from '../ui/io.js';
import { renderTable } from '../ui/table.js';
import { t, tDate, tShortDate, tWeekday } from '../i18n.js';

import type { AgendaComplaint } from '../store/complaints.js';
import type { Step } from '../domain/complaint.js';
import { stepCell } from './complaint-show.js';

export interface Agenda {
  date: IsoDate;
  overdue: AgendaRow[];
  due: AgendaRow[];
  upcoming: AgendaRow[];
  /** All that is coming up; more than `upcoming` holds when the list was cut for people. */
  upcomingTotal: number;
  complaints: AgendaComplaint[];
}

/** A person reads this many coming-up lines; scripts (--json) and --all get every one. */
export const UPCOMING_SHOWN = 50;

export function buildAgenda(store: Store, today: IsoDate, days: number, upcomingLimit?: number): Agenda {
  const now = store.reminders.agenda(today);
  const until = addDays(today, days);
  const upcoming = store.reminders.agenda(until, { after: today, limit: upcomingLimit });
  const cut = upcomingLimit !== undefined && upcoming.length === upcomingLimit;
  return {
    date: today,
    overdue: now.filter((r) => r.due < today),
    due: now.filter((r) => r.due === today),
    upcoming,
    upcomingTotal: cut ? store.reminders.countOpen(today, until) : upcoming.length,
    complaints: store.complaints.openForAgenda(),
  };
}

/** How to reach the customer at once: their preferred channel (as `name` calls it: the id in --json) and its address. */
export function contactOf(r: Pick<AgendaRow, 'phone' | 'email' | 'channel'>, name: (channel: string) => string = (c) => c): string {
  if (r.channel === 'email' && r.email) return r.email;
  if (r.phone) return r.channel && r.channel !== 'phone' ? `${r.phone} (${name(r.channel)})` : r.phone;
  return r.email ?? (r.channel ? name(r.channel) : '');
}

function agendaJsonRow(r: AgendaRow, today: IsoDate) {
  return {
    id: r.id,
    due: r.due,
    rule: r.rule,
    action: r.action,
    title: r.title,
    customer: { id: r.customerId, name: r.customerName },
    saleId: r.saleId,
    daysOverdue: Math.max(0, daysBetween(r.due, today)),
    contact: contactOf(r),
  };
}

/**
 * Up to this many days ahead a month and day is nearer its coming date than its last one, so
 * "03-03" reads as the coming one; further ahead (half a year) it reads as the recent past.
 */
export const SHORT_DATE_DAYS = 182;

/** When a follow-up is due, as the agenda says it: "3d late", "today", "Tue 03-03", beyond half a year "Tue 2027-03-02". */
export function when(due: IsoDate, today: IsoDate): string {
  if (due < today) return t('{n}d late', { n: daysBetween(due, today) });
  if (due === today) return t('today');
  if (daysBetween(today, due) > SHORT_DATE_DAYS) return tDate(due);
  return t('{weekday} {date}', { weekday: tWeekday(due), date: tShortDate(due) });
}

function section(io: Io, heading: string, rows: AgendaRow[], today: IsoDate, urgent: boolean): string {
  const paint = (r: AgendaRow, s: string) => (urgent || (r.rule.startsWith('complaint-') && r.due <= today) ? io.color.red(s) : s);
  const table = renderTable(
    io,
    [t('id'), t('when'), t('customer'), t('action'), t('follow-up'), t('contact')],
    rows.map((r) => [r.id, paint(r, when(r.due, today)), r.customerName, actionLabel(r.action), paint(r, r.title), contactOf(r, channelLabel)]),
  );
  return `${io.color.bold(heading)}\n${table}`;
}

export function printAgenda(io: Io, agenda: Agenda, days: number): void {
  const { date, overdue, due, upcoming, complaints } = agenda;
  if (io.json) {
    const rows = (list: AgendaRow[]) => list.map((r) => agendaJsonRow(r, date));
    printJson(io, { date, overdue: rows(overdue), due: rows(due), upcoming: rows(upcoming), complaints });
    return;
  }
  if (!overdue.length && !due.length && !upcoming.length && !complaints.length) {
    info(io, t('Nothing overdue, nothing due on {date}, nothing in the next {days} days.', { date: tDate(date), days }));
    return;
  }
  const parts: string[] = [];
  if (overdue.length) parts.push(section(io, t('Overdue ({n})', { n: overdue.length }), overdue, date, true));
  parts.push(
    due.length
      ? section(io, t('Due today, {date} ({n})', { date: tDate(date), n: due.length }), due, date, false)
      : `${io.color.bold(t('Due today ({n})', { n: 0 }))}\n`,
  );
  if (upcoming.length) {
    let block = section(io, t('Coming up, next {days} days ({n})', { days, n: agenda.upcomingTotal }), upcoming, date, false);
    const more = agenda.upcomingTotal - upcoming.length;
    if (more > 0) block += t('... and {n} more: crm today --all lists them all, --days N looks less far', { n: more }) + '\n';
    parts.push(block);
  }
  if (complaints.length) {
    const late = (c: AgendaComplaint) => c.promisedBy !== null && c.promisedBy.slice(0, 10) <= date;
    const table = renderTable(
      io,
      [t('id'), t('customer'), t('step'), t('answer promised by')],
      complaints.map((c) => [c.id, c.customer.name, stepCell(c.step as Step), late(c) ? io.color.red(c.promisedBy!) : c.promisedBy]),
    );
    parts.push(io.color.bold(t('Open complaints ({n})', { n: complaints.length })) + '\n' + table);
  }
  io.stdout(parts.join('\n'));
}

export function runToday(opts: { days?: string; all?: boolean }, deps: Deps): void {
  const days = opts.days !== undefined ? parsePositiveInt(opts.days, '--days', { allowZero: true }) : 7;
  const limit = opts.all || deps.io.json ? undefined : UPCOMING_SHOWN;
  printAgenda(deps.io, buildAgenda(deps.store, deps.today, days, limit), days);
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('today')
    .description(t('the agenda: overdue, due today, coming up, promised complaint answers'))
    .option('--days <n>', t('how far ahead "coming up" looks (default 7)'))
    .option('--all', t('list everything coming up, not only the first 50'))
    .addHelpText('after', t('\nExamples:\n  $ crm today\n  $ crm today --days 14 --json'))
    .action((opts: { days?: string; all?: boolean }) => run((deps) => runToday(opts, deps)));
}
