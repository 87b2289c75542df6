/**
 * `crm remind`: the day's digest as text; with --email it goes out by mail together with the
 * customer emails that are due (thank-you notes, cards), each exactly once, for cron.
 * Registering is cheap; the work lives in remind-run.ts and is loaded when the command runs.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';

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
    .description("today's digest (overdue, due, promised complaint answers); --email sends it and the due customer emails, for cron")
    .option('--email', 'send the digest to CRM_MAIL_TO and the due customer emails through CRM_SMTP_URL')
    .option('--dry-run', 'show what --email would send to whom; send nothing, change nothing')
    .option('--to <address>', 'send the digest here instead of CRM_MAIL_TO')
    .option('--retry-unknown', 'send again the mails whose outcome is unknown (the connection was lost after handing them over)')
    .option('--forget-unknown', 'leave the mails of unknown outcome unsent and stop reporting them')
    .option('--install-cron', 'print a crontab line that runs crm remind --email every morning (installs nothing)')
    .addHelpText(
      'after',
      `
Mail settings (environment):
  CRM_SMTP_URL       smtp://user@mail.example.com:587 (STARTTLS when offered) or smtps://user@mail.example.com:465
  CRM_SMTP_PASSWORD  the password (or in the URL); never stored, never printed
  CRM_MAIL_FROM      the sender, e.g. "Li Na <li.na@example.com>"; its name signs customer emails
  CRM_MAIL_TO        where the digest goes

Examples:
  $ crm remind
  $ crm remind --dry-run
  $ CRM_SMTP_URL=smtps://li.na@mail.example.com CRM_MAIL_FROM="Li Na <li.na@example.com>" CRM_MAIL_TO=li.na@example.com crm remind --email
  $ crm remind --install-cron`,
    )
    .action((opts: RemindOptions) => run(async (deps) => (await import('./remind-run.js')).runRemind(opts, deps)));
}
