/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package), started in the test process, and a
 * small decoder for what it receives: headers, RFC 2047 words, text and HTML parts.
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface Received {
  envelopeTo: string[];
  raw: string;
  headers: Map<string, string[]>;
  subject: string;
  text: string;
  html: string;
}

export interface SmtpBehaviour {
  /** An SMTP code (e.g. 550) to refuse this recipient with. */
  refuseRecipient?: (address: string) => number | undefined;
  /** Take the whole message, then drop the connection without answering. */
  dropAfterData?: (to: string[]) => boolean;
  /** Require this login. */
  login?: { user: string; pass: string };
  /** Answer each message this much later, so that runs overlap. */
  delayMs?: number;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  /** How many SMTP sessions were opened. */
  sessions: () => number;
  close(): Promise<void>;
}

type Connection = { _socket: { destroy(): void } };

export async function startSmtp(behaviour: SmtpBehaviour = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  let sessions = 0;
  const server: SMTPServer = new SMTPServer({
    disabledCommands: behaviour.login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !behaviour.login,
    allowInsecureAuth: true,
    logger: false,
    onConnect(_session, cb) {
      sessions++;
      cb();
    },
    onAuth(auth, _session, cb) {
      const ok = auth.username === behaviour.login?.user && auth.password === behaviour.login?.pass;
      cb(ok ? null : Object.assign(new Error('Authentication failed'), { responseCode: 535 }), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(address: SMTPServerAddress, _session, cb) {
      const code = behaviour.refuseRecipient?.(address.address);
      cb(code ? Object.assign(new Error(`no mailbox here for ${address.address}`), { responseCode: code }) : undefined);
    },
    onData(stream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const raw = Buffer.concat(chunks).toString('utf8');
        if (behaviour.dropAfterData?.(to)) {
          // The mail reached the server, but the client never hears so.
          received.push(parseMail(raw, to));
          for (const c of (server as unknown as { connections: Set<Connection> }).connections) c._socket.destroy();
          return;
        }
        received.push(parseMail(raw, to));
        setTimeout(() => cb(), behaviour.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    sessions: () => sessions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: a server started and stopped. */
export async function deadPort(): Promise<number> {
  const s = await startSmtp();
  await s.close();
  return s.port;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    );
}

function decodeQp(s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function splitHead(part: string): { headers: Map<string, string[]>; body: string } {
  const at = part.indexOf('\r\n\r\n');
  const head = part.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string[]>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(i + 1).trim()]);
  }
  return { headers, body: part.slice(at + 4) };
}

function decodeBody(headers: Map<string, string[]>, body: string): string {
  const enc = (headers.get('content-transfer-encoding')?.[0] ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQp(body);
  return body;
}

export function parseMail(raw: string, envelopeTo: string[]): Received {
  const { headers, body } = splitHead(raw);
  const type = headers.get('content-type')?.[0] ?? 'text/plain';
  let text = '';
  let html = '';
  const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
  // The line break before a boundary belongs to the boundary, not to the part.
  const parts = boundary
    ? body.split(`--${boundary}`).slice(1, -1).map((p) => splitHead(p.replace(/^\r\n/, '').replace(/\r\n$/, '')))
    : [{ headers, body }];
  for (const p of parts) {
    const t = p.headers.get('content-type')?.[0] ?? 'text/plain';
    if (t.startsWith('text/html')) html = decodeBody(p.headers, p.body);
    else if (t.startsWith('text/plain')) text = decodeBody(p.headers, p.body);
  }
  return { envelopeTo, raw, headers, subject: decodeWords(headers.get('subject')?.[0] ?? ''), text: text.replace(/\r\n/g, '\n'), html };
}

/** Display names in From/To, decoded. */
export function headerText(m: Received, name: string): string {
  return decodeWords((m.headers.get(name) ?? []).join(', '));
}
