/**
 * What every command's run(options, deps) receives. Production builds it in `src/cli.ts`; tests
 * build it with a temporary store, a fixed day and captured output. Nothing below cli.ts reads the
 * clock, the environment or the real streams directly.
 */
import type { IsoDate } from './domain/dates.js';
import type { MailerFactory } from './mail/mailer.js';
import type { Store } from './store/index.js';
import type { Io } from './ui/io.js';
import type { Prompter } from './ui/prompter.js';

export interface Deps {
  io: Io;
  /** The day the tool treats as today (--today, CRM_TODAY or the local date). */
  today: IsoDate;
  /**
   * The clock, as a local ISO timestamp 'YYYY-MM-DDTHH:MM:SS', for the time of day in records;
   * without it (a Deps built by hand) records carry the day alone.
   */
  now?: string;
  /** The same clock as a moment, for stamps in UTC (a calendar's DTSTAMP). */
  clock?: Date;
  /** Opened on first use, so commands that need no database never open one. */
  readonly store: Store;
  dbPath: string;
  env: NodeJS.ProcessEnv;
  /** Questions for the user; created on first use, so commands that ask nothing never load inquirer. */
  readonly prompter?: Prompter;
  /** Sends mail; the default is the SMTP mailer of src/mail/smtp.ts, loaded only when mail goes out. */
  mailer?: MailerFactory;
}
