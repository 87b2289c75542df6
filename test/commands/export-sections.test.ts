/**
 * The sections of a JSON export beyond customers, sales, follow-ups, contacts and complaints: a
 * file written before them still imports, a restore into a database with its own data merges them
 * without overruling it or adding anything twice, and bad values are refused before anything is written.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, eachInTempDir, type CrmRunner } from '../support/cli.js';
import { fill, fillEverything } from '../support/everything.js';
import { MAIL_ENV, fakeMailer } from '../support/fake-mailer.js';

let crm: CrmRunner;
let dir: string;
eachInTempDir((t) => ({ dir, crm } = t));

const SECTIONS = ['customerValues', 'classifyRuns', 'flags', 'reviewDecisions', 'surveys', 'playbooks', 'outbox', 'settings'];
const exported = async (run: CrmRunner) => JSON.parse((await run('export')).stdout);

describe('a JSON export written before the value, playbook, settings and outbox sections', () => {
  it('still imports into an empty database, with nothing of those sections', async () => {
    await fill(crm);
    const doc = await exported(crm);
    const old = Object.fromEntries(Object.entries(doc).filter(([k]) => !SECTIONS.includes(k)));
    old.reminders = doc.reminders.map(({ vars: _vars, ...r }: { vars: unknown }) => r);
    expect(Object.keys(old)).toEqual(['version', 'databaseId', 'exportedOn', 'customers', 'sales', 'reminders', 'contacts', 'complaints']);
    writeFileSync(join(dir, 'old.json'), JSON.stringify(old, null, 2));
    const copy = crmIn(join(dir, 'copy'));
    const r = await copy('import', join(dir, 'old.json'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('customers: 3 new');
    expect(r.stdout).not.toContain('also restored');
    const restored = await exported(copy);
    expect(restored).toEqual({
      ...doc,
      reminders: doc.reminders.map((x: object) => ({ ...x, vars: null })),
      customerValues: [], classifyRuns: [], flags: [], reviewDecisions: [], surveys: [], playbooks: [], outbox: [], settings: {},
    });
  });
});

describe('a full JSON export imported into a database with data', () => {
  it('keeps what the database says, adds the rest renumbered, and adds nothing the second time', async () => {
    await fillEverything(crm);
    const file = join(dir, 'backup.json');
    await crm('export', '--out', file);
    const other = crmIn(join(dir, 'other'));
    await other('rules', 'use', 'car-dealer');
    await other('customer', 'add', 'Mia');
    await other('classify', '--set', 'margin=40');
    await other('review', 'decide', 'Mia', '--stop', '--reason', 'rude to staff');
    const r = await other('import', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('customers: 12 new, 1 updated');
    expect(r.stdout).toContain('also restored: 12 customer value(s), 3 classify run(s), 2 flag(s), 1 review decision(s), 1 survey answer(s), 0 playbook version(s), 0 setting(s), 4 outbox mail(s)\n');
    expect(r.stderr).toBe(
      'warning: playbook "mine" from the file was not installed: this database keeps its own (install it with crm rules use FILE)\n' +
        'warning: the classify thresholds from the file were not applied: this database keeps its own (set them with crm classify --set KEY=VALUE)\n',
    );
    const doc = await exported(other);
    const id = (name: string) => doc.customers.find((c: { name: string }) => c.name === name).id;
    expect(doc.playbooks.map((p: { name: string }) => p.name)).toEqual(['car-dealer']);
    expect(doc.settings).toEqual({ 'classify.margin': '40' });
    // Mia's own classification and decision stand; Bob's decision comes from the file.
    expect(doc.customerValues.find((v: { customerId: number }) => v.customerId === id('Mia'))).toMatchObject({ tier: 'new', classifiedOn: '2026-03-02' });
    expect(doc.customerValues.find((v: { customerId: number }) => v.customerId === id('Gina'))).toMatchObject({ tier: 'stream', runTier: 'stream' });
    expect(doc.reviewDecisions.map((d: { customerId: number; reason: string }) => [d.customerId, d.reason])).toEqual([[id('Mia'), 'rude to staff'], [id('Bob'), 'only buys below cost']]);
    expect(doc.flags.map((f: { customerId: number }) => f.customerId)).toEqual([id('Mia'), id('Mia')]);
    expect(doc.classifyRuns.map((run: { id: number; changes: unknown[] }) => [run.id, run.changes.length])).toEqual([[1, 1], [2, 9], [3, 1], [4, 0]]);
    expect(doc.classifyRuns[2].changes).toEqual([expect.objectContaining({ customerId: id('Gina'), tierBefore: 'gold', tierAfter: 'stream' })]);
    const survey = doc.reminders.find((x: { id: number }) => x.id === doc.surveys[0].reminderId);
    expect(survey).toMatchObject({ customerId: id('Nina'), rule: 'loyalty-survey', state: 'done' });
    // The customer emails name this database's follow-ups; the other database's digest is left out.
    expect(doc.outbox.map((m: { recipient: string; state: string }) => [m.recipient, m.state])).toEqual([
      ['anna@example.com', 'sent'], ['ben@example.com', 'sending'], ['cleo@example.com', 'failed'], ['dora@example.com', 'pending'],
    ]);
    for (const m of doc.outbox) {
      const followUp = doc.reminders.find((x: { id: number }) => x.id === m.reminderId);
      expect(followUp).toMatchObject({ customerId: m.customerId, rule: 'thank-you' });
      expect(doc.customers.find((c: { id: number }) => c.id === m.customerId).email).toBe(m.recipient);
    }

    const again = await other('import', file);
    expect(again.stdout).toContain('customers: 0 new, 0 updated, 13 unchanged');
    expect(again.stdout).not.toContain('also restored');
    expect(await exported(other)).toEqual(doc);

    const mailer = fakeMailer();
    await crmIn(other.dir, { env: MAIL_ENV, mailer: mailer.factory })('remind', '--email');
    expect(mailer.sent.map((m) => m.to.address).sort()).toEqual(['boss@example.com', 'dora@example.com']);
  });
});

describe('bad values in those sections', () => {
  const customer = { id: 1, name: 'A', doNotContact: false, tags: [], specialDays: [], createdOn: '2026-01-01', updatedOn: '2026-01-01' };
  const reminder = {
    id: 1, customerId: 1, saleId: null, rule: 'birthday', action: 'card', title: 'Card for A', lesson: null, due: '2026-03-02', state: 'open',
    dedupeKey: 'c1:birthday:2026', closedOn: null, reason: null, createdOn: '2026-01-01', vars: { customer: 'A' },
  };
  const mail = {
    id: 1, kind: 'customer', reminderId: 1, customerId: 1, recipient: 'a@example.com', day: '2026-03-02', subject: 'Hi', state: 'sent', attempts: 1,
    lastError: null, claimedBy: null, claimedOn: null, sentOn: '2026-03-02', messageId: null,
  };
  const digest = { ...mail, kind: 'digest', reminderId: null, customerId: null, recipient: 'me@example.com' };

  it('are all listed with their path and the accepted form, and nothing is written', async () => {
    await crm('customer', 'add', 'Someone');
    const before = readFileSync(crm.db);
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({
      version: 1, customers: [customer], reminders: [reminder, { ...reminder, id: 2, dedupeKey: 'c1:birthday:2027', vars: { customer: 'A', nobody: 'x' } }],
      customerValues: [{ customerId: 1, tier: 'platinum', strategy: null, capable: 'yes' }, { customerId: 9, tier: 'gold' }],
      classifyRuns: [{ id: 1, runOn: '2026-03-02', thresholds: {}, customers: 1, changed: 1, changes: [{ customerId: 1, tierAfter: 'diamond' }] }],
      flags: [{ id: 1, customerId: 1, flag: 'rude', note: 'x', flaggedOn: '2026-03-02' }],
      reviewDecisions: [{ id: 1, customerId: 1, decision: 'maybe', reason: 'x', evidence: [], decidedOn: '2026-03-02' }],
      surveys: [{ id: 1, customerId: 1, reminderId: 9, date: '2026-03-02', why: 'friends' }],
      playbooks: [{ version: 1, name: 'mine', file: null, source: 'version: 1\nname: mine\nrules: []\n', installedOn: '2026-03-02' }],
      outbox: [{ ...mail, state: 'lost' }, { ...digest, id: 2, reminderId: 1 }, { ...digest, id: 3 }, { ...digest, id: 3 }, { ...mail, id: 5 }, { ...mail, id: 6 }],
      settings: { 'classify.margin': 30, 'mail.host': 'x' },
    }));
    const r = await crm('import', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const line of [
      'reminders[1].vars.nobody must be a placeholder, one of customer, company, product, amount, date, delivery, warrantyEnd, useUp, festival, theme, label, referrer, sender, name (got "nobody")',
      'customerValues[0].tier must be one of gold, meteor, stream, burden, new (got "platinum")',
      'customerValues[0].capable must be true or false (got "yes")',
      'customerValues[1].customerId 9 is not a customer in this file',
      'classifyRuns[0].changes[0].tierAfter must be one of gold, meteor, stream, burden, new (got "diamond")',
      'flags[0].flag must be one of abusive, price-only, excessive-demands, picky, troublemaker, harms-others (got "rude")',
      'reviewDecisions[0].decision must be one of keep, stop (got "maybe")',
      'reviewDecisions[0].evidence must be an object {...} (got [])',
      'surveys[0].reminderId 9 is not a follow-up in this file',
      'playbooks[0].source is not a playbook crm rules use accepts (1 problem(s); line 3: rules must be a list with at least one rule)',
      'outbox[0].state must be one of pending, sending, sent, failed (got "lost")',
      'outbox[1].reminderId must be null for a digest (got 1)',
      'outbox[3].id 3 appears twice; ids must be unique',
      'outbox[3] is a second digest to me@example.com for 2026-03-02 (first: outbox[2]); one a day is sent',
      'outbox[5] mails follow-up 1 to a@example.com a second time (first: outbox[4]); a follow-up is mailed once',
      'settings.classify.margin must be a number as text, like "500" (got 30)',
      'settings.mail.host is not a setting crm keeps (known: classify.gold-profit, classify.burden-margin, classify.loyal-repeats, classify.lapse-days, classify.new-days, classify.margin, classify.type1-volume, classify.type3-volume, classify.volume-months)',
    ]) {
      expect(r.stderr).toContain(`${line}\n`);
    }
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('crm: '))).toHaveLength(17);
    expect(r.stderr).toMatch(/^crm: .*bad\.json: 17 errors in \d+ rows; nothing was imported/m);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it('include two mails on their way to one customer at once', async () => {
    const file = join(dir, 'bad.json');
    const second = { ...reminder, id: 2, dedupeKey: 'c1:birthday:2027' };
    writeFileSync(file, JSON.stringify({ version: 1, customers: [customer], reminders: [reminder, second], outbox: [{ ...mail, state: 'pending' }, { ...mail, id: 2, reminderId: 2, state: 'sending' }] }));
    const r = await crm('--json', 'import', file);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors).toEqual([
      { row: 2, column: 'outbox[1]', value: '["active",1]', message: 'outbox[1] is a second mail on its way to customer 1 (first: outbox[0]); one at a time is sent' },
    ]);
  });
});

describe('in Chinese (--lang zh)', () => {
  it('reports the restore and its warnings in Chinese; the --json report is the same in both languages', async () => {
    await fillEverything(crm);
    const file = join(dir, 'backup.json');
    await crm('export', '--out', file);
    const [zh, en] = [await crmIn(join(dir, 'zh'))('--lang', 'zh', '--json', 'import', file), await crmIn(join(dir, 'en'))('--lang', 'en', '--json', 'import', file)];
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(en.stdout);
    expect(JSON.parse(zh.stdout)).toMatchObject({ outbox: { restored: 5, alreadyOnFile: 0 }, playbooks: { restored: 2, alreadyOnFile: 0 } });
    const other = crmIn(join(dir, 'other'));
    await other('rules', 'use', 'car-dealer');
    await other('customer', 'add', 'Someone');
    const r = await other('--lang', 'zh', 'import', file);
    expect(r.stdout).toContain('  另外恢复：客户价值 13 条、分级记录 3 次、标记 2 个、评审决定 2 条、调查回答 1 份、跟进手册 0 个版本、设置 0 项、发件箱邮件 4 封\n');
    expect(r.stderr).toContain('文件中的跟进手册“mine”未安装：本数据库保留自己的手册（如需使用，请用 crm rules use FILE 安装）\n');
  });
});
