/** Import, export, backup and doctor through the real binary, as a new user would run them. */
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eachInTempDir, spawnCrm } from '../support/cli.js';

const GBK = fileURLToPath(new URL('../fixtures/customers-gbk.csv', import.meta.url));
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

let dir: string;
let env: NodeJS.ProcessEnv;
eachInTempDir((t) => ({ dir, env } = t));

describe('bin/crm.js import, export, backup, doctor', () => {
  it('takes a Chinese Excel sheet in, puts the follow-ups in a calendar file, and keeps a checked copy', () => {
    const imported = spawnCrm(['import', GBK], { env });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('(gb18030, 3 rows)');
    const agenda = JSON.parse(spawnCrm(['--json', 'today'], { env }).stdout);
    expect(agenda.due.length + agenda.upcoming.length).toBeGreaterThan(0);

    const ics = join(dir, 'follow-ups.ics');
    expect(spawnCrm(['export', '--out', ics], { env })).toMatchObject({ code: 0, stdout: '' });
    const calendar = readFileSync(ics, 'utf8');
    expect(calendar.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(calendar).toContain('SUMMARY:');
    expect(statSync(ics).mode & 0o777).toBe(0o600);

    const backup = spawnCrm(['backup', join(dir, 'copy.db')], { env });
    expect(backup.code).toBe(0);
    expect(spawnCrm(['--db', join(dir, 'copy.db'), 'customer', 'list'], { env }).stdout).toContain('王芳');
    const doctor = spawnCrm(['doctor'], { env });
    expect(doctor).toMatchObject({ code: 0, stderr: '' });
    expect(doctor.stdout).toContain('OK    integrity   ok');
  });

  it.each(['import', 'export', 'backup', 'doctor'])('%s has help with an example and a README section', (command) => {
    const help = spawnCrm([command, '--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples?:\n {2}\$ crm /);
    expect(README).toContain(`| \`crm ${command}`);
    expect(README).toContain(`\`crm ${command}\``);
  });

  it.each(['import', 'export', 'backup', 'doctor'])('%s --help follows a Chinese locale, the example command unchanged', (command) => {
    const help = spawnCrm([command, '--help'], { env: { ...env, LANG: 'zh_CN.UTF-8' } });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^用法： crm /);
    expect(help.stdout).toMatch(/示例：\n {2}\$ crm /);
  });
});
