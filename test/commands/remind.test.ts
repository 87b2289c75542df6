/** `crm remind` in-process, with a fake mailer: the digest, the plan, the rules of who gets what. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import type { MailerFactory } from '../../src/mail/mailer.js';
import { MAX_ATTEMPTS } from '../../src/commands/remind-send.js';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { MAIL_ENV, fakeMailer } from '../support/fake-mailer.js';

let dir: string;
let cleanup: () => void;
let crm: CrmRunner;

function mailing(mailer: MailerFactory, today = '2026-03-02', env: NodeJS.ProcessEnv = MAIL_ENV): CrmRunner {
  return crmIn(dir, { today, env, mailer });
}

const json = (r: { stdout: string }) => JSON.parse(r.stdout);

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir);
  await crm('customer', 'add', 'Anna Müller', '--email', 'anna@example.de', '--channel', 'email');
  await crm('add-sale', '--customer', 'Anna', '--product', 'Espresso machine', '--amount', '1200');
});
afterEach(() => cleanup());

describe('crm remind', () => {
  it('prints the digest as plain text, and as JSON', async () => {
    const r = await crm('remind');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      'Follow-ups for Mon 2026-03-02: 1 due\n\nDue today (1)\n' +
        '- #1 Anna Müller: Send Anna Müller a handwritten thank-you note for buying Espresso machine [note] anna@example.de\n' +
        '  crm emails this to anna@example.de today\n\n' +
        'Close a follow-up with crm done ID, move it with crm snooze ID, drop it with crm skip ID --reason TEXT.\n',
    );
    expect(json(await crm('--json', 'remind'))).toEqual({
      date: '2026-03-02',
      digest: { subject: 'Follow-ups for Mon 2026-03-02: 1 due', text: r.stdout },
      customerEmails: [{ reminderId: 1, customerId: 1, to: 'anna@example.de', subject: 'Thank you, Anna Müller' }],
    });
    const empty = tempDir();
    const quiet = await crmIn(empty.dir, { today: '2026-03-05' })('remind');
    empty.cleanup();
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: 'Nothing overdue, nothing due, no complaint answer promised on Thu 2026-03-05.\n' });
  });

  it('--dry-run shows who would get what, needs no mail server, sends nothing and changes nothing', async () => {
    const mailer = fakeMailer();
    const before = readFileSync(crm.db);
    const { CRM_SMTP_URL: _url, ...noServer } = MAIL_ENV;
    const r = await mailing(mailer.factory, '2026-03-02', noServer)('remind', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Dry run: nothing is sent and nothing changes.\n');
    expect(r.stdout).toContain('would-send\tdigest\tboss@example.com\tFollow-ups for Mon 2026-03-02: 1 due\n');
    expect(r.stdout).toContain('would-send\tfollow-up 1\tanna@example.de\tThank you, Anna Müller\n');
    expect(r.stdout).toContain('To: Anna Müller <anna@example.de>\nSubject: Thank you, Anna Müller\n\nDear Anna Müller,\n');
    expect(mailer.sent).toEqual([]);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it.each([
    [{ CRM_SMTP_URL: '' }, [], /^crm: CRM_SMTP_URL is not set: set it like smtp:\/\/user@mail\.example\.com:587/],
    [{ CRM_SMTP_URL: 'http://mail.example.com' }, [], /^crm: CRM_SMTP_URL must be like smtp:\/\/user@mail\.example\.com:587 or smtps:\/\/.* \(got "http:\/\/mail\.example\.com"\)/],
    [{ CRM_SMTP_URL: 'smtp://li:hunter2@mail.example.com:99999' }, [], /^crm: CRM_SMTP_URL must be .*\(got "smtp:\/\/li:\*\*\*@mail\.example\.com:99999"\)\n$/],
    [{ CRM_MAIL_FROM: '' }, [], /^crm: CRM_MAIL_FROM is not set: set it to the sender, like "Li Na <li\.na@example\.com>"/],
    [{ CRM_MAIL_FROM: 'Li\r\nBcc: x@example.com <li@example.com>' }, [], /^crm: CRM_MAIL_FROM must be an address like name@example\.com/],
    [{ CRM_MAIL_FROM: 'Li\tNa <li@example.com>' }, [], /^crm: CRM_MAIL_FROM must be one line of text/],
    [{ CRM_MAIL_TO: '' }, [], /^crm: no recipient for the digest: pass --to ADDRESS or set CRM_MAIL_TO/],
    [{ CRM_MAIL_TO: 'boss@example' }, [], /^crm: CRM_MAIL_TO must be an address like name@example\.com \(got "boss@example"\)/],
    [{}, ['--to', 'a@example.com\r\nBcc: c@example.com'], /^crm: --to must be an address like name@example\.com/],
  ])('mail settings %j %j are exit 2 naming the variable, with nothing sent or changed', async (env, args, message) => {
    const mailer = fakeMailer();
    const before = readFileSync(crm.db);
    const r = await mailing(mailer.factory, '2026-03-02', { ...MAIL_ENV, ...env })('remind', '--email', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('hunter2');
    expect(mailer.sent).toEqual([]);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it.each([
    [['--retry-unknown'], /--retry-unknown goes with --email/],
    [['--email', '--dry-run', '--forget-unknown'], /--forget-unknown goes with --email \(and not --dry-run\)/],
    [['--email', '--retry-unknown', '--forget-unknown'], /contradict each other/],
    [['--to', 'a@example.com'], /--to goes with --email or --dry-run/],
  ])('%j is exit 2', async (args, message) => {
    const r = await mailing(fakeMailer().factory)('remind', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('mails no customer who is do-not-contact or prefers another channel; only the latter stays in the digest', async () => {
    await crm('customer', 'add', 'Carl', '--email', 'carl@example.com', '--channel', 'email');
    await crm('customer', 'add', 'Dora', '--email', 'dora@example.com', '--channel', 'phone', '--phone', '555 0101');
    await crm('add-sale', '--customer', 'Carl', '--product', 'Kettle', '--amount', '10');
    await crm('add-sale', '--customer', 'Dora', '--product', 'Kettle', '--amount', '10');
    await crm('customer', 'edit', 'Carl', '--do-not-contact');
    await crm('customer', 'edit', 'Anna', '--channel', 'phone');
    const mailer = fakeMailer();
    const r = await mailing(mailer.factory)('--json', 'remind', '--email');
    expect(r.code).toBe(0);
    expect(mailer.sent.map((m) => m.to.address)).toEqual(['boss@example.com']);
    expect(json(r)).toMatchObject({ digest: { status: 'sent', subject: 'Follow-ups for Mon 2026-03-02: 2 due' }, customerEmails: [] });
    expect(mailer.sent[0].text).toMatch(/Dora: Send Dora a handwritten thank-you note/);
    // Do-not-contact skipped Carl's follow-ups when it was set: nothing of his is left to do.
    expect(mailer.sent[0].text).not.toMatch(/Carl/);
  });

  it('sends at most one customer email per customer a day; the next waits for the next day', async () => {
    await crm('customer', 'add', 'Eva', '--email', 'eva@example.com', '--channel', 'email', '--birthday', '03-02');
    await crm('add-sale', '--customer', 'Eva', '--product', 'Teapot', '--amount', '40');
    const mailer = fakeMailer();
    expect((await mailing(mailer.factory)('remind', '--email')).code).toBe(0);
    const toEva = () => mailer.sent.filter((m) => m.to.address === 'eva@example.com').map((m) => m.subject);
    expect(toEva()).toEqual(['Thank you, Eva']);
    expect((await mailing(mailer.factory)('remind', '--email')).code).toBe(0);
    expect(toEva()).toEqual(['Thank you, Eva']);
    expect((await mailing(mailer.factory, '2026-03-03')('remind', '--email')).code).toBe(0);
    expect(toEva()).toEqual(['Thank you, Eva', 'Happy birthday, Eva!']);
    // The birthday greeting went out, so next year's is planned.
    const store = openStore(crm.db);
    expect(store.reminders.forCustomer(2).filter((r) => r.rule === 'birthday').map((r) => [r.due, r.state])).toEqual([
      ['2026-03-02', 'done'],
      ['2027-03-02', 'open'],
    ]);
    store.close();
  });

  it(`gives a refused mail up after ${MAX_ATTEMPTS} attempts and leaves its follow-up on the agenda`, async () => {
    const mailer = fakeMailer((m) => (m.to.address === 'anna@example.de' ? { status: 'rejected', error: '550 no such user', permanent: true } : { status: 'sent', messageId: null }));
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await mailing(mailer.factory)('remind', '--email');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(i < MAX_ATTEMPTS ? /it stays pending for the next run\n$/ : /given up after 5 attempts\n$/);
    }
    const after = await mailing(mailer.factory)('--json', 'remind', '--email');
    expect(after.code).toBe(0);
    expect(mailer.sent.filter((m) => m.to.address === 'anna@example.de')).toHaveLength(MAX_ATTEMPTS);
    expect(json(await crm('--json', 'today', '--days', '0')).due.map((d: { id: number }) => d.id)).toEqual([1]);
  });

  it('counts only refusals of a mail toward giving it up, never a server that could not be reached', async () => {
    const down = fakeMailer(() => ({ status: 'unreachable', error: 'connect ECONNREFUSED' }));
    for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await mailing(down.factory)('remind', '--email')).code).toBe(1);
    // The digest is the first mail of each run, the one a failed connection used to be counted against.
    const refusing = fakeMailer((m) => (m.to.address === 'boss@example.com' ? { status: 'rejected', error: '450 mailbox busy', permanent: false } : { status: 'sent', messageId: null }));
    const r = await mailing(refusing.factory)('remind', '--email');
    expect(r.stderr).toMatch(/it stays pending for the next run\n$/);
    const store = openStore(crm.db);
    expect(store.outbox.digestFor('boss@example.com', '2026-03-02')).toMatchObject({ state: 'pending', attempts: 1 });
    store.close();
  });

  it('does not send a queued mail whose follow-up was closed by hand in the meantime', async () => {
    const down = fakeMailer(() => ({ status: 'unreachable', error: 'connect ECONNREFUSED' }));
    expect((await mailing(down.factory)('remind', '--email')).code).toBe(1);
    await crm('done', '1', '--note', 'phoned instead');
    const up = fakeMailer();
    const r = await mailing(up.factory)('remind', '--email');
    expect(r).toMatchObject({ code: 0, stderr: 'Nothing due on 2026-03-02: no digest was sent.\n' });
    expect(up.sent).toEqual([]);
    const store = openStore(crm.db);
    expect(store.outbox.forReminder(1, 'anna@example.de')).toMatchObject({ state: 'failed', lastError: 'not sent: the follow-up is done' });
    store.close();
  });

  it('does not send a queued mail whose follow-up is now more than 3 days late: it is given up with the reason and stays on the agenda, in the dry run too', async () => {
    const down = fakeMailer(() => ({ status: 'unreachable', error: 'connect ECONNREFUSED' }));
    expect((await mailing(down.factory)('remind', '--email')).code).toBe(1);
    const up = fakeMailer();
    const dry = await mailing(up.factory, '2026-03-06')('--json', 'remind', '--dry-run');
    expect(json(dry).customerEmails).toEqual([expect.objectContaining({ reminderId: 1, status: 'failed', error: expect.stringMatching(/more than 3 days late/) })]);
    const r = await mailing(up.factory, '2026-03-06')('--json', 'remind', '--email');
    expect(r.code).toBe(0);
    expect(up.sent.map((m) => m.to.address)).toEqual(['boss@example.com']);
    expect(json(r).customerEmails).toEqual([expect.objectContaining({ reminderId: 1, status: 'failed' })]);
    const store = openStore(crm.db);
    expect(store.outbox.forReminder(1, 'anna@example.de')).toMatchObject({
      state: 'failed', lastError: 'not sent: the follow-up is more than 3 days late (due 2026-03-02); it stays on your agenda',
    });
    store.close();
    expect(json(await crmIn(dir, { today: '2026-03-06' })('--json', 'today', '--days', '0')).overdue.map((d: { id: number }) => d.id)).toContain(1);
  });

  it('does not send a queued mail whose follow-up was moved to a later day; it goes when due', async () => {
    const down = fakeMailer(() => ({ status: 'unreachable', error: 'connect ECONNREFUSED' }));
    expect((await mailing(down.factory)('remind', '--email')).code).toBe(1);
    expect((await crmIn(dir, { today: '2026-03-03' })('snooze', '1', '--to', '2026-03-10')).code).toBe(0);
    const up = fakeMailer();
    const dry = await mailing(up.factory, '2026-03-03')('--json', 'remind', '--dry-run');
    expect(json(dry).customerEmails).toEqual([]);
    const r = await mailing(up.factory, '2026-03-03')('remind', '--email');
    expect(r.code).toBe(0);
    expect(up.sent.filter((m) => m.to.address === 'anna@example.de')).toEqual([]);
    expect(json(await crmIn(dir, { today: '2026-03-10' })('--json', 'today', '--days', '0')).due.map((d: { id: number }) => d.id)).toContain(1);
    const due = await mailing(up.factory, '2026-03-10')('--json', 'remind', '--email');
    expect(due.code).toBe(0);
    expect(json(due).customerEmails).toEqual([expect.objectContaining({ reminderId: 1, status: 'sent' })]);
  });

  it('reports a mail left "sending" by a crashed run, does not resend it, and --retry-unknown or --forget-unknown settle it', async () => {
    const lost = fakeMailer((m) => (m.to.address === 'anna@example.de' ? { status: 'unknown', error: 'Connection closed unexpectedly' } : { status: 'sent', messageId: null }));
    const first = await mailing(lost.factory)('remind', '--email');
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/lost the connection after the mail to anna@example\.de was handed over \(Connection closed unexpectedly\); it may have arrived/);
    const quiet = fakeMailer();
    const second = await mailing(quiet.factory)('--json', 'remind', '--email');
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/^warning: 1 mail\(s\) of unknown outcome from an earlier run: anna@example\.de "Thank you, Anna Müller" \(2026-03-02\)/);
    expect(json(second).unknown).toEqual([expect.objectContaining({ reminderId: 1, to: 'anna@example.de', error: 'Connection closed unexpectedly' })]);
    expect(quiet.sent).toEqual([]);
    const forgot = await mailing(quiet.factory)('remind', '--email', '--forget-unknown');
    expect(forgot).toMatchObject({ code: 0, stderr: '' });
    expect(quiet.sent).toEqual([]);
    expect(json(await mailing(quiet.factory)('--json', 'remind', '--email')).unknown).toEqual([]);
  });

  it('a run that dies before handing a mail over leaves no mail of unknown outcome; one that dies after it leaves just that one', async () => {
    await crm('customer', 'add', 'Carl', '--email', 'carl@example.com', '--channel', 'email');
    await crm('add-sale', '--customer', 'Carl', '--product', 'Kettle', '--amount', '10');
    // The run dies (kill -9, a busy database) while connecting for Anna's mail: nothing was handed over.
    const dying: MailerFactory = async () => ({
      send: async (m, handOver) => {
        if (m.to.address === 'anna@example.de') throw new Error('killed');
        handOver?.();
        return { status: 'sent', messageId: null };
      },
    });
    expect((await mailing(dying)('remind', '--email')).code).not.toBe(0);
    const up = fakeMailer();
    const next = await mailing(up.factory)('--json', 'remind', '--email');
    expect(next).toMatchObject({ code: 0, stderr: '' });
    expect(json(next).unknown).toEqual([]);
    expect(up.sent.map((m) => m.to.address).sort()).toEqual(['anna@example.de', 'carl@example.com']);

    // Dying right after the hand-over: that mail may have arrived, and only that one is reported.
    const handedThenDied: MailerFactory = async () => ({
      send: async (_m, handOver) => {
        handOver?.();
        throw new Error('killed');
      },
    });
    expect((await mailing(handedThenDied, '2026-03-03')('remind', '--email')).code).not.toBe(0);
    const after = await mailing(up.factory, '2026-03-03')('--json', 'remind', '--email');
    expect(json(after).unknown).toHaveLength(1);
    expect(json(after).unknown[0].kind).toBe('digest');
  });

  it('puts the mails back to pending when the mailer cannot even start', async () => {
    const broken: MailerFactory = async () => {
      throw new Error('cannot load nodemailer');
    };
    expect((await mailing(broken)('remind', '--email')).code).toBe(1);
    const mailer = fakeMailer();
    const r = await mailing(mailer.factory)('remind', '--email');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(mailer.sent.map((m) => m.to.address)).toEqual(['boss@example.com', 'anna@example.de']);
  });

  it('--install-cron prints a crontab line with absolute paths, the database and a lock, and installs nothing', async () => {
    const r = await crm('remind', '--install-cron');
    expect(r.code).toBe(0);
    const line = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(line).toMatch(/^30 7 \* \* \* set -a && \. \S+\/crm\/mail\.env && flock -n \S+\/remind\.lock \S+ \S+\/bin\/crm\.js --db \S+ remind --email >> \S+\/remind\.log$/);
    const { line: jsonLine, node, bin, db, lock } = json(await crm('--json', 'remind', '--install-cron'));
    expect(jsonLine).toBe(line);
    for (const p of [node, bin, db, lock]) expect(isAbsolute(p)).toBe(true);
    expect(db).toBe(crm.db);
    expect(lock).toBe(join(dir, 'remind.lock'));
  });

  it('has help with examples and the mail settings', async () => {
    let out = '';
    const { main } = await import('../../src/cli.js');
    await main(['node', 'crm', 'remind', '--help'], { stdout: (s) => void (out += s), env: {} });
    for (const s of ['--email', '--dry-run', '--to', '--retry-unknown', '--forget-unknown', '--install-cron', 'CRM_SMTP_URL', 'CRM_SMTP_PASSWORD', 'Examples:', '$ crm remind --dry-run']) {
      expect(out).toContain(s);
    }
  });
});

describe('names and addresses that end up in mail headers', () => {
  it.each([
    [['customer', 'add', 'Eve\r\nBcc: victim@example.com'], /^crm: name must be one line of text/],
    [['customer', 'add', 'Eve', '--email', 'eve@example.com\r\nBcc: victim@example.com'], /^crm: --email must be an address/],
    [['customer', 'edit', 'Anna', '--name', 'Anna\nBcc: victim@example.com'], /^crm: --name must be one line of text/],
    [['customer', 'edit', 'Anna', '--email', 'anna@example.de\nBcc: victim@example.com'], /^crm: --email must be an address/],
    [['customer', 'edit', 'Anna', '--company', 'Acme\r\nX-Evil: 1'], /^crm: --company must be one line of text/],
  ])('%j is refused with exit 2', async (args, message) => {
    const before = readFileSync(crm.db);
    const r = await crm(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});
