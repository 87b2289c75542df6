/**
 * Mail settings from the environment and flags. The SMTP password comes only from
 * CRM_SMTP_PASSWORD or the URL; it is never stored, and the server is always shown masked.
 */
import { UsageError } from '../errors.js';
import { parseEmail, parseText } from '../domain/parse.js';
import { t } from '../i18n.js';

export interface SmtpServer {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte; smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The URL with the password replaced by ***: the only form ever printed. */
  display: string;
}

export interface Address {
  name: string | null;
  address: string;
}

export interface MailConfig {
  server: SmtpServer | null;
  from: Address;
  to: string;
}

/** A URL's "scheme://user" (group 1) and the password after its ':' (group 2), up to the word's last @. */
const USERINFO = String.raw`([a-z][a-z0-9+.-]*:\/{0,2}[^\s/:@]*):(\S*)@`;
const ANY_USERINFO = new RegExp(`\\b${USERINFO}`, 'gi');
const LEADING_USERINFO = new RegExp(`^${USERINFO}`, 'i');

/**
 * Any "scheme://user:password@" in a text becomes "scheme://user:***@", whatever the password holds
 * (a / or an @ written unescaped, a scheme with one slash): everything up to the last @ of the word.
 */
export function maskPassword(text: string): string {
  return text.replace(ANY_USERINFO, '$1:***@');
}

/** Characters a password in a URL must write as %XX: the URL is read wrong (or cut) otherwise. */
const URL_SPECIAL = /[/@#?]/;

function passwordNeedsEscapes(raw: string): boolean {
  const m = LEADING_USERINFO.exec(raw.trim());
  return Boolean(m && URL_SPECIAL.test(m[2]));
}

export function parseSmtpUrl(raw: string, passwordFromEnv?: string): SmtpServer {
  const bad = () => {
    const got = JSON.stringify(maskPassword(raw));
    if (passwordNeedsEscapes(raw)) {
      return new UsageError(t('CRM_SMTP_URL: write / @ # ? in the password as %2F %40 %23 %3F, or set the password in CRM_SMTP_PASSWORD instead (got {got})', { got }));
    }
    return new UsageError(t('CRM_SMTP_URL must be like smtp://user@mail.example.com:587 or smtps://user@mail.example.com:465 (got {got})', { got }));
  };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw bad();
  }
  const secure = url.protocol === 'smtps:';
  if ((!secure && url.protocol !== 'smtp:') || !url.hostname || url.search || url.hash || (url.pathname && url.pathname !== '/')) throw bad();
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  if (port < 1) throw bad();
  const user = url.username ? decodeURIComponent(url.username) : null;
  const password = passwordFromEnv || (url.password ? decodeURIComponent(url.password) : null);
  const auth = user ? `${url.username}${password ? ':***' : ''}@` : '';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port, secure, user, password, display: `smtp${secure ? 's' : ''}://${auth}${url.hostname}:${port}` };
}

/** "Li Na <li.na@example.com>", '"Li Na" <li.na@example.com>' or a bare address. */
export function parseSender(raw: string, field = 'CRM_MAIL_FROM'): Address {
  const m = /^\s*(.*?)\s*<([^<>]*)>\s*$/.exec(raw);
  if (!m) return { name: null, address: parseEmail(raw, field) };
  const name = parseText(m[1].replace(/^"(.*)"$/, '$1'), field, { multiline: false }).trim();
  return { name: name || null, address: parseEmail(m[2], field) };
}

/** The sender's name for "{sender}" in templates: the display name, else the address. */
export function senderName(from: Address): string {
  return from.name ?? from.address;
}

export function mailConfig(env: NodeJS.ProcessEnv, opts: { to?: string }, { needServer }: { needServer: boolean }): MailConfig {
  let server: SmtpServer | null = null;
  if (env.CRM_SMTP_URL) server = parseSmtpUrl(env.CRM_SMTP_URL, env.CRM_SMTP_PASSWORD);
  else if (needServer) {
    throw new UsageError(t('CRM_SMTP_URL is not set: set it like smtp://user@mail.example.com:587 or smtps://user@mail.example.com:465 (the password goes in CRM_SMTP_PASSWORD)'));
  }
  if (!env.CRM_MAIL_FROM) throw new UsageError(t('CRM_MAIL_FROM is not set: set it to the sender, like "Li Na <li.na@example.com>"'));
  const from = parseSender(env.CRM_MAIL_FROM);
  const to = opts.to !== undefined ? parseEmail(opts.to, '--to') : env.CRM_MAIL_TO ? parseEmail(env.CRM_MAIL_TO, 'CRM_MAIL_TO') : undefined;
  if (!to) throw new UsageError(t('no recipient for the digest: pass --to ADDRESS or set CRM_MAIL_TO'));
  return { server, from, to };
}
