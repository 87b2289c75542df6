/** Running crm in-process (fast, injected today and env) and as a real child process. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, expect } from 'vitest';
import Database from 'better-sqlite3';
import { main } from '../../src/cli.js';
import type { Prompter } from '../../src/ui/prompter.js';
import type { MailerFactory } from '../../src/mail/mailer.js';

export const BIN = fileURLToPath(new URL('../../bin/crm.js', import.meta.url));

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh directory under the system temp dir; never the real home. */
export function tempDir(prefix = 'crm-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An environment with HOME and XDG pointed at `dir`, so nothing can touch the real home. */
export function isolatedEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg'), TZ: 'UTC', LANG: 'C.UTF-8', ...extra };
}

export interface CrmRunner {
  (...args: string[]): Promise<Result>;
  db: string;
  dir: string;
}

export interface CrmInOptions {
  today?: string;
  tty?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Answers the questions; stdin counts as a terminal when one is given. */
  prompter?: Prompter;
  now?: Date;
  mailer?: MailerFactory;
  /** The terminal's width (with tty): tables fit it. Unset, the width is unknown. */
  columns?: number;
}

/**
 * A new temporary directory for every test of the file, with an in-process crm in it and the
 * isolated environment (CRM_TODAY set) a child-process crm runs with, handed to `use` before each
 * test and removed after it: `eachInTempDir((t) => ({ dir, crm } = t));`
 */
export function eachInTempDir(use: (t: { dir: string; crm: CrmRunner; env: NodeJS.ProcessEnv }) => void, options: CrmInOptions = {}): void {
  let cleanup = () => {};
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    use({ dir: t.dir, crm: crmIn(t.dir, options), env: isolatedEnv(t.dir, { CRM_TODAY: options.today ?? '2026-03-02' }) });
  });
  afterEach(() => cleanup());
}

/** In-process crm against one database file, with a fixed today. */
export function crmIn(dir: string, { today = '2026-03-02', tty = false, env = {}, prompter, now, mailer, columns }: CrmInOptions = {}): CrmRunner {
  const db = join(dir, 'crm.db');
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'crm', '--db', db, '--today', today, ...args], {
      env: isolatedEnv(dir, env),
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      stdoutIsTTY: tty,
      stdinIsTTY: prompter !== undefined,
      prompter,
      now,
      mailer,
      columns,
    });
    return { code, stdout, stderr };
  };
  return Object.assign(run, { db, dir });
}

/** Bad input (shared/CLI.md): exit 2, one `crm: ` line matching `message`, nothing on stdout, the database byte for byte as it was. */
export async function expectRefused(crm: CrmRunner, args: string[], message: RegExp): Promise<void> {
  const before = readFileSync(crm.db);
  const r = await crm(...args);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stdout).toBe('');
  expect(readFileSync(crm.db).equals(before)).toBe(true);
}

/** The real binary as a child process, as a user or cron would run it. */
export function spawnCrm(args: string[], { env = {} as NodeJS.ProcessEnv, input }: { env?: NodeJS.ProcessEnv; input?: string } = {}): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input: input ?? '', encoding: 'utf8', timeout: 20_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The real binary without blocking this process: needed when the test itself serves the child,
 * as an in-process SMTP server does.
 */
export function spawnCrmAsync(args: string[], { env = {} as NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The rows of a query, read straight from a crm database file (read-only). */
export function queryDb(db: string, sql: string): Record<string, unknown>[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    d.close();
  }
}

/** Changes a database file behind crm's back: to make one as an older crm left it. */
export function alterDb(db: string, sql: string): void {
  const d = new Database(db);
  try {
    d.exec(sql);
  } finally {
    d.close();
  }
}

/** A database's indexes as created (name and SQL): what an import must leave as it found them. */
export const indexesOf = (db: string) => queryDb(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name");
