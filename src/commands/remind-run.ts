/**
 * `crm remind` at work: print the digest, plan the mails, hand them to the outbox run, report.
 * Loaded only when the command runs.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../deps.js';
import { UsageError, UserError } from '../errors.js';
import { t, tDate } from '../i18n.js';
import { mailConfig, parseSender, type Address, type MailConfig } from '../mail/config.js';
import { cronInstructions, cronLine, type CronPaths } from '../mail/cron.js';
import { digestIsEmpty, renderDigest } from '../mail/digest.js';
import { emailTemplateFor } from '../mail/templates.js';
import type { TemplateLookup } from '../mail/customer-email.js';
import type { Rule } from '../domain/playbook.js';
import { activeRules } from './planning.js';
import { claimIsLive } from '../mail/claimant.js';
import { info, printJson, warn } from '../ui/io.js';
import { customerEmailsDue } from './remind-mail.js';
import { printReport, type MailLine, type RemindReport } from './remind-report.js';
import { sendDue, statusOf, verdictOn, type Outcome, type SendPlan } from './remind-send.js';
import { buildAgenda } from './today.js';
import type { RemindOptions } from './remind.js';

/**
 * Where the customer email texts come from: the playbook rule's own email (its email-zh for
 * customers who get Chinese emails, when it has one), else the shipped templates.
 */
function templatesFrom(rules: Rule[]): TemplateLookup {
  return (ruleId, language) => {
    const rule = rules.find((r) => r.id === ruleId);
    if (rule?.email) return (language === 'zh' && rule.emailZh) || rule.email;
    return emailTemplateFor(ruleId, language);
  };
}

/** The sender for "{sender}" when only previewing: CRM_MAIL_FROM if it is usable. */
function previewSender(env: NodeJS.ProcessEnv): Address {
  try {
    return parseSender(env.CRM_MAIL_FROM ?? '');
  } catch {
    return { name: null, address: '' };
  }
}

function makePlan(deps: Deps, from: Address, templates: TemplateLookup): SendPlan {
  const agenda = buildAgenda(deps.store, deps.today, 0);
  const customerEmails = customerEmailsDue(deps.store, agenda, deps.today, from, templates);
  const emailed = new Map(customerEmails.map((c) => [c.reminderId, c.to]));
  return { digest: digestIsEmpty(agenda) ? null : renderDigest(agenda, emailed), customerEmails };
}

function printDigest(deps: Deps, plan: SendPlan): void {
  const { io, today } = deps;
  if (io.json) {
    const customerEmails = plan.customerEmails.map((c) => ({ reminderId: c.reminderId, customerId: c.customerId, to: c.to, subject: c.mail.subject }));
    return printJson(io, { date: today, digest: plan.digest && { subject: plan.digest.subject, text: plan.digest.text }, customerEmails });
  }
  if (!plan.digest) return info(io, t('Nothing overdue, nothing due, no complaint answer promised on {day}.', { day: tDate(today) }));
  io.stdout(plan.digest.text);
}

