/**
 * The only errors commands throw on purpose. `src/cli.ts` is the one place that turns them into an
 * exit code and a single `crm: ...` line on stderr; anything else is a bug and shows a stack trace
 * only under CRM_DEBUG=1.
 */
export class CrmError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad usage or bad input: unknown option, invalid date, unknown customer. Exit 2. */
export class UsageError extends CrmError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The work could not be done: database locked, mail server down, file not writable. Exit 1. */
export class UserError extends CrmError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** The user pressed Ctrl-C; whatever was already answered is kept. Exit 130. */
export class Cancelled extends CrmError {
  constructor(message = 'cancelled') {
    super(message, 130);
  }
}

/** An SQLite error saying the file is damaged, or no database at all: what only a backup mends. */
export function isDatabaseDamage(e: unknown): boolean {
  return /^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown } | null)?.code));
}
