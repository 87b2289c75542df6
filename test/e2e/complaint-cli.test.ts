/** `crm complaint` as cron or a script runs it: a child process, stdin piped, no terminal. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN, eachInTempDir, spawnCrm } from '../support/cli.js';

let env: NodeJS.ProcessEnv;
eachInTempDir((t) => ({ env } = t));

const REFUSE_INQUIRER = fileURLToPath(new URL('../support/refuse-inquirer.mjs', import.meta.url));

function crmWithoutInquirer(args: string[]) {
  return spawnSync(process.execPath, ['--import', REFUSE_INQUIRER, BIN, ...args], { env, input: '', encoding: 'utf8', timeout: 20_000 });
}

describe('bin/crm.js complaint, no terminal', () => {
  it('with stdin piped and no flags, exits 2 at once naming the flags, without a stack trace', () => {
    spawnCrm(['customer', 'add', '王芳'], { env });
    for (const args of [['complaint', 'open'], ['complaint', 'open', '--customer', '王芳']]) {
      const r = spawnCrm(args, { env, input: '我要投诉\n' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^crm: complaint open: there is no terminal to ask on, so give (--customer C, )?--words TEXT, --channel CHANNEL, --severity 1-5, --understood yes\|no, --wants TEXT \(see crm complaint open --help\)\n$/);
      expect(r.stdout).toBe('');
    }
  });

  it('records a whole complaint from flags, Chinese words and all', () => {
    spawnCrm(['customer', 'add', '王芳'], { env });
    const r = spawnCrm(['--json', 'complaint', 'open', '--customer', '王芳', '--words', '买了两天就坏了', '--channel', 'wechat', '--severity', '5', '--understood', 'yes', '--wants', '退货'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 1, step: 'analyse', words: '买了两天就坏了', customer: { id: 1, name: '王芳' } });
  });

  it('has help with an example for complaint and every sub-command', () => {
    for (const sub of [[], ['open'], ['resume'], ['step'], ['close'], ['list'], ['show'], ['report']]) {
      const r = spawnCrm(['complaint', ...sub, '--help'], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Example/);
    }
  });

  it('never loads inquirer for commands that ask nothing', () => {
    const control = spawnSync(process.execPath, ['--import', REFUSE_INQUIRER, '--input-type=module', '-e', "await import('@inquirer/prompts')"], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(control.stderr).toContain('inquirer was loaded: @inquirer/prompts');
    for (const args of [['--help'], ['complaint', '--help'], ['customer', 'add', '王芳'], ['complaint', 'list'], ['complaint', 'report']]) {
      const r = crmWithoutInquirer(args);
      expect({ args, code: r.status, stderr: r.stderr }).toMatchObject({ code: 0, stderr: expect.not.stringContaining('inquirer') });
    }
  });
});
