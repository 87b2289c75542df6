/**
 * `crm remind --email`, the sending part: queue today's mails in the outbox, then for each mail
 * claim it (pending -> sending) in a short write transaction of its own so an overlapping run
 * cannot take it too, mark it handed right before the message goes to the server, send, and record
 * the outcome. Nothing is marked sent that was not, and only a mail handed over can end up of
 * unknown outcome: a run that dies leaves at most that one mail for a person to check.
 */
import type { Deps } from '../deps.js';
import { t } from '../i18n.js';
import { claimIsLive, startRun, type SendingRun } from '../mail/claimant.js';
import type { MailConfig } from '../mail/config.js';
import type { TemplateLookup } from '../mail/customer-email.js';
import type { DigestMail } from '../mail/digest.js';
import type { Mailer, OutgoingMail, SendResult } from '../mail/mailer.js';
import type { OutboxMail } from '../store/outbox.js';
import { composeCustomerEmail, outOfDate, whyNotAnyMore, type Composed, type CustomerEmailDue } from './remind-mail.js';
import { activeRules, planNextOccurrence, rollsForward } from './planning.js';

/** A mail refused this many times is given up; its follow-up stays on the agenda. */
export const MAX_ATTEMPTS = 5;

export type MailStatus = 'sent' | 'already-sent' | 'pending' | 'failed' | 'unknown' | 'in-flight' | 'would-send' | 'nothing-due';

export interface SendPlan {
  digest: DigestMail | null;
  customerEmails: CustomerEmailDue[];
}

export interface Outcome {
  mail: OutboxMail;
  subject: string;
  status: MailStatus;
  error?: string;
}

export interface SendReport {
  outcomes: Outcome[];
  /** Why the run stopped early or what was refused: the one line of a failed run. */
  failure?: string;
}

/** What a queued mail's row says about it, seen from a run that does not own it. */
export function statusOf(m: OutboxMail | undefined, today: string): MailStatus {
  if (!m || m.state === 'pending') return 'would-send';
  if (m.state === 'sending') return claimIsLive(m.claimedBy, m.claimedOn, today) ? 'in-flight' : m.handedOn ? 'unknown' : 'would-send';
  return m.state === 'sent' ? 'already-sent' : 'failed';
}

/** What queueing found out: the mails to try, in order, and those given up as not for today any more. */
interface Queued {
  ids: number[];
  dropped: Outcome[];
}

/**
 * Whether a pending mail may go today: undefined when it may, else what becomes of it. Also what a
 * dry run tells, so that it says what the run would do.
 */
export function verdictOn(deps: Deps, m: OutboxMail, from: MailConfig['from'], templates: TemplateLookup): { drop: string; show: boolean } | { wait: true } | undefined {
  if (m.kind !== 'customer') return undefined;
  const timing = outOfDate(deps.store, m, deps.today);
  if (timing && 'wait' in timing) return { wait: true };
  if (timing) return { drop: timing.late, show: true };
  const why = whyNotAnyMore(deps.store, m, from, templates);
  return why ? { drop: why, show: false } : undefined;
}

/**
 * Queues today's mails and settles what earlier runs left: a mail claimed by a run that is gone
 * but never handed over goes back to pending; one handed over is of unknown outcome, settled only
 * by --retry-unknown or --forget-unknown. Claims nothing: each mail is claimed just before it is sent.
 */
function queue(deps: Deps, cfg: MailConfig, plan: SendPlan, templates: TemplateLookup, unknown?: 'retry' | 'forget'): Queued {
  const { store, today } = deps;
  const { outbox } = store;
  return store.write(() => {
    for (const m of outbox.inState('sending')) {
      if (claimIsLive(m.claimedBy, m.claimedOn, today)) continue;
      if (!m.handedOn) outbox.markNotSent(m.id, t('not tried: the run that claimed it stopped before handing it over'), { tried: false, giveUp: false });
      else if (unknown) outbox.resolveUnknown(m.id, unknown, today);
    }
    outbox.supersedeDigests(plan.digest ? cfg.to : null, today);
    if (plan.digest) outbox.queueDigest(cfg.to, today, plan.digest.subject);
    for (const c of plan.customerEmails) {
      outbox.queueCustomer({ reminderId: c.reminderId, customerId: c.customerId, recipient: c.to, subject: c.mail.subject }, today);
    }
    const ids: number[] = [];
    const dropped: Outcome[] = [];
    for (const m of outbox.inState('pending')) {
      const verdict = verdictOn(deps, m, cfg.from, templates);
      if (!verdict) ids.push(m.id);
      else if ('wait' in verdict) outbox.withdraw(m.id);
      else {
        const error = t('not sent: {why}', { why: verdict.drop });
        outbox.markNotSent(m.id, error, { tried: false, giveUp: true });
        if (verdict.show) dropped.push({ mail: m, subject: m.subject, status: 'failed', error });
      }
    }
    return { ids, dropped };
  });
}

/**
 * pending -> sending for one mail, in a short write transaction of its own, right before it is
 * sent; undefined when another run took it meanwhile (or it was settled otherwise).
 */
function claimOne(deps: Deps, id: number, run: SendingRun): OutboxMail | undefined {
  return deps.store.write(() => deps.store.outbox.claimOne(id, run.id, deps.today));
}