/** What a run (or, with no outcomes, a dry run) did or would do with each of today's mails. */
function report(deps: Deps, cfg: MailConfig, plan: SendPlan, outcomes: Outcome[], templates: TemplateLookup): RemindReport {
  const { to } = cfg;
  const { store, today } = deps;
  const byId = new Map(outcomes.map((o) => [o.mail.id, o]));
  const digestRow = store.outbox.digestFor(to, today);
  const digestOutcome = digestRow && byId.get(digestRow.id);
  const digest = plan.digest
    ? { to, subject: digestOutcome?.subject ?? digestRow?.subject ?? plan.digest.subject, status: digestOutcome?.status ?? statusOf(digestRow, today), error: digestOutcome?.error }
    : { to, subject: null, status: 'nothing-due' as const };
  const customerOutcomes = outcomes.filter((o) => o.mail.kind === 'customer');
  const shown = new Set(customerOutcomes.map((o) => o.mail.reminderId));
  const customerEmails: MailLine[] = [
    ...customerOutcomes.map((o) => ({ reminderId: o.mail.reminderId!, customerId: o.mail.customerId!, to: o.mail.recipient, subject: o.subject, status: o.status, error: o.error })),
    ...plan.customerEmails
      .filter((c) => !shown.has(c.reminderId))
      .map((c) => ({ reminderId: c.reminderId, customerId: c.customerId, to: c.to, subject: c.mail.subject, status: statusOf(store.outbox.forReminder(c.reminderId, c.to), today) })),
  ];
  if (!outcomes.length) {
    // A dry run also shows the customer emails queued by an earlier run that the next run retries.
    const planned = new Set<number | null>(plan.customerEmails.map((c) => c.reminderId));
    // Those no longer for today are shown as the run would treat them.
    for (const m of store.outbox.inState('pending')) {
      if (m.kind !== 'customer' || planned.has(m.reminderId)) continue;
      const verdict = verdictOn(deps, m, cfg.from, templates);
      if (verdict && ('wait' in verdict || !verdict.show)) continue;
      const line = { reminderId: m.reminderId!, customerId: m.customerId!, to: m.recipient, subject: m.subject };
      customerEmails.push(verdict ? { ...line, status: 'failed', error: t('not sent: {why}', { why: verdict.drop }) } : { ...line, status: 'would-send' });
    }
  }
  const unknown = store.outbox.inState('sending').filter((m) => m.handedOn && !claimIsLive(m.claimedBy, m.claimedOn, today));
  return { date: today, digest, customerEmails, unknown };
}

function cronPaths(deps: Deps): CronPaths {
  const configHome = deps.env.XDG_CONFIG_HOME || join(deps.env.HOME || '~', '.config');
  const dataDir = dirname(deps.dbPath);
  // i18n-ignore: file names
  const [lock, log, envFile] = [join(dataDir, 'remind.lock'), join(dataDir, 'remind.log'), join(configHome, 'crm', 'mail.env')];
  return { node: process.execPath, bin: fileURLToPath(new URL('../../bin/crm.js', import.meta.url)), db: deps.dbPath, lock, log, envFile };
}

export async function runRemind(opts: RemindOptions, deps: Deps): Promise<void> {
  const templates = templatesFrom(await activeRules(deps.store));
  const { io, env } = deps;
  if (opts.installCron) {
    const paths = cronPaths(deps);
    return io.json ? printJson(io, { line: cronLine(paths), ...paths }) : io.stdout(cronInstructions(paths) + '\n');
  }
  if (opts.retryUnknown && opts.forgetUnknown) throw new UsageError(t('--retry-unknown and --forget-unknown contradict each other; give one'));
  if ((opts.retryUnknown || opts.forgetUnknown) && (!opts.email || opts.dryRun)) {
    throw new UsageError(t('{flag} goes with --email (and not --dry-run)', { flag: opts.retryUnknown ? '--retry-unknown' : '--forget-unknown' }));
  }
  if (!opts.email && !opts.dryRun) {
    if (opts.to !== undefined) throw new UsageError(t('--to goes with --email or --dry-run'));
    return printDigest(deps, makePlan(deps, previewSender(env), templates));
  }
  const cfg = mailConfig(env, opts, { needServer: !opts.dryRun });
  const plan = makePlan(deps, cfg.from, templates);
  if (opts.dryRun) return printReport(io, report(deps, cfg, plan, [], templates), { dryRun: true, plan });
  const sent = await sendDue(deps, cfg, plan, templates, opts.retryUnknown ? 'retry' : opts.forgetUnknown ? 'forget' : undefined);
  const result = report(deps, cfg, plan, sent.outcomes, templates);
  const ownIds = new Set(sent.outcomes.map((o) => o.mail.id));
  const earlier = result.unknown.filter((m) => !ownIds.has(m.id));
  if (earlier.length) {
    const list = earlier.map((m) => t('{to} "{subject}" ({day})', { to: m.recipient, subject: m.subject, day: m.day })).join(t(', '));
    warn(
      io,
      t('{n} mail(s) of unknown outcome from an earlier run: {list}; check whether they arrived, then run crm remind --email --retry-unknown or --forget-unknown', { n: earlier.length, list }),
    );
  }
  printReport(io, result, { dryRun: false, plan });
  if (sent.failure) throw new UserError(sent.failure);
}
