/**
 * Sending one mail, behind an interface: the real mailer is src/mail/smtp.ts (nodemailer), tests
 * may pass a fake through deps.mailer. The result says what is known about the mail afterwards,
 * which is what decides between "sent", "try again next run" and "ask a person".
 */
import { parseEmail } from '../domain/parse.js';
import type { Address, SmtpServer } from './config.js';

export interface OutgoingMail {
  from: Address;
  to: Address;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export type SendResult =
  | { status: 'sent'; messageId: string | null }
  /** The server answered no to this mail; other mails may still go. 5xx is permanent, 4xx temporary. */
  | { status: 'rejected'; error: string; permanent: boolean }
  /** Connection, TLS or login trouble before the mail was handed over: nothing was sent. */
  | { status: 'unreachable'; error: string; loginRefused?: boolean }
  /** The connection was lost after the mail was handed over: it may have arrived. */
  | { status: 'unknown'; error: string };

export interface Mailer {
  /**
   * `handOver` is called right before the message itself goes to the server (after the server
   * accepted the recipients): a mail whose send ends without that call was never handed over. If
   * it throws, the message is not handed over and the result is 'unreachable'.
   */
  send(mail: OutgoingMail, handOver?: () => void): Promise<SendResult>;
  /** Ends the run's connection, if the mailer keeps one. */
  close?(): void;
}

export type MailerFactory = (server: SmtpServer) => Promise<Mailer>;

/** Header text on one line: a CR or LF in a name or subject can never start a header of its own. */
export function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f\u2028\u2029]+/g, ' ').trim();
}

/** The form crm accepts at `customer add`: a value that slipped past it never reaches an envelope. */
export function isEmailAddress(text: string): boolean {
  try {
    return parseEmail(text) === text;
  } catch {
    return false;
  }
}
