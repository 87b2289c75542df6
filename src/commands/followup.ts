/** `crm done|snooze|skip|log`: close, move or drop a follow-up, or record an unplanned contact. */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { addDays, nextWorkingDay } from '../domain/dates.js';
import { channelHelp, parseChannel, parseChoice, parseDate, parsePositiveInt, parseText } from '../domain/parse.js';
import { OUTCOMES, type Outcome, type Reminder } from '../domain/reminder.js';
import { printJson } from '../ui/io.js';
import { activeRules, planNextOccurrence, rollsForward } from './planning.js';
import { resolveCustomer } from './resolve.js';
import { warnPhrases } from './phrases.js';
import { t, tDate } from '../i18n.js';

function openReminder(deps: Deps, ref: string): Reminder {
  if (!/^\d+$/.test(ref.trim())) throw new UsageError(t('reminder id must be a number from crm today (got "{got}")', { got: ref }));
  const r = deps.store.reminders.get(Number(ref));
  if (!r) throw new UsageError(t('no follow-up with id {id}; see crm today', { id: ref }));
  if (r.state !== 'open') throw new UsageError(alreadyClosed(r));
  return r;
}

/** One whole sentence per state, so each language can say it its own way. */
function alreadyClosed(r: Reminder): string {
  const v = { id: r.id, date: r.closedOn ?? '' };
  if (r.state === 'done') return t('follow-up {id} is already done (on {date})', v);
  if (r.state === 'skipped') return t('follow-up {id} is already skipped (on {date})', v);
  return t('follow-up {id} is already missed (on {date})', v);
}

function optionalText(v: string | undefined, field: string): string | null {
  return v === undefined ? null : parseText(v, field);
}

function report(deps: Deps, value: object, line: string): void {
  if (deps.io.json) printJson(deps.io, value);
  else deps.io.stdout(line + '\n');
}

interface DoneOptions {
  note?: string;
  outcome?: string;
  satisfied?: boolean;
  notSatisfied?: boolean;
}

/** A complaint's confirmation call: its outcome moves the complaint (back to Resolve if unhappy). */
async function confirmationDone(r: Reminder, opts: DoneOptions, deps: Deps): Promise<void> {
  const { store, today } = deps;
  const note = optionalText(opts.note, '--note');
  const { complaintReminderDone } = await import('./complaint-hooks.js');
  const message = store.write(() => {
    store.contacts.insert({ customerId: r.customerId, reminderId: r.id, date: today, kind: 'done', outcome: 'reached', note });
    return complaintReminderDone(store, r.id, today, !opts.notSatisfied, note);
  });
  warnPhrases(deps.io, note);
  report(deps, { id: r.id, state: 'done', satisfied: !opts.notSatisfied }, message);
}

export async function markDone(ref: string, opts: DoneOptions, deps: Deps): Promise<void> {
  const { store, today } = deps;
  const r = openReminder(deps, ref);
  if (opts.satisfied && opts.notSatisfied) throw new UsageError(t('--satisfied and --not-satisfied contradict each other; give one'));
  const reached = !opts.outcome || opts.outcome === 'reached';
  if (r.rule === 'complaint-confirm' && reached) return confirmationDone(r, opts, deps);
  if (opts.satisfied || opts.notSatisfied) {
    throw new UsageError(t("--satisfied/--not-satisfied is for a complaint's confirmation call once reached; follow-up {id} is a {rule}", { id: r.id, rule: r.rule }));
  }
  const outcome: Outcome = opts.outcome ? parseChoice(opts.outcome, '--outcome', OUTCOMES) : 'reached';
  const note = optionalText(opts.note, '--note');
  const rules = await activeRules(store);
  const calendar = rollsForward(rules, r.rule) ? await import('../domain/calendar.js') : undefined;
  const contact = { customerId: r.customerId, reminderId: r.id, date: today, outcome, note };
  const result = store.write(() => {
    if (outcome === 'no-answer') {
      // Nobody picked up: the follow-up is not done, it moves to the next working day.
      const due = nextWorkingDay(today);
      store.contacts.insert({ ...contact, kind: 'attempt' });
      store.reminders.reschedule(r.id, due);
      return { id: r.id, state: 'open', due, next: [] as Reminder[] };
    }
    store.contacts.insert({ ...contact, kind: 'done' });
    store.reminders.close(r.id, 'done', today, note);
    return { id: r.id, state: 'done', due: r.due, next: calendar ? planNextOccurrence(store, r, rules, calendar, today) : [] };
  });
  warnPhrases(deps.io, note);
  const line =
    result.state === 'open'
      ? t('No answer: follow-up {id} moved to {date}.', { id: r.id, date: tDate(result.due) })
      : [t('Done: {title}', { title: r.title }), ...result.next.map((n) => t('Next time planned: {id} on {date}', { id: n.id, date: n.due }))].join('\n');
  report(deps, { ...result, outcome, next: result.next.map((n) => ({ id: n.id, due: n.due, rule: n.rule })) }, line);
}

