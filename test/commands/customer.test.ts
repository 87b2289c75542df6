import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { crmIn, expectRefused, queryDb, tempDir, type CrmRunner } from '../support/cli.js';

let crm: CrmRunner;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir);
});
afterEach(() => cleanup());

describe('crm customer', () => {
  it('adds a customer with every field and shows the whole file', async () => {
    await crm('customer', 'add', '李明');
    const add = await crm(
      'customer', 'add', '王芳', '--company', '华星贸易', '--phone', '+86 138 0013 8000', '--email', 'wang@example.cn',
      '--birthday', '03-15', '--special', '05-20 结婚纪念日', '--special', '10-01 公司周年', '--role', 'owner',
      '--channel', 'WeChat', '--referred-by', '李明', '--tag', 'important,VIP', '--notes', '喜欢喝茶', '--hobbies', '登山',
    );
    expect(add).toMatchObject({ code: 0, stdout: 'Added customer 2: 王芳\n' });
    const show = await crm('customer', 'show', '王');
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('王芳  (id 2)');
    expect(show.stdout).toContain('Referred by  李明 (id 1)');
    expect(show.stdout).toContain('Special day  05-20 结婚纪念日');
    expect(show.stdout).toMatch(/Tags\s+important, vip/);
    for (const s of ['Sales', 'Contacts', 'Complaints', 'Next follow-ups']) expect(show.stdout).toContain(s);
    const json = JSON.parse((await crm('--json', 'customer', 'show', '2')).stdout);
    expect(json.customer).toMatchObject({ id: 2, name: '王芳', channel: 'wechat', referredBy: 1, birthday: '03-15' });
    expect(json.customer.specialDays).toHaveLength(2);
    expect(json).toMatchObject({ needsRefresh: false, sales: [], contacts: [], complaints: [], followUps: [] });
  });

  it('splits --tag and refuses a --special label as the import splits a sheet, so the customers sheet imports back the same', async () => {
    await crm('customer', 'add', 'Bob');
    await expectRefused(crm, ['customer', 'add', 'Zed', '--special', '05-20 婚礼; 聚会'], /^crm: --special must be one day and a label without ; \(give each day its own --special\) \(got "05-20 婚礼; 聚会"\)\n$/);
    await expectRefused(crm, ['customer', 'add', 'Zed', '--special', '05-20 婚礼；聚会'], /^crm: --special must be one day and a label without ;/);
    await crm('customer', 'add', 'Zed', '--special', '05-20 婚礼', '--special', '06-01 聚会', '--tag', 'c、d', '--tag', 'a;b，e');
    const sheet = join(crm.dir, 'customers.csv');
    expect((await crm('export', '--format', 'csv', '--what', 'customers', '--out', sheet)).code).toBe(0);
    const other = crmIn(crm.dir);
    const r = await other('--db', join(crm.dir, 'other.db'), 'import', sheet);
    expect(r.code).toBe(0);
    const back = JSON.parse((await other('--db', join(crm.dir, 'other.db'), '--json', 'customer', 'list')).stdout);
    expect(back.filter((c: { name: string }) => c.name === 'Zed')).toMatchObject([{ name: 'Zed', tags: ['a', 'b', 'c', 'd', 'e'], specialDays: [{ day: '05-20', label: '婚礼' }, { day: '06-01', label: '聚会' }] }]);
  });

  it('lists as tab-separated rows when piped, and as JSON', async () => {
    await crm('customer', 'add', 'Zoë Ångström', '--tag', 'vip');
    await crm('customer', 'add', 'Bob');
    const list = await crm('customer', 'list');
    expect(list.stdout.split('\n')[0]).toBe('id\tname\tcompany\tphone\temail\tchannel\ttags');
    expect(list.stdout).not.toMatch(/\x1b\[/);
    expect((await crm('customer', 'list', '--tag', 'vip')).stdout).not.toContain('Bob');
    const arr = JSON.parse((await crm('customer', 'list', '--json')).stdout);
    expect(arr.map((c: { name: string }) => c.name)).toEqual(['Bob', 'Zoë Ångström']);
  });

  it('aligns CJK names in a terminal table', async () => {
    const tty = crmIn(crm.dir, { tty: true });
    await tty('customer', 'add', '王芳');
    await tty('customer', 'add', 'Bob');
    const lines = (await tty('--no-color', 'customer', 'list')).stdout.trimEnd().split('\n');
    const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(new Set(lines.map(width)).size).toBe(1);
  });

  it('edits fields, clears with "", adds and removes tags, and refreshes updated_on', async () => {
    const old = crmIn(crm.dir, { today: '2025-01-01' });
    await old('customer', 'add', 'Anna', '--phone', '555 0100', '--tag', 'a,b');
    expect((await crm('customer', 'show', 'anna')).stdout).toContain('needs refresh: not updated since 2025-01-01');
    const edit = await crm('customer', 'edit', 'Anna', '--phone', '', '--email', 'anna@example.de', '--untag', 'a', '--tag', 'c', '--do-not-contact');
    expect(edit.code).toBe(0);
    const { customer, needsRefresh } = JSON.parse((await crm('--json', 'customer', 'show', 'Anna')).stdout);
    expect(customer).toMatchObject({ phone: null, email: 'anna@example.de', tags: ['b', 'c'], doNotContact: true, updatedOn: '2026-03-02' });
    expect(needsRefresh).toBe(false);
  });

  it('skips the open follow-ups of a customer who asks not to be contacted, keeping them in the history', async () => {
    await crm('customer', 'add', 'Emma');
    await crm('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '89');
    const r = await crm('customer', 'edit', 'Emma', '--do-not-contact');
    expect(r.stderr).toMatch(/^\d+ open follow-up\(s\) of Emma skipped: do not contact\.\n$/);
    const agenda = JSON.parse((await crm('--json', 'today', '--days', '400')).stdout);
    expect([...agenda.due, ...agenda.upcoming]).toEqual([]);
    const { followUps } = JSON.parse((await crm('--json', 'customer', 'show', 'Emma')).stdout);
    expect(followUps).toEqual([]);
  });

  it('resumes the follow-ups of a do-not-contact customer who welcomes contact again, and plans the sales made meanwhile', async () => {
    await crm('customer', 'add', 'Emma');
    await crm('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '89');
    const planned = JSON.parse((await crm('--json', 'customer', 'show', 'Emma')).stdout).followUps;
    await crm('customer', 'edit', 'Emma', '--do-not-contact');
    await crm('add-sale', '--customer', 'Emma', '--product', 'Gloves', '--amount', '30');
    const later = crmIn(crm.dir, { today: '2026-03-10' });
    const r = await later('customer', 'edit', 'Emma', '--contact-ok');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Contact is welcome again: Emma has \d+ follow-up\(s\) to come \([1-9]\d* newly planned\)\.\n$/);
    const { followUps } = JSON.parse((await later('--json', 'customer', 'show', 'Emma')).stdout);
    // What fell due while contact was unwelcome stays skipped; what is still to come is back, and Gloves is planned.
    const helmet = planned.filter((f: { due: string }) => f.due >= '2026-03-10').map((f: { id: number }) => f.id);
    expect(followUps.map((f: { id: number }) => f.id)).toEqual(expect.arrayContaining(helmet));
    expect(followUps.some((f: { title: string }) => f.title.includes('Gloves'))).toBe(true);
    expect(followUps.every((f: { due: string }) => f.due >= '2026-03-10')).toBe(true);
  });

  it('moves a snoozed birthday greeting with the birthday, and drops it with the birthday', async () => {
    await crm('customer', 'add', '张伟', '--birthday', '03-20');
    await crm('add-sale', '--customer', '张伟', '--product', '冰箱', '--amount', '5000');
    const greeting = () => queryDb(crm.db, "SELECT id, due FROM reminders WHERE rule = 'birthday' AND state = 'open'");
    const [{ id }] = greeting();
    await crm('snooze', String(id), '--to', '2026-03-27');
    await crm('customer', 'edit', '张伟', '--tag', 'vip');
    expect(greeting()).toEqual([{ id, due: '2026-03-27' }]);
    await crm('customer', 'edit', '张伟', '--birthday', '05-01');
    expect(greeting()).toEqual([{ id, due: '2026-05-01' }]);
    await crm('snooze', String(id), '--to', '2026-05-04');
    await crm('customer', 'edit', '张伟', '--birthday', '');
    expect(greeting()).toEqual([]);
  });

  it('moves the referrer\'s thanks to the new referrer when --referred-by changes', async () => {
    await crm('customer', 'add', 'Ref1');
    await crm('customer', 'add', 'Ref2');
    await crm('customer', 'add', 'Buyer', '--referred-by', 'Ref1');
    await crm('add-sale', '--customer', 'Buyer', '--product', 'Desk', '--amount', '900');
    await crm('customer', 'edit', 'Buyer', '--referred-by', 'Ref2');
    expect(queryDb(crm.db, "SELECT c.name, r.title FROM reminders r JOIN customers c ON c.id = r.customer_id WHERE r.rule = 'referral-thanks'")).toEqual([
      { name: 'Ref2', title: 'Thank Ref2 (and reward them) for referring Buyer, who bought Desk' },
    ]);
  });

  it('thanks a referrer once: a sale dated before the referred customer\'s first one takes the thanks over', async () => {
    const later = crmIn(crm.dir, { today: '2026-03-10' });
    await later('customer', 'add', '老陈');
    await later('customer', 'add', '小李', '--referred-by', '老陈');
    await later('add-sale', '--customer', '小李', '--product', 'A', '--amount', '100');
    await later('add-sale', '--customer', '小李', '--product', 'C', '--amount', '100', '--date', '2026-03-08');
    expect(queryDb(crm.db, "SELECT title FROM reminders WHERE rule = 'referral-thanks' AND state = 'open'")).toEqual([
      { title: 'Thank 老陈 (and reward them) for referring 小李, who bought C (late: was due 2026-03-08)' },
    ]);
  });

  it('plans a sale made while the customer was do-not-contact as add-sale plans a sale entered late', async () => {
    await crm('customer', 'add', 'Bob');
    await crm('customer', 'edit', 'Bob', '--do-not-contact');
    await crm('add-sale', '--customer', 'Bob', '--product', 'Widget', '--amount', '500', '--verbal');
    await crmIn(crm.dir, { today: '2026-03-04' })('customer', 'edit', 'Bob', '--contact-ok');
    const resumed = queryDb(crm.db, 'SELECT rule, due, state FROM reminders ORDER BY rule, due');
    // The same database, had the sale been entered on 03-04 with --date 03-02.
    const other = crmIn(join(crm.dir, 'late'), { today: '2026-03-04' });
    await other('customer', 'add', 'Bob');
    await other('add-sale', '--customer', 'Bob', '--product', 'Widget', '--amount', '500', '--verbal', '--date', '2026-03-02');
    expect(resumed).toEqual(queryDb(other.db, 'SELECT rule, due, state FROM reminders ORDER BY rule, due'));
    expect(resumed).toEqual(expect.arrayContaining([{ rule: 'written-confirmation', due: '2026-03-04', state: 'open' }]));
  });

  it('re-plans greetings and visits when a birthday, special day, tag or name changes', async () => {
    await crm('customer', 'add', 'Wang', '--birthday', '03-15', '--special', '05-20 wedding');
    await crm('add-sale', '--customer', 'Wang', '--product', 'P', '--amount', '100');
    const r = await crm('customer', 'edit', 'Wang', '--birthday', '03-20', '--remove-special', '05-20', '--special', '04-10 shop anniversary', '--tag', 'important');
    expect(r.stderr).toMatch(/^Follow-ups of Wang brought in line: [1-9]\d* planned, 1 changed, 1 no longer due\.\n$/);
    const cards = async () =>
      queryDb(crm.db, "SELECT rule || ' ' || due AS c FROM reminders WHERE state = 'open' AND rule IN ('birthday', 'special-day', 'holiday-visit')")
        .map((r) => r.c as string);
    expect(await cards()).toEqual(expect.arrayContaining(['birthday 2026-03-20', 'special-day 2026-04-10']));
    expect(await cards()).not.toContain('special-day 2026-05-20');
    expect((await cards()).some((c) => c.startsWith('holiday-visit'))).toBe(true);
    // Closing the moved greeting plans next year's on the new day.
    const [birthday] = queryDb(crm.db, "SELECT id FROM reminders WHERE rule = 'birthday' AND state = 'open'");
    expect((await crmIn(crm.dir, { today: '2026-03-20' })('done', String(birthday.id))).code).toBe(0);
    expect(await cards()).toContain('birthday 2027-03-20');
    await crm('customer', 'edit', 'Wang', '--birthday', '');
    expect((await cards()).some((c) => c.startsWith('birthday'))).toBe(false);
    await crm('customer', 'edit', 'Wang', '--name', 'Wang Li');
    const titles = queryDb(crm.db, "SELECT title FROM reminders WHERE state = 'open'").map((r) => r.title as string);
    expect(titles.length).toBeGreaterThan(10);
    expect(titles.filter((t) => /Wang(?! Li)/.test(t))).toEqual([]);
  });

  it('keeps the language titles were planned in when an edit re-plans them in another', async () => {
    await crm('customer', 'add', '王小姐', '--birthday', '03-20');
    await crm('--lang', 'zh', 'add-sale', '--customer', '王小姐', '--product', '草莓蛋糕', '--amount', '198');
    const before = queryDb(crm.db, 'SELECT id, title FROM reminders ORDER BY id');
    await crm('customer', 'edit', '王小姐', '--birthday', '03-25', '--tag', 'important');
    const after = queryDb(crm.db, "SELECT id, rule, title FROM reminders WHERE state = 'open' ORDER BY id");
    expect(after.find((r) => r.rule === 'birthday')!.title).toBe('2026-03-25是王小姐的生日：送上祝福');
    expect(after.filter((r) => r.rule === 'holiday-visit').map((r) => r.title)).toEqual(['中秋节前带份小礼物拜访王小姐', '春节前带份小礼物拜访王小姐']);
    // Nothing else was touched: every other title is as add-sale wrote it.
    const was = new Map(before.map((r) => [r.id, r.title]));
    expect(after.filter((r) => !['birthday', 'holiday-visit'].includes(r.rule as string)).every((r) => was.get(r.id) === r.title)).toBe(true);
  });

  it('refuses an edit that changes nothing', async () => {
    await crm('customer', 'add', 'Anna');
    await expectRefused(crm, ['customer', 'edit', 'Anna'], /^crm: nothing to change: say what, e\.g\. --phone/);
  });

  it('names the matches of an ambiguous customer and exits 2', async () => {
    await crm('customer', 'add', 'Wang Fang');
    await crm('customer', 'add', 'Wang Lei');
    const r = await crm('customer', 'show', 'wang');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('crm: customer: "wang" matches several customers: 1 Wang Fang; 2 Wang Lei; give the id instead\n');
  });

  it('takes a channel by its Chinese name, as crm import does: 微信, 电话, 短信, 拜访', async () => {
    const show = async () => JSON.parse((await crm('--json', 'customer', 'show', '王芳')).stdout);
    expect((await crm('customer', 'add', '王芳', '--channel', '微信')).code).toBe(0);
    expect((await show()).customer.channel).toBe('wechat');
    expect((await crm('customer', 'edit', '王芳', '--channel', '电话')).code).toBe(0);
    expect((await show()).customer.channel).toBe('phone');
    const sale = JSON.parse((await crm('--json', 'add-sale', '--customer', '王芳', '--product', '滤网', '--amount', '399', '--channel', '短信')).stdout);
    expect(sale.sale.channel).toBe('sms');
    expect((await crm('log', '王芳', '--note', '送货上门', '--channel', '拜访')).code).toBe(0);
    expect((await show()).contacts.at(-1).note).toBe('[visit] 送货上门');
    expect((await crm('customer', 'add', '--help')).stdout.replace(/\s+/g, ' ')).toContain('phone, email, wechat, sms, visit, letter, other, or in Chinese 微信, 电话, 邮件, 短信, 拜访, 信件, 其他');
    await expectRefused(crm, ['customer', 'add', 'X', '--channel', '飞鸽'], /^crm: --channel must be one of phone, email, wechat, sms, visit, letter, other \(got "飞鸽"\)\n$/);
  });

  it.each([
    [['customer', 'add', 'X', '--email', 'not-an-email'], /^crm: --email must be an address like name@example.com \(got "not-an-email"\)\n$/],
    [['customer', 'add', 'X', '--birthday', '2026-02-30'], /^crm: --birthday must be a day like 03-15/],
    [['customer', 'add', 'X', '--channel', 'pigeon'], /^crm: --channel must be one of phone, email/],
    [['customer', 'add', 'X', '--referred-by', 'nobody'], /^crm: --referred-by: no customer named "nobody"/],
    [['customer', 'add', 'X', '--frobnicate'], /^crm: unknown option '--frobnicate'/],
    [['customer', 'show', '99'], /^crm: customer: no customer with id 99/],
    [['customer', 'edit', 'nobody', '--phone', '1234'], /^crm: customer: no customer named "nobody"/],
    [['--today', 'tomorrow-ish', 'customer', 'list'], /^crm: --today must be a real date like 2026-03-02/],
    [['--db', '', 'customer', 'list'], /^crm: --db must name a file \(got ""\)\n$/],
  ])('bad input %j exits 2 with one line and changes nothing', async (args, message) => {
    await crm('customer', 'add', 'Existing');
    await expectRefused(crm, args, message);
  });

  it('shows the file and its errors in Chinese, labels lined up by display width', async () => {
    await crm('customer', 'add', '王芳', '--company', '华星贸易', '--channel', 'wechat', '--notes', '喜欢喝茶\n周末不打扰');
    const show = await crm('--lang', 'zh', 'customer', 'show', '王芳');
    expect(show.stdout).toContain('王芳  （编号 1）\n  公司         华星贸易\n  偏好渠道     微信\n  备注         喜欢喝茶\n               周末不打扰\n');
    expect(show.stdout).toContain('  档案         2026-03-02 建档，2026-03-02 更新\n');
    expect(show.stdout).toContain('\n成交记录\n  暂无\n');
    expect(show.stdout).toContain('\n接下来的跟进\n  暂无\n');
    expect((await crm('--lang', 'zh', 'customer', 'add', '李明')).stdout).toBe('已添加客户 2：李明\n');
    expect((await crm('--lang', 'zh', 'customer', 'list')).stdout.split('\n')[0]).toBe('编号\t姓名\t公司\t电话\t邮箱\t渠道\t标签');
    await expectRefused(crm, ['--lang', 'zh', 'customer', 'show', '99'], /^crm: 客户：没有编号为 99 的客户；请看 crm customer list\n$/);
    const help = await crm('--lang', 'zh', 'customer', 'add', '--help');
    expect(help.stdout).toContain('公司或机构');
    expect(help.stdout).toContain('\n示例：\n  $ crm customer add "王芳" --company 华星贸易');
  });

  it.each([
    ['LANG zh_CN.UTF-8', [], { LANG: 'zh_CN.UTF-8' }, 'zh'],
    ['LC_MESSAGES over LANG', [], { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'zh'],
    ['LC_ALL over LC_MESSAGES and LANG', [], { LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en'],
    ['CRM_LANG over the locale', [], { CRM_LANG: 'en', LC_ALL: 'zh_CN.UTF-8' }, 'en'],
    ['CRM_LANG zh-CN', [], { CRM_LANG: 'zh-CN' }, 'zh'],
    ['--lang over CRM_LANG', ['--lang', 'zh'], { CRM_LANG: 'en' }, 'zh'],
    ['--lang=en over CRM_LANG and the locale', ['--lang=en'], { CRM_LANG: 'zh', LANG: 'zh_CN.UTF-8' }, 'en'],
    ['a C locale', [], {}, 'en'],
  ])('speaks the language chosen: %s', async (_, flags: string[], env: NodeJS.ProcessEnv, lang) => {
    const r = await crmIn(crm.dir, { env })(...flags, 'today');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toBe(
      lang === 'zh'
        ? '没有逾期，2026年3月2日 周一 没有到期的跟进，接下来 7 天也没有。\n'
        : 'Nothing overdue, nothing due on Mon 2026-03-02, nothing in the next 7 days.\n',
    );
  });

  it.each([
    [['--lang', 'fr'], {}, /^crm: --lang must be one of en, zh \(got "fr"\)\n$/],
    [['--lang='], { CRM_LANG: 'de' }, /^crm: CRM_LANG must be one of en, zh \(got "de"\)\n$/],
  ])('refuses an unknown language %j with exit 2', async (flags, env, message) => {
    await crm('customer', 'add', 'Existing');
    await expectRefused(crmIn(crm.dir, { env }), [...flags, 'customer', 'add', 'New'], message);
  });
});
