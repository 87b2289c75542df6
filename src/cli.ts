/**
 * The entry: global options, command registration, and the one place that turns errors into exit
 * codes and `crm: ...` lines. Command modules register cheaply; what they need to run (the store,
 * the calendar, prompts, mail) is loaded only when they run.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrmError, UsageError } from './errors.js';
import { localTimestamp, localToday } from './domain/dates.js';
import { parseDate } from './domain/parse.js';
import type { Deps } from './deps.js';
import type { MailerFactory } from './mail/mailer.js';
import type { Store } from './store/index.js';
import { colorLevel, makeColor, type Io } from './ui/io.js';
import { inquirerPrompter, type Prompter } from './ui/prompter.js';
import { defaultDbPath } from './store/paths.js';
import { commandNamed, loadCommands, type Register } from './commands/index.js';
import { detectLang, setLanguage, t } from './i18n.js';

export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stdinIsTTY?: boolean;
  columns?: number;
  now?: Date;
  /** Tests answer questions with a scripted prompter; otherwise inquirer asks on the terminal. */
  prompter?: Prompter;
  mailer?: MailerFactory;
}

export type RunCommand = (fn: (deps: Deps) => unknown) => Promise<void>;

interface GlobalOptions {
  db?: string;
  today?: string;
  json?: boolean;
  color?: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** The section titles commander writes in every help text. */
function helpTitle(title: string): string {
  const titles: Record<string, string> = {
    'Usage:': t('Usage:'),
    'Arguments:': t('Arguments:'),
    'Options:': t('Options:'),
    // i18n-ignore: commander's own title, matched here to be translated
    'Global Options:': t('Global Options:'),
    'Commands:': t('Commands:'),
  };
  return titles[title] ?? title;
}

/** Commander's own error messages, in the language in force and on one line. */
export function commanderMessage(raw: string): string {
  const msg = raw.trim().replace(/^error: /, '');
  const hint = /\n\(Did you mean (.+)\?\)$/.exec(msg);
  const first = msg.split('\n')[0];
  const suggestion = hint ? ' ' + t('(did you mean {suggestion}?)', { suggestion: hint[1] }) : '';
  let m: RegExpExecArray | null;
  let text = first;
  if ((m = /^unknown option '(.+)'$/.exec(first))) text = t("unknown option '{option}'", { option: m[1] });
  else if ((m = /^unknown command '(.+)'$/.exec(first))) text = t("unknown command '{command}'", { command: m[1] });
  else if ((m = /^missing required argument '(.+)'$/.exec(first))) text = t("missing required argument '{argument}'", { argument: m[1] });
  else if ((m = /^required option '(.+)' not specified$/.exec(first))) text = t("required option '{option}' not specified", { option: m[1] });
  else if ((m = /^option '(.+)' argument missing$/.exec(first))) text = t("option '{option}' needs a value", { option: m[1] });
  else if ((m = /^too many arguments.*Expected (\d+) arguments? but got (\d+)\.$/.exec(first))) {
    text = t('too many arguments: expected {expected}, got {got}', { expected: m[1], got: m[2] });
  }
  return t('{message}{suggestion} (see --help)', { message: text, suggestion });
}

export function buildProgram(write: { out: (s: string) => void; err: (s: string) => void }, run: RunCommand, commands: Register[]): Command {
  const program = new Command('crm')
    .description(t('Follow-up planner for salespeople: after every close, no contact forgotten, no complaint half-handled.'))
    .version(VERSION, '-V, --version', t('print the version number'))
    .helpOption('-h, --help', t('show help for the command'))
    .helpCommand('help [command]', t('show help for a command'))
    .configureHelp({ styleTitle: helpTitle })
    .option('--db <path>', t('the SQLite file (env: CRM_DB; default: $XDG_DATA_HOME/crm/crm.db)'))
    .option('--today <YYYY-MM-DD>', t('the date to treat as today (env: CRM_TODAY; default: the local date)'))
    .option('--json', t('print one JSON document on stdout'))
    .option('--lang <lang>', t('en or zh (env: CRM_LANG; default: from LC_ALL, LC_MESSAGES or LANG)'))
    .option('--no-color', t('no colour, even on a terminal'))
    .exitOverride()
    .configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      // One line, as every crm error: commander's message plus where help is.
      outputError: (str, w) => w(`crm: ${commanderMessage(str)}\n`),
    });
  program.addHelpText(
    'after',
    t('\nExamples:\n  $ crm demo\n  $ crm customer add "王芳" --phone "+86 138 0013 8000" --birthday 03-15\n  $ crm today --days 14'),
  );
  for (const register of commands) register(program, run);
  return program;
}

