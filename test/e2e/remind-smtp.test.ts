/**
 * `crm remind --email` against a real SMTP server on 127.0.0.1: what arrives, exactly once, and
 * what happens when the server is down, refuses a recipient or drops the connection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.js';
import { crmIn, isolatedEnv, spawnCrmAsync, tempDir, type CrmRunner } from '../support/cli.js';
import { deadPort, headerText, startSmtp, type Received, type TestSmtp } from '../support/smtp.js';

let dir: string;
let cleanup: () => void;
let servers: TestSmtp[];
const FROM = 'Li Na <li.na@example.com>';

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  servers = [];
  const crm = crmIn(dir);
  await crm('customer', 'add', 'Anna Müller', '--email', 'anna@example.de', '--channel', 'email');
  await crm('customer', 'add', '王芳', '--email', 'wang@example.cn', '--channel', 'email', '--company', '华星贸易');
  await crm('customer', 'add', 'Bob Smith', '--phone', '555 0100');
  for (const [customer, product] of [['Anna', 'Espresso machine'], ['王芳', '空气净化器 X3'], ['Bob', 'Grinder']]) {
    expect((await crm('add-sale', '--customer', customer, '--product', product, '--amount', '100')).code).toBe(0);
  }
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  cleanup();
});

async function server(behaviour: Parameters<typeof startSmtp>[0] = {}): Promise<TestSmtp> {
  const s = await startSmtp(behaviour);
  servers.push(s);
  return s;
}

function mailEnv(url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { CRM_SMTP_URL: url, CRM_MAIL_FROM: FROM, CRM_MAIL_TO: 'boss@example.com', ...extra };
}

function crmWith(url: string, extra: NodeJS.ProcessEnv = {}, today = '2026-03-02'): CrmRunner {
  return crmIn(dir, { env: mailEnv(url, extra), today });
}

const to = (list: Received[], address: string) => list.filter((m) => m.envelopeTo.includes(address));
const json = (stdout: string) => JSON.parse(stdout);

describe('crm remind --email with a real SMTP server', () => {
  it('delivers the digest and the customer emails with the right subjects and bodies, and a second run sends nothing', async () => {
    const smtp = await server();
    const crm = crmWith(smtp.url);
    const printed = (await crm('remind')).stdout;
    const r = await crm('remind', '--email');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['boss@example.com'], ['anna@example.de'], ['wang@example.cn']]);
    expect(smtp.sessions()).toBe(1);

    const [digest] = to(smtp.received, 'boss@example.com');
    expect(digest.subject).toBe('Follow-ups for Mon 2026-03-02: 3 due');
    expect(digest.text).toBe(printed);
    expect(digest.text).toContain('#1 Anna Müller: Send Anna Müller a handwritten thank-you note for buying Espresso machine');
    expect(digest.text).toContain('crm emails this to anna@example.de today');
    expect(digest.text).toMatch(/#\d+ Bob Smith: Send Bob Smith a handwritten thank-you note for buying Grinder \[note\] 555 0100\n/);
    expect(digest.html).toContain('<b>#1 Anna Müller</b>');
    expect(headerText(digest, 'from')).toBe('Li Na <li.na@example.com>');

    const [wang] = to(smtp.received, 'wang@example.cn');
    expect(wang.subject).toBe('王芳，感谢您的信任');
    expect(headerText(wang, 'to')).toBe('王芳 <wang@example.cn>');
    expect(wang.text).toContain('感谢您选购空气净化器 X3');
    expect(wang.text).toMatch(/Li Na\n\n-- \n您收到这封邮件，是因为您是Li Na的客户。如不希望再收到邮件，请回复“退订”。\n$/);
    expect(wang.headers.get('list-unsubscribe')).toEqual(['<mailto:li.na@example.com?subject=unsubscribe>']);
    expect(to(smtp.received, 'anna@example.de')[0].subject).toBe('Thank you, Anna Müller');

    const again = await crm('--json', 'remind', '--email');
    expect(again.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(json(again.stdout)).toMatchObject({ digest: { status: 'already-sent' }, customerEmails: [], unknown: [] });
    // The emailed thank-you notes are done; the phone customer's stays for the salesperson.
    const due = json((await crm('--json', 'today', '--days', '0')).stdout).due;
    expect(due.map((d: { customer: { name: string } }) => d.customer.name)).toEqual(['Bob Smith']);
  });

  it('with --lang zh the digest arrives in Chinese, its subject encoded for the header; customer emails keep their own language', async () => {
    const smtp = await server();
    const crm = crmWith(smtp.url);
    const printed = (await crm('--lang', 'zh', 'remind')).stdout;
    const r = await crm('--lang', 'zh', 'remind', '--email');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [digest] = to(smtp.received, 'boss@example.com');
    expect(digest.subject).toBe('2026年3月2日 周一 跟进：3 项到期');
    // Raw 8-bit in a header breaks on the way: the subject travels as RFC 2047 encoded-words.
    const rawSubject = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(digest.raw.split('\r\n\r\n')[0])![1];
    expect(rawSubject).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(rawSubject).not.toMatch(/[^\x00-\x7f]/);
    expect(digest.text).toBe(printed);
    expect(digest.text).toContain('今日到期（3）\n- #1 Anna Müller: ');
    expect(digest.text).toContain('crm 今天会发邮件给 wang@example.cn');
    expect(digest.html).toContain('<h2>2026年3月2日 周一 跟进：3 项到期</h2>');
    expect(to(smtp.received, 'anna@example.de')[0].subject).toBe('Thank you, Anna Müller');
    expect(to(smtp.received, 'wang@example.cn')[0].subject).toBe('王芳，感谢您的信任');
  });

  it('two runs at the same moment (cron overlap, two processes) deliver each mail once', async () => {
    const smtp = await server({ delayMs: 150 });
    const env = isolatedEnv(dir, { ...mailEnv(smtp.url), CRM_TODAY: '2026-03-02' });
    const args = ['--db', `${dir}/crm.db`, '--json', 'remind', '--email'];
    const [a, b] = await Promise.all([spawnCrmAsync(args, { env }), spawnCrmAsync(args, { env })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr + b.stderr).toBe('');
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(['anna@example.de', 'boss@example.com', 'wang@example.cn']);
    // Each mail was sent by one of the runs; the other saw it sent or on its way, never unknown.
    const statuses = (r: { stdout: string }) => {
      const { digest, customerEmails } = json(r.stdout);
      return [digest, ...customerEmails].map((m: { status: string }) => m.status);
    };
    const all = [...statuses(a), ...statuses(b)];
    expect(all.filter((s) => s === 'sent')).toHaveLength(3);
    expect(all.every((s) => ['sent', 'in-flight', 'already-sent'].includes(s))).toBe(true);
    expect((await spawnCrmAsync(args, { env })).code).toBe(0);
    expect(smtp.received).toHaveLength(3);
  });

  it('server down: exit 1 with one line naming the server, nothing marked sent, and the next run delivers', async () => {
    const port = await deadPort();
    const down = await crmWith(`smtp://127.0.0.1:${port}`)('--json', 'remind', '--email');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(new RegExp(`^crm: cannot reach the mail server smtp://127\\.0\\.0\\.1:${port} \\(connect ECONNREFUSED[^\\n]*\\); 3 mail\\(s\\) stay pending for the next run\\n$`));
    const report = json(down.stdout);
    expect([report.digest.status, ...report.customerEmails.map((c: { status: string }) => c.status)]).toEqual(['pending', 'pending', 'pending']);

    const smtp = await server();
    const up = await crmWith(smtp.url)('remind', '--email');
    expect(up.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
  });

  it('a refused recipient stays pending with the error while the rest are sent, and goes out on the next run', async () => {
    const picky = await server({ refuseRecipient: (a) => (a === 'anna@example.de' ? 550 : undefined) });
    const r = await crmWith(picky.url)('--json', 'remind', '--email');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^crm: the mail server smtp:\/\/127\.0\.0\.1:\d+ refused the mail to anna@example\.de \(550 no mailbox here for anna@example\.de\); it stays pending for the next run\n$/);
    expect(picky.received.map((m) => m.envelopeTo[0])).toEqual(['boss@example.com', 'wang@example.cn']);
    expect(json(r.stdout).customerEmails).toContainEqual(expect.objectContaining({ to: 'anna@example.de', status: 'pending', error: '550 no mailbox here for anna@example.de' }));

    const smtp = await server();
    expect((await crmWith(smtp.url)('remind', '--email')).code).toBe(0);
    expect(smtp.received.map((m) => m.envelopeTo[0])).toEqual(['anna@example.de']);
  });

  it('a connection lost after the message was handed over is reported, never re-sent on its own, and --retry-unknown sends it', async () => {
    let dropped = false;
    const smtp = await server({ dropAfterData: (rcpt) => rcpt[0] === 'anna@example.de' && !dropped && (dropped = true) });
    const crm = crmWith(smtp.url);
    const first = await crm('remind', '--email');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^crm: the mail server .* lost the connection after the mail to anna@example\.de was handed over .*it may have arrived: check, then run crm remind --email --retry-unknown/);
    expect(first.stderr.trimEnd().split('\n')).toHaveLength(1);

    const second = await crm('--json', 'remind', '--email');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/warning: 1 mail\(s\) of unknown outcome from an earlier run: anna@example\.de "Thank you, Anna Müller"/);
    expect(json(second.stdout).unknown).toEqual([expect.objectContaining({ kind: 'customer', to: 'anna@example.de', reminderId: 1 })]);
    expect(to(smtp.received, 'anna@example.de')).toHaveLength(1);

    const retried = await crm('remind', '--email', '--retry-unknown');
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(to(smtp.received, 'anna@example.de')).toHaveLength(2);
    expect(to(smtp.received, 'wang@example.cn')).toHaveLength(1);
  });

  it('a customer name or address with CR/LF from outside the CLI cannot add a header or a recipient', async () => {
    const store = openStore(`${dir}/crm.db`);
    const [eveId, malloryId] = store.write(() =>
      [['Eve\r\nBcc: victim@example.com', 'eve@example.org'], ['Mallory', 'mallory@example.org\r\nBcc: victim@example.com']].map(([name, email]) =>
        store.customers.insert({
          name, company: null, address: null, phone: null, email, birthday: null, role: null, character: null, hobbies: null,
          family: null, channel: 'email', source: null, credit: null, competitors: null, notes: null, referredBy: null,
          doNotContact: false, tags: [], specialDays: [],
        }, '2026-03-02'),
      ),
    );
    store.close();
    const smtp = await server();
    const crm = crmWith(smtp.url);
    for (const id of [eveId, malloryId]) {
      expect((await crm('add-sale', '--customer', String(id), '--product', 'Kettle', '--amount', '10')).code).toBe(0);
    }
    expect((await crm('remind', '--email')).code).toBe(0);
    expect(to(smtp.received, 'mallory@example.org')).toEqual([]);
    const [eve] = to(smtp.received, 'eve@example.org');
    expect(eve.envelopeTo).toEqual(['eve@example.org']);
    expect(smtp.received.flatMap((m) => m.envelopeTo)).not.toContain('victim@example.com');
    expect(eve.headers.has('bcc')).toBe(false);
    expect(eve.raw.split('\r\n\r\n')[0]).not.toMatch(/^Bcc:/im);
    expect(eve.text).toMatch(/^Dear Eve Bcc: victim@example\.com,\n/);
    expect(headerText(eve, 'to')).toBe('"Eve Bcc: victim@example.com" <eve@example.org>');
  });

  it('logs in with the password from CRM_SMTP_PASSWORD, never printing or storing it', async () => {
    const smtp = await server({ login: { user: 'li.na', pass: 's3cret-pw' } });
    const url = `smtp://li.na@127.0.0.1:${smtp.port}`;
    const wrong = await crmWith(url, { CRM_SMTP_PASSWORD: 'wrong-pw' })('remind', '--email');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^crm: the mail server smtp:\/\/li\.na:\*\*\*@127\.0\.0\.1:\d+ refused the login \(535 Authentication failed\); check the user in CRM_SMTP_URL and CRM_SMTP_PASSWORD/);
    expect(wrong.stdout + wrong.stderr).not.toContain('wrong-pw');
    const right = await crmWith(`smtp://li.na:s3cret-pw@127.0.0.1:${smtp.port}`)('remind', '--email');
    expect(right.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
    expect(right.stdout + right.stderr).not.toContain('s3cret-pw');
    expect(readFileSync(`${dir}/crm.db`).includes('s3cret-pw')).toBe(false);
  });
});
