/** A mailer that records what it is asked to send: for in-process tests of crm remind. */
import type { MailerFactory, OutgoingMail, SendResult } from '../../src/mail/mailer.js';

export const MAIL_ENV = { CRM_SMTP_URL: 'smtp://127.0.0.1:2525', CRM_MAIL_FROM: 'Li Na <li.na@example.com>', CRM_MAIL_TO: 'boss@example.com' };

export function fakeMailer(answer: (m: OutgoingMail) => SendResult = () => ({ status: 'sent', messageId: null })) {
  const sent: OutgoingMail[] = [];
  const factory: MailerFactory = async () => ({
    send: async (m, handOver) => {
      sent.push(m);
      const result = answer(m);
      // A refusal or a connection failure comes before the message is handed over.
      if (result.status === 'sent' || result.status === 'unknown') handOver?.();
      return result;
    },
  });
  return { sent, factory };
}
