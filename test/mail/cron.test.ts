import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cronLine, shellQuote } from '../../src/mail/cron.js';

describe('the crontab line', () => {
  it.each([
    ['/home/li/.local/share/crm/crm.db', '/home/li/.local/share/crm/crm.db'],
    ['/home/li/My Files/crm.db', "'/home/li/My Files/crm.db'"],
    ["/tmp/it's/crm.db", "'/tmp/it'\\''s/crm.db'"],
    ['/tmp/$HOME;rm -rf x', "'/tmp/$HOME;rm -rf x'"],
  ])('quotes %j as %s, which the shell reads back unchanged', (path, quoted) => {
    expect(shellQuote(path)).toBe(quoted);
    expect(spawnSync('/bin/sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }).stdout).toBe(path);
  });

  it('runs crm under flock with the database named', () => {
    const line = cronLine({ node: '/usr/bin/node', bin: '/opt/crm/bin/crm.js', db: '/d/crm.db', lock: '/d/remind.lock', log: '/d/remind.log', envFile: '/c/mail.env' });
    expect(line).toBe('30 7 * * * set -a && . /c/mail.env && flock -n /d/remind.lock /usr/bin/node /opt/crm/bin/crm.js --db /d/crm.db remind --email >> /d/remind.log');
  });
});
