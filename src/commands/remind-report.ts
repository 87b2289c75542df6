/** How `crm remind --email` and `--dry-run` tell what happened to each of today's mails. */
import type { IsoDate } from '../domain/dates.js';
import { t } from '../i18n.js';
import type { OutboxMail } from '../store/outbox.js';
import { info, printJson, type Io } from '../ui/io.js';
import { printTable } from '../ui/table.js';
import type { MailStatus, SendPlan } from './remind-send.js';

export interface MailLine {
  reminderId: number;
  customerId: number;
  to: string;
  subject: string;
  status: MailStatus;
  error?: string;
}

export interface RemindReport {
  date: IsoDate;
  digest: { to: string; subject: string | null; status: MailStatus; error?: string };
  customerEmails: MailLine[];
  /** Mails handed to the server by a run that is gone, with no answer: for a person to check. */
  unknown: OutboxMail[];
}

/** The states for people; --json keeps the ids. */
function statusLabels(): Record<MailStatus, string> {
  return {
    sent: t('sent'),
    'already-sent': t('already-sent'),
    pending: t('pending'),
    failed: t('failed'),
    unknown: t('unknown'),
    'in-flight': t('in-flight'),
    'would-send': t('would-send'),
    'nothing-due': t('nothing-due'),
  };
}

export function printReport(io: Io, r: RemindReport, { dryRun, plan }: { dryRun: boolean; plan: SendPlan }): void {
  if (io.json) {
    const unknown = r.unknown.map((m) => ({
      id: m.id, kind: m.kind, reminderId: m.reminderId, customerId: m.customerId, to: m.recipient, subject: m.subject, day: m.day, error: m.lastError,
    }));
    return printJson(io, { date: r.date, digest: r.digest, customerEmails: r.customerEmails, unknown });
  }
  if (dryRun) info(io, t('Dry run: nothing is sent and nothing changes.'));
  if (r.digest.status === 'nothing-due' && !r.customerEmails.length) {
    return info(io, dryRun ? t('Nothing due on {date}: no digest would be sent.', { date: r.date }) : t('Nothing due on {date}: no digest was sent.', { date: r.date }));
  }
  const detail = (subject: string | null, error?: string) => (error ? `${subject ?? ''} (${error})` : (subject ?? ''));
  const status = statusLabels();
  printTable(io, [t('status'), t('mail'), t('to'), t('subject')], [
    [status[r.digest.status], t('digest'), r.digest.to, detail(r.digest.subject, r.digest.error)],
    ...r.customerEmails.map((c) => [status[c.status], t('follow-up {id}', { id: c.reminderId }), c.to, detail(c.subject, c.error)]),
  ]);
  if (!dryRun) return;
  // The customer-facing text is worth reading before it goes out.
  const going = new Set(r.customerEmails.filter((c) => c.status === 'would-send').map((c) => c.reminderId));
  for (const { reminderId, mail } of plan.customerEmails.filter((c) => going.has(c.reminderId))) {
    const to = mail.to.name ? `${mail.to.name} <${mail.to.address}>` : mail.to.address;
    const label = t('follow-up {id}', { id: reminderId });
    // i18n-ignore: the mail's own header names, as the customer's mail program shows them
    io.stdout(`\n--- ${label}\nTo: ${to}\nSubject: ${mail.subject}\n\n${mail.text}`);
  }
}
