/** The real binary, as a user or cron runs it: a child process, real files, no terminal. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eachInTempDir, spawnCrm } from '../support/cli.js';

let dir: string;
let env: NodeJS.ProcessEnv;
eachInTempDir((t) => ({ dir, env } = t));

describe('bin/crm.js', () => {
  it('adds, lists and shows a customer with a Chinese name in the default XDG database', () => {
    expect(spawnCrm(['customer', 'add', '王芳', '--company', '华星贸易', '--phone', '+86 138 0013 8000'], { env })).toMatchObject({ code: 0 });
    const db = join(dir, 'xdg', 'crm', 'crm.db');
    expect(existsSync(db)).toBe(true);
    expect(statSync(db).mode & 0o777).toBe(0o600);
    const list = spawnCrm(['customer', 'list'], { env });
    expect(list.stdout).toContain('1\t王芳\t华星贸易\t+86 138 0013 8000');
    const show = spawnCrm(['customer', 'show', '王芳'], { env });
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(show.stdout).toContain('王芳  (id 1)');
  });

  it('prints parseable JSON and nothing else on stdout', () => {
    spawnCrm(['customer', 'add', 'Zoë "Z" Ångström 👩‍💼', '--tag', 'vip'], { env });
    const r = spawnCrm(['--json', 'customer', 'list'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ id: 1, name: 'Zoë "Z" Ångström 👩‍💼', tags: ['vip'] })]);
  });

  it('exits 2 on bad input with one line, no stack trace, and the database byte-for-byte unchanged', () => {
    spawnCrm(['customer', 'add', 'Anna'], { env });
    const db = join(dir, 'xdg', 'crm', 'crm.db');
    const before = readFileSync(db);
    for (const args of [['customer', 'add', 'Bob', '--birthday', '2026-02-30'], ['customer', 'edit', 'Anna', '--email', 'a@b'], ['customer', 'nope']]) {
      const r = spawnCrm(args, { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^crm: [^\n]+\n$/);
      expect(r.stderr).not.toContain('    at ');
    }
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('exits 1 naming the path when --db is not usable, and refuses a file that is not a database', () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'keep me');
    const r = spawnCrm(['--db', notes, 'customer', 'list'], { env });
    expect(r).toMatchObject({ code: 1 });
    expect(r.stderr).toMatch(/notes\.txt is not a crm database/);
    expect(readFileSync(notes, 'utf8')).toBe('keep me');
    const r2 = spawnCrm(['--db', join(notes, 'sub', 'crm.db'), 'customer', 'list'], { env });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/^crm: cannot create the database .*notes\.txt\/sub\/crm\.db/);
  });

  it('answers --help and --version with exit 0, and every command has help with an example', () => {
    expect(spawnCrm(['--version'], { env }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const args of [['--help'], ['customer', 'add', '--help'], ['customer', 'list', '--help'], ['demo', '--help']]) {
      const r = spawnCrm(args, { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Example/);
    }
  });
});

describe('bin/crm.js in Chinese (issue 10)', () => {
  it('speaks Chinese under a zh_CN locale, from the built catalogue, with the same --json as in English', () => {
    const zhEnv = { ...env, LANG: 'zh_CN.UTF-8' };
    expect(spawnCrm(['customer', 'add', '王芳'], { env: zhEnv })).toMatchObject({ code: 0, stdout: '已添加客户 1：王芳\n' });
    expect(spawnCrm(['add-sale', '--customer', '王芳', '--product', '滤网', '--amount', '399'], { env: zhEnv }).stderr).toContain('已记录成交 1：王芳，滤网，399，2026-03-02。');
    const today = spawnCrm(['today'], { env: zhEnv });
    expect(today.stdout).toMatch(/^今天到期，2026年3月2日 周一（1）\n编号\t时间\t客户/);
    expect(spawnCrm(['--json', 'today'], { env: zhEnv }).stdout).toBe(spawnCrm(['--json', 'today'], { env }).stdout);
    const help = spawnCrm(['today', '--help'], { env: zhEnv });
    expect(help.stdout).toContain('\n示例：\n  $ crm today\n');
    const bad = spawnCrm(['--lang', 'fr', 'today'], { env: zhEnv });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^crm: --lang must be one of en, zh \(got "fr"\)\n$/);
  });
});

describe('the after-close routine, end to end', () => {
  it('add-sale, then today, then done, through bin/crm.js', () => {
    expect(spawnCrm(['customer', 'add', '王芳', '--phone', '+86 138 0013 8000'], { env }).code).toBe(0);
    const sale = spawnCrm(['--json', 'add-sale', '--customer', '王芳', '--product', '空气净化器', '--amount', '3999'], { env });
    expect(sale.code).toBe(0);
    const { reminders } = JSON.parse(sale.stdout);
    const thanks = reminders.find((r: { rule: string }) => r.rule === 'thank-you');
    const today = JSON.parse(spawnCrm(['--json', 'today'], { env }).stdout);
    expect(today.due.map((r: { id: number }) => r.id)).toEqual([thanks.id]);
    expect(spawnCrm(['done', String(thanks.id), '--note', '送了手写感谢卡'], { env })).toMatchObject({ code: 0, stdout: `Done: ${thanks.title}\n` });
    const after = JSON.parse(spawnCrm(['--json', 'today'], { env }).stdout);
    expect(after.due).toEqual([]);
    expect(after.upcoming[0]).toMatchObject({ rule: 'call-day-2', due: '2026-03-03', customer: { name: '王芳' } });
    const show = spawnCrm(['customer', 'show', '王芳'], { env }).stdout;
    expect(show).toContain('送了手写感谢卡');
  });
});
