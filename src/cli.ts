/**
 * The entry: global options, command registration, and the one place that turns errors into exit
 * codes and `crm: ...` lines. Command modules register cheaply; what they need to run (the store,
 * the calendar, prompts, mail) is loaded only when they run.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrmError } from './errors.js';
import { localToday } from './domain/dates.js';
import { parseDate } from './domain/parse.js';
import type { Deps } from './deps.js';
import type { Store } from './store/index.js';
import { colorLevel, makeColor, type Io } from './ui/io.js';
import { defaultDbPath } from './store/paths.js';
import { COMMANDS } from './commands/index.js';

export interface MainOptions {
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stdinIsTTY?: boolean;
  now?: Date;
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

export function buildProgram(write: { out: (s: string) => void; err: (s: string) => void }, run: RunCommand): Command {
  const program = new Command('crm')
    .description('Follow-up planner for salespeople: after every close, no contact forgotten, no complaint half-handled.')
    .version(VERSION, '-V, --version')
    .option('--db <path>', 'the SQLite file (env: CRM_DB; default: $XDG_DATA_HOME/crm/crm.db)')
    .option('--today <YYYY-MM-DD>', 'the date to treat as today (env: CRM_TODAY; default: the local date)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-color', 'no colour, even on a terminal')
    .exitOverride()
    .configureOutput({
      writeOut: write.out,
      writeErr: write.err,
      // One line, as every crm error: commander's message plus where help is.
      outputError: (str, w) => w(`crm: ${str.trim().replace(/^error: /, '')} (see --help)\n`),
    });
  program.addHelpText(
    'after',
    '\nExamples:\n  $ crm demo\n  $ crm customer add "王芳" --phone "+86 138 0013 8000" --birthday 03-15\n  $ crm today --days 14',
  );
  for (const register of COMMANDS) register(program, run);
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
  if (err?.name === 'ExitPromptError') return { line: 'cancelled', code: 130 };
  if (err?.code === 'SQLITE_BUSY' || err?.code === 'SQLITE_LOCKED') {
    return { line: 'the database is busy (another crm is writing); try again in a moment', code: 1 };
  }
  if (err?.code === 'SQLITE_FULL' || err?.code === 'ENOSPC') return { line: 'the disk is full; free some space and try again', code: 1 };
  if (err?.code?.startsWith('SQLITE_CORRUPT')) return { line: 'the database file is damaged; run crm doctor for what to do', code: 1 };
  const detail = env.CRM_DEBUG === '1' ? `\n${err?.stack ?? String(e)}` : ' (run with CRM_DEBUG=1 for details)';
  return { line: `internal error: ${err?.message ?? String(e)}${detail}`, code: 1 };
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const out = options.stdout ?? ((s: string) => void process.stdout.write(s));
  const err = options.stderr ?? ((s: string) => void process.stderr.write(s));
  const stdoutIsTTY = options.stdoutIsTTY ?? Boolean(process.stdout.isTTY);
  let store: Store | undefined;

  const run: RunCommand = async (fn) => {
    const opts = program.opts<GlobalOptions>();
    const json = Boolean(opts.json);
    const io: Io = {
      stdout: out,
      stderr: err,
      isTTY: stdoutIsTTY && !json,
      stderrIsTTY: options.stderrIsTTY ?? Boolean(process.stderr.isTTY),
      stdinIsTTY: options.stdinIsTTY ?? Boolean(process.stdin.isTTY),
      json,
      color: makeColor(colorLevel({ isTTY: stdoutIsTTY, json, noColorFlag: opts.color === false, env })),
    };
    const today = todayFrom(opts, env, options.now ?? new Date());
    const dbPath = resolve(opts.db || env.CRM_DB || defaultDbPath(env));
    const { openStore } = await import('./store/index.js');
    const deps: Deps = {
      io,
      today,
      dbPath,
      env,
      get store() {
        store ??= openStore(dbPath);
        return store;
      },
    };
    await fn(deps);
  };

  const program = buildProgram({ out, err }, run);
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