export function snooze(ref: string, opts: { days?: string; to?: string }, deps: Deps): void {
  const { store, today } = deps;
  if (opts.days !== undefined && opts.to !== undefined) throw new UsageError(t('give --days or --to, not both'));
  const r = openReminder(deps, ref);
  // Counted from the later of today and the current due date: snoozing next week's call moves it later.
  const from = r.due > today ? r.due : today;
  const due = opts.to !== undefined ? parseDate(opts.to, '--to') : addDays(from, opts.days !== undefined ? parsePositiveInt(opts.days, '--days') : 1);
  if (due <= today) throw new UsageError(t('--to must be after today {today} (got "{got}")', { today, got: String(opts.to) }));
  store.write(() => {
    store.reminders.reschedule(r.id, due);
    store.contacts.insert({ customerId: r.customerId, reminderId: r.id, date: today, kind: 'snoozed', outcome: null, note: t('from {from} to {to}', { from: r.due, to: due }) });
  });
  report(deps, { id: r.id, due }, t('Follow-up {id} moved to {date}.', { id: r.id, date: tDate(due) }));
}

export async function skip(ref: string, opts: { reason: string }, deps: Deps): Promise<void> {
  const { store, today } = deps;
  const r = openReminder(deps, ref);
  const reason = parseText(opts.reason, '--reason').trim();
  if (!reason) throw new UsageError(t('--reason must say why the follow-up is dropped (got "")'));
  const rules = await activeRules(store);
  const calendar = rollsForward(rules, r.rule) ? await import('../domain/calendar.js') : undefined;
  const next = store.write(() => {
    store.reminders.close(r.id, 'skipped', today, reason);
    store.contacts.insert({ customerId: r.customerId, reminderId: r.id, date: today, kind: 'skipped', outcome: null, note: reason });
    return calendar ? planNextOccurrence(store, r, rules, calendar, today) : [];
  });
  warnPhrases(deps.io, reason);
  report(deps, { id: r.id, state: 'skipped', next: next.map((n) => ({ id: n.id, due: n.due, rule: n.rule })) }, t('Skipped: {title}', { title: r.title }));
}

export function logContact(ref: string, opts: { note: string; channel?: string; outcome?: string }, deps: Deps): void {
  const { store, today } = deps;
  const customer = resolveCustomer(store, ref);
  const note = parseText(opts.note, '--note').trim();
  if (!note) throw new UsageError(t('--note must say what happened (got "")'));
  const channel = opts.channel ? parseChannel(opts.channel, '--channel') : null;
  const outcome = opts.outcome ? parseChoice(opts.outcome, '--outcome', OUTCOMES) : null;
  const text = channel ? `[${channel}] ${note}` : note;
  const id = store.write(() => store.contacts.insert({ customerId: customer.id, reminderId: null, date: today, kind: 'log', outcome, note: text }));
  warnPhrases(deps.io, note);
  report(deps, { id, customerId: customer.id, date: today }, t('Logged for {name} on {date}.', { name: customer.name, date: today }));
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('done')
    .description(t('mark a follow-up done; a call with no answer moves to the next working day'))
    .argument('<id>', t('follow-up id from crm today'))
    .option('--note <text>', t('what was said or agreed'))
    .option('--outcome <outcome>', t('{outcomes} (default reached)', { outcomes: OUTCOMES.join(', ') }))
    .option('--satisfied', t("a complaint's confirmation call: the customer is satisfied (the default)"))
    .option('--not-satisfied', t("a complaint's confirmation call: not satisfied, the complaint goes back to Resolve"))
    .addHelpText('after', t('\nExamples:\n  $ crm done 12 --note "happy with it, asked about filters"\n  $ crm done 13 --outcome no-answer\n  $ crm done 14 --not-satisfied --note "still not charging"'))
    .action((id: string, opts) => run((deps) => markDone(id, opts, deps)));
  program
    .command('snooze')
    .description(t('move a follow-up to a later day'))
    .argument('<id>', t('follow-up id'))
    .option('--days <n>', t('this many days later: from today, or from its date if that is later (default 1)'))
    .option('--to <YYYY-MM-DD>', t('to this day'))
    .addHelpText('after', t('\nExample:\n  $ crm snooze 12 --days 3'))
    .action((id: string, opts) => run((deps) => snooze(id, opts, deps)));
  program
    .command('skip')
    .description(t('drop a follow-up, saying why (kept in the history)'))
    .argument('<id>', t('follow-up id'))
    .requiredOption('--reason <text>', t('why it is dropped'))
    .addHelpText('after', t('\nExample:\n  $ crm skip 12 --reason "customer moved abroad"'))
    .action((id: string, opts) => run((deps) => skip(id, opts, deps)));
  program
    .command('log')
    .description(t('record a contact that no follow-up asked for'))
    .argument('<customer>', t('id or name'))
    .requiredOption('--note <text>', t('what happened'))
    .option('--channel <channel>', channelHelp())
    .option('--outcome <outcome>', OUTCOMES.join(', '))
    .addHelpText('after', t('\nExample:\n  $ crm log 王芳 --note "met at the trade fair, interested in the X5" --channel visit'))
    .action((ref: string, opts) => run((deps) => logContact(ref, opts, deps)));
}
