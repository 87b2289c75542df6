/**
 * `crm survey`: the loyalty check of seed 001 ("why did you choose us, what should we improve?").
 * The answers go into the customer's file, and the open loyalty-survey follow-up is done with them.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { parsePositiveInt, parseText } from '../domain/parse.js';
import type { Reminder } from '../domain/reminder.js';
import { printJson } from '../ui/io.js';
import { resolveCustomer } from './resolve.js';

/** The rule id of the survey in the shipped playbook; another playbook's can be named with --reminder. */
export const SURVEY_RULE = 'loyalty-survey';

function answer(raw: string | undefined, field: string): string | null {
  return raw === undefined ? null : parseText(raw, field).trim() || null;
}

function surveyReminder(deps: Deps, customerId: number, ref: string | undefined): Reminder | undefined {
  const open = deps.store.reminders.forCustomer(customerId, { openOnly: true, limit: 100_000 });
  if (ref === undefined) return open.find((r) => r.rule === SURVEY_RULE);
  const id = parsePositiveInt(ref, '--reminder');
  const r = open.find((x) => x.id === id);
  if (!r) throw new UsageError(t('--reminder {id} is not an open follow-up of this customer; see crm customer show {customer}', { id, customer: customerId }));
  return r;
}

export function recordSurvey(ref: string, opts: { why?: string; improve?: string; reminder?: string }, deps: Deps): void {
  const { store, today, io } = deps;
  const customer = resolveCustomer(store, ref);
  const why = answer(opts.why, '--why');
  const improve = answer(opts.improve, '--improve');
  if (!why && !improve) throw new UsageError(t('give --why, --improve or both: what the customer answered'));
  const reminder = surveyReminder(deps, customer.id, opts.reminder);
  // The contact's note, kept in the language it was recorded in, like a note the salesperson writes.
  const note = [t('loyalty survey'), why && t('why us: {answer}', { answer: why }), improve && t('improve: {answer}', { answer: improve })].filter(Boolean).join(t('; '));
  const id = store.write(() => {
    if (reminder) store.reminders.close(reminder.id, 'done', today, note);
    store.contacts.insert({ customerId: customer.id, reminderId: reminder?.id ?? null, date: today, kind: reminder ? 'done' : 'log', outcome: 'reached', note });
    return store.review.addSurvey({ customerId: customer.id, reminderId: reminder?.id ?? null, date: today, why, improve });
  });
  if (io.json) return printJson(io, { id, customerId: customer.id, date: today, why, improve, reminderId: reminder?.id ?? null });
  const saved = reminder
    ? t("Saved {name}'s survey answers; follow-up {id} done. They show in crm customer show.", { name: customer.name, id: reminder.id })
    : t("Saved {name}'s survey answers. They show in crm customer show.", { name: customer.name });
  io.stdout(saved + '\n');
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('survey')
    .description(t("record a customer's answers to the loyalty survey: why they chose us, what to improve"))
    .argument('<customer>', t('id or name'))
    .option('--why <text>', t('why they chose us'))
    .option('--improve <text>', t('what we should improve'))
    .option('--reminder <id>', t('the follow-up this answers (default: their open {rule} one)', { rule: SURVEY_RULE }))
    .addHelpText('after', t('\nExample:\n  $ crm survey 王芳 --why "朋友推荐, 服务好" --improve "送货再快一点"'))
    .action((ref: string, opts) => run((deps) => recordSurvey(ref, opts, deps)));
}
