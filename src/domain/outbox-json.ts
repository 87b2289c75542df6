/**
 * The email outbox (migrations/0003_outbox.sql) as `crm export --format json` writes it: every mail
 * crm queued, with its state. It is what keeps reminder emails exactly once, so a restore that lost
 * it would send again what went out already. Read back with the checks the table's constraints and
 * unique indexes make, so a restore never trips one halfway.
 */
import { t } from '../i18n.js';
import type { IsoDate } from './dates.js';
import type { RowError } from './import-row.js';
import { countFromZero, date, fail, id, line, nullable, oneOf, positionOf, text, type Getter, type Read } from './json-fields.js';

export const MAIL_KINDS = ['digest', 'customer'] as const;
export const MAIL_STATES = ['pending', 'sending', 'sent', 'failed'] as const;

export interface ExportedMail {
  id: number;
  kind: (typeof MAIL_KINDS)[number];
  reminderId: number | null;
  customerId: number | null;
  recipient: string;
  day: IsoDate;
  subject: string;
  state: (typeof MAIL_STATES)[number];
  attempts: number;
  lastError: string | null;
  claimedBy: string | null;
  claimedOn: IsoDate | null;
  sentOn: IsoDate | null;
  messageId: string | null;
  /** The day the message was handed to the server (migrations/0006): a 'sending' row without it never went out. */
  handedOn: IsoDate | null;
}

/** A digest names no follow-up and no customer; a customer email names both. */
const none: Read<null> = (v, f) => (v === null || v === undefined ? null : fail(f, t('null for a digest'), v));

export function readMail(get: Getter): ExportedMail {
  const kind = get('kind', oneOf(MAIL_KINDS));
  const ref = kind === 'digest' ? none : kind === 'customer' ? id : nullable(id);
  const mail: ExportedMail = {
    id: get('id', id), kind, reminderId: get('reminderId', ref), customerId: get('customerId', ref), recipient: get('recipient', line),
    day: get('day', date), subject: get('subject', line), state: get('state', oneOf(MAIL_STATES)), attempts: get('attempts', countFromZero),
    lastError: get('lastError', nullable(text)), claimedBy: get('claimedBy', nullable(line)), claimedOn: get('claimedOn', nullable(date)),
    sentOn: get('sentOn', nullable(date)), messageId: get('messageId', nullable(line)), handedOn: null,
  };
  // A file written before handedOn existed: a mail it has as 'sending' may have been handed over.
  mail.handedOn = get('handedOn', (v, f) => (v === undefined ? (mail.state === 'sending' ? (mail.claimedOn ?? mail.day) : null) : nullable(date)(v, f)));
  return mail;
}

/**
 * The outbox's unique indexes: one digest per recipient and day, a follow-up mailed once to an
 * address, at most one mail on its way per customer.
 */
export function checkOutbox(mails: ExportedMail[], errors: RowError[]): void {
  const first = new Map<string, number>();
  const again = (key: string, i: number, message: (vars: { field: string; other: string }) => string) => {
    const seen = first.get(key);
    if (seen === undefined) return void first.set(key, i);
    const field = `outbox[${i}]`;
    errors.push({ row: i + 1, column: field, value: key, message: message({ field, other: `outbox[${seen}]` }) });
  };
  mails.forEach((m, n) => {
    const i = positionOf(m, n);
    const vars = { recipient: m.recipient, day: m.day, reminder: m.reminderId ?? '', customer: m.customerId ?? '' };
    if (m.kind === 'digest') {
      again(JSON.stringify(['digest', m.recipient, m.day]), i, (v) => t('{field} is a second digest to {recipient} for {day} (first: {other}); one a day is sent', { ...vars, ...v }));
      return;
    }
    again(JSON.stringify(['customer', m.reminderId, m.recipient]), i, (v) => t('{field} mails follow-up {reminder} to {recipient} a second time (first: {other}); a follow-up is mailed once', { ...vars, ...v }));
    if (m.state === 'pending' || m.state === 'sending') {
      again(JSON.stringify(['active', m.customerId]), i, (v) => t('{field} is a second mail on its way to customer {customer} (first: {other}); one at a time is sent', { ...vars, ...v }));
    }
  });
}