/** Sent: the customer email did the follow-up, so it is closed, and a yearly greeting plans the next. */
async function recordSent(deps: Deps, m: OutboxMail, mail: OutgoingMail, messageId: string | null): Promise<void> {
  const { store, today } = deps;
  const reminder = m.reminderId ? store.reminders.get(m.reminderId) : undefined;
  const rules = await activeRules(store);
  const calendar = reminder && rollsForward(rules, reminder.rule) ? await import('../domain/calendar.js') : undefined;
  store.write(() => {
    store.outbox.markSent(m.id, today, messageId);
    if (!reminder || reminder.state !== 'open') return;
    // Kept in the history in the language crm runs in, as a note the salesperson typed would be.
    const note = t('emailed to {to}: {subject}', { to: m.recipient, subject: mail.subject });
    store.reminders.close(reminder.id, 'done', today, note);
    store.contacts.insert({ customerId: reminder.customerId, reminderId: reminder.id, date: today, kind: 'done', outcome: null, note });
    if (calendar) planNextOccurrence(store, reminder, rules, calendar, today);
  });
}

/** The one line of a stopped run: the mails left behind stay pending for the next run. */
function stoppedLine(cfg: MailConfig, result: Exclude<SendResult, { status: 'sent' | 'rejected' }>, m: OutboxMail, left: number): string {
  const vars = { server: cfg.server!.display, error: result.error, to: m.recipient, n: left };
  if (result.status === 'unknown') {
    return t('the mail server {server} lost the connection after the mail to {to} was handed over ({error}); it may have arrived: check, then run crm remind --email --retry-unknown to send it again, or --forget-unknown', vars);
  }
  return result.loginRefused
    ? t('the mail server {server} refused the login ({error}); check the user in CRM_SMTP_URL and CRM_SMTP_PASSWORD; {n} mail(s) stay pending for the next run', vars)
    : t('cannot reach the mail server {server} ({error}); {n} mail(s) stay pending for the next run', vars);
}

function refusedLine(cfg: MailConfig, result: Extract<SendResult, { status: 'rejected' }>, m: OutboxMail, giveUp: boolean): string {
  const vars = { server: cfg.server!.display, error: result.error, to: m.recipient, n: MAX_ATTEMPTS };
  return giveUp
    ? t('the mail server {server} refused the mail to {to} ({error}); given up after {n} attempts', vars)
    : t('the mail server {server} refused the mail to {to} ({error}); it stays pending for the next run', vars);
}

function mailFor(deps: Deps, cfg: MailConfig, plan: SendPlan, m: OutboxMail, templates: TemplateLookup): Composed {
  if (m.kind === 'customer') return composeCustomerEmail(deps.store, m.reminderId!, cfg.from, templates);
  // Only today's digest is ever claimed, and only when there is one to send.
  const { subject, text, html } = plan.digest!;
  return { mail: { from: cfg.from, to: { name: null, address: m.recipient }, subject, text, html } };
}

async function sendEach(deps: Deps, cfg: MailConfig, plan: SendPlan, ids: number[], run: SendingRun, mailer: Mailer, templates: TemplateLookup): Promise<SendReport> {
  const { store, today } = deps;
  const outcomes: Outcome[] = [];
  const refused: string[] = [];
  let stopped: string | undefined;
  for (const [i, id] of ids.entries()) {
    if (stopped) {
      // Never claimed: it simply stays pending for the next run.
      const m = store.outbox.get(id);
      if (m?.state === 'pending') outcomes.push({ mail: m, subject: m.subject, status: 'pending' });
      continue;
    }
    const m = claimOne(deps, id, run);
    if (!m) continue;
    const composed = mailFor(deps, cfg, plan, m, templates);
    if ('why' in composed) {
      store.write(() => store.outbox.markNotSent(m.id, t('not sent: {why}', { why: composed.why }), { tried: false, giveUp: true }));
      outcomes.push({ mail: m, subject: m.subject, status: 'failed', error: composed.why });
      continue;
    }
    const { mail } = composed;
    const result = await mailer.send(mail, () => store.write(() => store.outbox.markHanded(m.id, today)));
    if (result.status === 'sent') {
      await recordSent(deps, m, mail, result.messageId);
      outcomes.push({ mail: m, subject: mail.subject, status: 'sent' });
    } else if (result.status === 'unknown') {
      store.write(() => store.outbox.markUnknown(m.id, result.error));
      outcomes.push({ mail: m, subject: mail.subject, status: 'unknown', error: result.error });
      stopped = stoppedLine(cfg, result, m, ids.length - i - 1);
    } else {
      const giveUp = result.status === 'rejected' && m.attempts + 1 >= MAX_ATTEMPTS;
      // Only the server's refusals of this mail count toward giving it up; a connection failure is no fault of the mail.
      store.write(() => store.outbox.markNotSent(m.id, result.error, { tried: result.status === 'rejected', giveUp }));
      outcomes.push({ mail: m, subject: mail.subject, status: giveUp ? 'failed' : 'pending', error: result.error });
      if (result.status === 'unreachable') stopped = stoppedLine(cfg, result, m, ids.length - i);
      else refused.push(refusedLine(cfg, result, m, giveUp));
    }
  }
  const failure = stopped ?? (refused.length > 1 ? t('{n} mails were refused; the first: {first}', { n: refused.length, first: refused[0] }) : refused[0]);
  return { outcomes, failure };
}

export async function sendDue(deps: Deps, cfg: MailConfig, plan: SendPlan, templates: TemplateLookup, unknown?: 'retry' | 'forget'): Promise<SendReport> {
  const run = startRun();
  try {
    const { ids, dropped } = queue(deps, cfg, plan, templates, unknown);
    if (!ids.length) return { outcomes: dropped };
    // Nothing is claimed yet: if the mailer cannot start, every mail simply stays pending.
    const mailer = await (deps.mailer ?? (await import('../mail/smtp.js')).smtpMailer)(cfg.server!);
    try {
      const sent = await sendEach(deps, cfg, plan, ids, run, mailer, templates);
      return { ...sent, outcomes: [...dropped, ...sent.outcomes] };
    } finally {
      mailer.close?.();
    }
  } finally {
    run.end();
  }
}