function todayFrom(opts: GlobalOptions, env: NodeJS.ProcessEnv, now: Date): string {
  if (opts.today !== undefined) return parseDate(opts.today, '--today');
  if (env.CRM_TODAY) return parseDate(env.CRM_TODAY, 'CRM_TODAY');
  return localToday(now);
}

function errorLine(e: unknown, env: NodeJS.ProcessEnv): { line: string; code: number } {
  if (e instanceof CrmError) return { line: e.message, code: e.exitCode };
  const err = e as { name?: string; code?: string; message?: string; stack?: string };
  if (err?.name === 'ExitPromptError') return { line: t('cancelled'), code: 130 };
  if (err?.code === 'SQLITE_BUSY' || err?.code === 'SQLITE_LOCKED') {
    return { line: t('the database is busy (another crm is writing); try again in a moment'), code: 1 };
  }
  if (err?.code === 'SQLITE_FULL' || err?.code === 'ENOSPC') return { line: t('the disk is full; free some space and try again'), code: 1 };
  if (err?.code?.startsWith('SQLITE_CORRUPT')) return { line: t('the database file is damaged; run crm doctor for what to do'), code: 1 };
  const message = err?.message ?? String(e);
  if (env.CRM_DEBUG === '1') return { line: `${t('internal error: {message}', { message })}\n${err?.stack ?? ''}`, code: 1 };
  return { line: t('internal error: {message} (run with CRM_DEBUG=1 for details)', { message }), code: 1 };
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  if (!options.stdout) {
    // `crm today | head` closes the pipe early: that is the reader's choice, not an error.
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const out = options.stdout ?? ((s: string) => void process.stdout.write(s));
  const err = options.stderr ?? ((s: string) => void process.stderr.write(s));
  const stdoutIsTTY = options.stdoutIsTTY ?? Boolean(process.stdout.isTTY);
  let store: Store | undefined;
  let prompter = options.prompter;

  const run: RunCommand = async (fn) => {
    const opts = program.opts<GlobalOptions>();
    const json = Boolean(opts.json);
    const io: Io = {
      stdout: out,
      stderr: err,
      isTTY: stdoutIsTTY && !json,
      // The terminal's width only when writing to it: an injected stdout (tests) is no terminal of ours.
      columns: options.columns ?? (options.stdout ? undefined : process.stdout.columns),
      stderrIsTTY: options.stderrIsTTY ?? Boolean(process.stderr.isTTY),
      stdinIsTTY: options.stdinIsTTY ?? Boolean(process.stdin.isTTY),
      json,
      color: makeColor(colorLevel({ isTTY: stdoutIsTTY, json, noColorFlag: opts.color === false, env })),
    };
    const clock = options.now ?? new Date();
    const today = todayFrom(opts, env, clock);
    // --db "" (a variable that was never set) must not quietly mean CRM_DB or the default file.
    if (opts.db !== undefined && opts.db.trim() === '') throw new UsageError(t('--db must name a file (got "")'));
    const dbPath = resolve(opts.db || env.CRM_DB || defaultDbPath(env));
    const { openStore } = await import('./store/index.js');
    const deps: Deps = {
      io,
      today,
      now: localTimestamp(clock),
      clock,
      dbPath,
      env,
      mailer: options.mailer,
      get store() {
        store ??= openStore(dbPath);
        return store;
      },
      get prompter() {
        prompter ??= inquirerPrompter({ color: io.color });
        return prompter;
      },
    };
    await fn(deps);
  };

  // The language first: help texts are written as the program is built.
  const langArg = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = langArg < 0 ? undefined : argv[langArg].includes('=') ? argv[langArg].split('=')[1] : argv[langArg + 1];
  const { lang, bad } = detectLang(flag, env);
  setLanguage(lang);
  if (bad) {
    err(`crm: ${bad}\n`);
    return 2;
  }
  const program = buildProgram({ out, err }, run, await loadCommands(commandNamed(argv.slice(2))));
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed help, the version or its one-line error.
      return e.exitCode === 0 ? 0 : 2;
    }
    const { line, code } = errorLine(e, env);
    err(`crm: ${line}\n`);
    return code;
  } finally {
    store?.close();
  }
}
