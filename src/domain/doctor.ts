/**
 * The judgements of `crm doctor` that need no file or database: is this mail setting usable, is this
 * file mode private, and how to show a password-bearing URL without the password.
 */
import { parseEmail } from './parse.js';
import { maskPassword, parseSender } from '../mail/config.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';

export type Status = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: Status;
  detail: string;
  fix?: string;
}

/** The URL with its password as ***; an unparsable one with everything between : and @ hidden. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return maskPassword(raw);
  }
}

/** Whether `crm remind` would refuse the value: parsed the same way it parses it. */
function refused(value: string, parse: (value: string) => unknown): boolean {
  try {
    parse(value);
    return false;
  } catch (e) {
    if (e instanceof UsageError) return true;
    throw e;
  }
}

/** CRM_SMTP_URL, CRM_MAIL_FROM and CRM_MAIL_TO, as `crm remind --email` reads them. */
export function mailCheck(env: NodeJS.ProcessEnv): Check {
  const url = env.CRM_SMTP_URL?.trim();
  const from = env.CRM_MAIL_FROM?.trim();
  const to = env.CRM_MAIL_TO?.trim();
  const name = 'mail';
  if (!url && !from && !to) {
    return { name, status: 'ok', detail: t('not configured; crm remind --email needs CRM_SMTP_URL, CRM_MAIL_FROM and CRM_MAIL_TO') };
  }
  const unset = t('(unset)');
  const shown = `CRM_SMTP_URL=${url ? maskUrl(url) : unset}, CRM_MAIL_FROM=${from || unset}, CRM_MAIL_TO=${to || unset}`;
  let protocol = '';
  try {
    protocol = url ? new URL(url).protocol : '';
  } catch {
    protocol = 'invalid';
  }
  if (url && protocol !== 'smtp:' && protocol !== 'smtps:') {
    return { name, status: 'fail', detail: shown, fix: t('CRM_SMTP_URL must look like smtp://user:password@smtp.example.com:587 (or smtps:// for port 465)') };
  }
  // The sender may carry a display name ("Li Na <li.na@example.com>"); the digest goes to one address.
  const bad = [from && refused(from, (v) => parseSender(v)) && from, to && refused(to, (v) => parseEmail(v, 'CRM_MAIL_TO')) && to].filter(
    (v): v is string => Boolean(v),
  );
  if (bad.length) {
    return { name, status: 'fail', detail: shown, fix: t('not an address like name@example.com: {addresses}', { addresses: bad.map((a) => JSON.stringify(a)).join(', ') }) };
  }
  const missing = [!url && 'CRM_SMTP_URL', !from && 'CRM_MAIL_FROM', !to && 'CRM_MAIL_TO'].filter((v): v is string => Boolean(v));
  if (missing.length) {
    // Two at most: with all three unset, mail is simply not configured.
    const names = missing.length > 1 ? t('{first} and {second}', { first: missing[0], second: missing[1] }) : missing[0];
    return { name, status: 'warn', detail: shown, fix: t('set {names} too, or crm remind --email cannot send', { names }) };
  }
  return { name, status: 'ok', detail: shown };
}

/** Customer data is personal: the file must not be readable by other users. */
export function permissionCheck(path: string, mode: number): Check | undefined {
  const open = mode & 0o077;
  if (!open) return undefined;
  return {
    name: 'permissions',
    status: 'fail',
    detail: open & 0o022
      ? t('{path} can be changed by other users (mode {mode})', { path, mode: (mode & 0o777).toString(8) })
      : t('{path} can be read by other users (mode {mode})', { path, mode: (mode & 0o777).toString(8) }),
    fix: `chmod 600 ${path}`,
  };
}
