/**
 * The crontab line `crm remind --install-cron` prints (it never installs it): absolute paths, the
 * database named, and flock so that a run still busy when the next starts is simply skipped.
 */
import { t } from '../i18n.js';

export interface CronPaths {
  node: string;
  bin: string;
  db: string;
  lock: string;
  log: string;
  envFile: string;
}

/** Quoted for /bin/sh when it holds anything beyond plain path characters. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'";
}

export function cronLine(p: CronPaths, schedule = '30 7 * * *'): string {
  const q = shellQuote;
  // set -a exports what the env file sets; stdout goes to the log, errors stay for cron to mail.
  // i18n-ignore: a shell command, not prose
  return `${schedule} set -a && . ${q(p.envFile)} && flock -n ${q(p.lock)} ${q(p.node)} ${q(p.bin)} --db ${q(p.db)} remind --email >> ${q(p.log)}`;
}

export function cronInstructions(p: CronPaths): string {
  const how = t(
    '# crm: mail the digest and the due customer emails every morning at 07:30 (edit the time as you like).\n# Put CRM_SMTP_URL, CRM_MAIL_FROM, CRM_MAIL_TO and CRM_SMTP_PASSWORD in {file}\n# (one NAME=value per line, quoted; chmod 600 it), then add the next line with: crontab -e',
    { file: p.envFile },
  );
  return `${how}\n${cronLine(p)}`;
}
