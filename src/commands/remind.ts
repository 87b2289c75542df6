/**
 * `crm remind`: the day's digest as text; with --email it goes out by mail together with the
 * customer emails that are due (thank-you notes, cards), each exactly once, for cron.
 * Registering is cheap; the work lives in remind-run.ts and is loaded when the command runs.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import { t } from '../i18n.js';

export interface RemindOptions {
  email?: boolean;
  dryRun?: boolean;
  to?: string;
  retryUnknown?: boolean;
  forgetUnknown?: boolean;
  installCron?: boolean;
}

export function register(program: Command, run: RunCommand): void {
  program
    .command('remind')
    .description(t("today's digest (overdue, due, promised complaint answers); --email sends it and the due customer emails, for cron"))
    .option('--email', t('send the digest to CRM_MAIL_TO and the due customer emails through CRM_SMTP_URL'))
    .option('--dry-run', t('show what --email would send to whom; send nothing, change nothing'))
    .option('--to <address>', t('send the digest here instead of CRM_MAIL_TO'))
    .option('--retry-unknown', t('send again the mails whose outcome is unknown (the connection was lost after handing them over)'))
    .option('--forget-unknown', t('leave the mails of unknown outcome unsent and stop reporting them'))
    .option('--install-cron', t('print a crontab line that runs crm remind --email every morning (installs nothing)'))
    .addHelpText(
      'after',
      t(
        '\nMail settings (environment):\n  CRM_SMTP_URL       smtp://user@mail.example.com:587 (STARTTLS when offered) or smtps://user@mail.example.com:465\n  CRM_SMTP_PASSWORD  the password (or in the URL); never stored, never printed\n  CRM_MAIL_FROM      the sender, e.g. "Li Na <li.na@example.com>"; its name signs customer emails\n  CRM_MAIL_TO        where the digest goes\n\nExamples:\n  $ crm remind\n  $ crm remind --dry-run\n  $ CRM_SMTP_URL=smtps://li.na@mail.example.com CRM_MAIL_FROM="Li Na <li.na@example.com>" CRM_MAIL_TO=li.na@example.com crm remind --email\n  $ crm remind --install-cron',
      ),
    )
    .action((opts: RemindOptions) => run(async (deps) => (await import('./remind-run.js')).runRemind(opts, deps)));
}
