/**
 * The real mailer, loaded only by `crm remind --email`. It drives nodemailer's SMTPConnection
 * itself rather than sendMail(), because only there can it tell "refused before the message was
 * handed over" (safe to try again) from "connection lost after it" (it may have arrived, so it is
 * never re-sent on its own). One connection serves the whole run.
 */
import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { t } from '../i18n.js';
import { isEmailAddress, oneLine, type MailerFactory, type OutgoingMail, type SendResult } from './mailer.js';
import type { SmtpServer } from './config.js';

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

function describe(e: SmtpError): string {
  return oneLine(e.response ?? e.message ?? String(e));
}

/** One step of the SMTP dialogue; a lost connection ends it with an error instead of silence. */
function step<T>(conn: SMTPConnection, start: (done: (err?: Error | null, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (e: Error) => finish(e);
    const onEnd = () => finish(Object.assign(new Error(t('the server closed the connection')), { code: 'ECONNECTION' }));
    function finish(err?: Error | null, value?: T) {
      conn.off('error', onError);
      conn.off('end', onEnd);
      if (err) reject(err);
      else resolve(value as T);
    }
    conn.once('error', onError);
    conn.once('end', onEnd);
    start(finish);
  });
}

/**
 * A message stream that notes when the server starts taking it (after DATA was accepted), and
 * first lets the caller record that (`onStart`); if that fails, nothing of the message is sent.
 */
function handOver(raw: Buffer, onStart?: () => void): { stream: Readable; started: () => boolean; refused: () => Error | undefined } {
  let started = false;
  let refused: Error | undefined;
  const stream = new Readable({
    read() {
      try {
        onStart?.();
      } catch (e) {
        refused = e as Error;
        this.destroy(refused);
        return;
      }
      started = true;
      this.push(raw);
      this.push(null);
    },
  });
  return { stream, started: () => started, refused: () => refused };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * A password goes out encrypted only: over smtps://, or after STARTTLS, which smtp:// then requires
 * (a server, or someone in between, that does not offer it fails the run); to this machine, as is.
 */
export function requiresStartTls(server: Pick<SmtpServer, 'secure' | 'user' | 'host'>): boolean {
  return !server.secure && Boolean(server.user) && !LOOPBACK.has(server.host);
}

export const smtpMailer: MailerFactory = async (server) => {
  const [{ default: Connection }, { default: MailComposer }] = await Promise.all([
    import('nodemailer/lib/smtp-connection/index.js'),
    import('nodemailer/lib/mail-composer/index.js'),
  ]);
  let open: SMTPConnection | undefined;
  let dirty = false;

  /** The run's connection: reused, reset after a refused mail, opened again if it was lost. */
  async function connection(): Promise<SMTPConnection | SendResult> {
    if (open && dirty) {
      const conn = open;
      await step<void>(conn, (done) => conn.reset((err) => done(err))).catch(() => close());
      dirty = false;
    }
    if (open) return open;
    const conn = new Connection({ host: server.host, port: server.port, secure: server.secure, requireTLS: requiresStartTls(server), ...TIMEOUTS, logger: false });
    // Errors after an outcome is settled (e.g. during QUIT) must not crash the process.
    conn.on('error', () => {});
    try {
      await step<void>(conn, (done) => conn.connect(() => done()));
    } catch (e) {
      conn.close();
      return { status: 'unreachable', error: describe(e as SmtpError) };
    }
    try {
      if (server.user) await step<void>(conn, (done) => conn.login({ user: server.user!, pass: server.password ?? '' }, (err) => done(err)));
    } catch (e) {
      conn.close();
      const err = e as SmtpError;
      return { status: 'unreachable', error: describe(err), loginRefused: err.code === 'EAUTH' };
    }
    // SMTP is a dialogue of small writes: with Nagle's algorithm each one waits for the server's
    // delayed ACK, about 40 ms a mail.
    conn._socket.setNoDelay(true);
    open = conn;
    return conn;
  }

  function close(): void {
    open?.close();
    open = undefined;
  }

  async function send(mail: OutgoingMail, onHandOver?: () => void): Promise<SendResult> {
    const bad = [mail.from.address, mail.to.address].find((a) => !isEmailAddress(a));
    if (bad !== undefined) return { status: 'rejected', error: t('not a valid address: {address}', { address: JSON.stringify(bad) }), permanent: true };
    const address = (a: OutgoingMail['to']) => ({ name: a.name ? oneLine(a.name) : '', address: a.address });
    const node = new MailComposer({
      from: address(mail.from),
      to: address(mail.to),
      subject: oneLine(mail.subject),
      text: mail.text,
      html: mail.html,
      headers: Object.fromEntries(Object.entries(mail.headers ?? {}).map(([k, v]) => [k, oneLine(v)])),
    }).compile();
    // The envelope from the two checked addresses, never parsed back out of the headers.
    const envelope = { from: mail.from.address, to: [mail.to.address] };
    const message = handOver(await node.build(), onHandOver);
    for (let attempt = 1; ; attempt++) {
      const reused = open !== undefined;
      const conn = await connection();
      if (!(conn instanceof Connection)) return conn as SendResult;
      try {
        await step(conn, (done) => conn.send(envelope, message.stream, (err) => done(err)));
        return { status: 'sent', messageId: node.messageId() };
      } catch (e) {
        const err = e as SmtpError;
        if (err.responseCode) {
          dirty = true;
          return { status: 'rejected', error: describe(err), permanent: err.responseCode >= 500 };
        }
        close();
        if (message.started()) return { status: 'unknown', error: describe(err) };
        const refused = message.refused();
        if (refused) return { status: 'unreachable', error: describe(refused as SmtpError) };
        if (err.code === 'EENVELOPE') return { status: 'rejected', error: describe(err), permanent: true };
        // A connection kept from an earlier mail may have timed out meanwhile: one fresh try.
        if (!reused || attempt > 1) return { status: 'unreachable', error: describe(err) };
      }
    }
  }

  return {
    send,
    close: () => {
      open?.quit();
      open = undefined;
    },
  };
};
