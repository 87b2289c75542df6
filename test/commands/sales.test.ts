import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, expectRefused, isolatedEnv, tempDir, type CrmRunner } from '../support/cli.js';
import { displayWidth } from '../../src/ui/width.js';

let crm: CrmRunner;
let cleanup: () => void;
beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { today: '2026-03-02' });
  await crm('customer', 'add', '李明', '--phone', '+86 139 1234 5678');
  await crm('customer', 'add', '王芳', '--referred-by', '李明', '--channel', 'wechat', '--phone', '+86 138 0013 8000', '--tag', 'important');
});
afterEach(() => cleanup());

const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);

describe('crm add-sale', () => {
  it('stores the sale and its plan in the shape of shared/CLI.md', async () => {
    const out = await json('add-sale', '--customer', '王芳', '--product', '空气净化器', '--amount', '3999.50', '--cost', '2600', '--verbal', '--delivery', '2026-03-06');
    expect(out.sale).toMatchObject({ id: 1, customerId: 2, product: '空气净化器', amount: 3999.5, cost: 2600, date: '2026-03-02', verbal: true });
    const rules = out.reminders.map((r: { rule: string }) => r.rule);
    expect(rules.slice(0, 3)).toEqual(['thank-you', 'written-confirmation', 'referral-thanks']);
    for (const r of out.reminders) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'due', 'rule', 'action', 'title', 'customerId', 'saleId']));
    expect(out.reminders.find((r: { rule: string }) => r.rule === 'referral-thanks').customerId).toBe(1);
    expect(out.missed).toEqual([]);
  });

  it('prints the plan as a table with date, weekday, action and why', async () => {
    const r = await crm('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '100');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id\tdate\tday\taction\tfollow-up\twhy');
    expect(r.stdout).toContain('\t2026-03-03\tTue\tcall\tDay-2 call to 王芳: has X3 been used yet? Clear up any doubts\t#299');
    expect(r.stderr).toContain('Sale 1 recorded for 王芳');
  });

  it('lists missed steps of a late-entered sale once and never schedules them in the past', async () => {
    const out = await json('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '100', '--date', '2026-02-01');
    expect(out.missed.length).toBeGreaterThan(3);
    expect(out.reminders.every((r: { due: string }) => r.due >= '2026-03-02')).toBe(true);
    const today = await json('today');
    expect(today.overdue).toEqual([]);
  });

  it('records steps missed in the last 30 days and counts older ones as history, stored nowhere', async () => {
    const out = await json('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '100', '--date', '2025-12-01');
    // 2025-12-01 + 90 days: the thank-you and the 2-5-12 calls are more than 30 days old by 2026-03-02.
    expect(out.history).toBeGreaterThanOrEqual(4);
    expect(out.missed.length).toBeGreaterThan(0);
    expect(out.missed.every((r: { due: string }) => r.due >= '2026-01-31' && r.due < '2026-03-02')).toBe(true);
    const stored = JSON.parse((await crm('export', '--format', 'json')).stdout).reminders as { state: string; due: string }[];
    expect(stored.filter((r) => r.state === 'missed').length).toBe(out.missed.length);
    expect(stored.every((r) => r.due >= '2026-01-31')).toBe(true);
    const text = await crm('add-sale', '--customer', '李明', '--product', 'Y', '--amount', '50', '--date', '2025-06-01');
    expect(text.stderr).toMatch(/\d+ older step\(s\) fell more than 30 days before today: history from before the sale was entered, not recorded\./);
  });

  it('records a refund (a negative amount) and plans nothing for it', async () => {
    await crm('customer', 'add', 'Emma');
    await crm('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '89', '--cost', '50', '--date', '2026-02-20');
    const before = (await json('today', '--days', '400')).upcoming.length;
    const r = await crm('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '-89', '--cost', '-50');
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('Refund 2 recorded for Emma: Helmet, -89, on 2026-03-02; a refund plans no follow-ups.');
    expect((await json('today', '--days', '400')).upcoming.length).toBe(before);
    const out = await json('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '-1');
    expect(out).toMatchObject({ sale: { amount: -1 }, reminders: [], missed: [], history: 0 });
  });

  it('plans nothing for a do-not-contact customer', async () => {
    await crm('customer', 'add', 'Emma', '--do-not-contact');
    const out = await json('add-sale', '--customer', 'Emma', '--product', 'Helmet', '--amount', '89');
    expect(out.reminders).toEqual([]);
  });

  it.each([
    [['--amount', 'abc'], '--amount must be a number like 1200 or 1200.50 (got "abc")'],
    [['--amount', '5,5,5'], '--amount must be a number like 1200 or 1200.50 (got "5,5,5")'],
    [['--date', '2026-02-30'], '--date must be a real date like 2026-03-02'],
    [['--delivery', '2026-01-01'], '--delivery must be on or after the sale date 2026-03-02'],
    [['--warranty-months', 'twelve'], '--warranty-months must be a whole number'],
    [['--customer', 'nobody'], '--customer: no customer named "nobody"'],
    [['--channel', 'fax'], '--channel must be one of'],
  ])('refuses %j with exit 2 and writes nothing', async (extra, message) => {
    const before = readFileSync(crm.db);
    const args = ['--customer', '王芳', '--product', 'X3', '--amount', '100'];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]);
      if (at >= 0) args[at + 1] = extra[i + 1];
      else args.push(extra[i], extra[i + 1]);
    }
    const r = await crm('add-sale', ...args);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain(message);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });

  it('needs --customer, --product and --amount', async () => {
    const r = await crm('add-sale', '--customer', '王芳');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^crm: required option '--product <text>' not specified/);
  });
});

describe('crm today', () => {
  beforeEach(async () => {
    const past = crmIn(crm.dir, { today: '2026-02-20' });
    await past('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '100');
  });

  it('groups overdue, due and coming up, sorted, with the customer and how to reach them', async () => {
    const agenda = await json('today');
    expect(agenda.date).toBe('2026-03-02');
    expect(agenda.overdue.map((r: { rule: string }) => r.rule)).toEqual(['thank-you', 'referral-thanks', 'call-day-2', 'call-day-5', 'monthly-card']);
    expect(agenda.overdue[0]).toMatchObject({ due: '2026-02-20', daysOverdue: 10, customer: { id: 2, name: '王芳' }, contact: '+86 138 0013 8000 (wechat)', saleId: 1 });
    expect(agenda.overdue[4]).toMatchObject({ due: '2026-02-28', title: 'Send 王芳 a card: 元宵节 Lantern Festival' });
    expect(agenda.due).toEqual([]);
    expect(agenda.upcoming.map((r: { rule: string; due: string }) => `${r.rule} ${r.due}`)).toEqual(['call-day-12 2026-03-03']);
    expect(agenda.complaints).toEqual([]);
    const wide = await json('today', '--days', '60');
    expect(wide.upcoming.length).toBeGreaterThan(1);
  });

  it('writes the year of a date more than half a year ahead, where a month and day alone reads as the recent past', async () => {
    const later = crmIn(crm.dir, { today: '2026-03-09' });
    const whens = async (...args: string[]) => {
      const out = (await later(...args, 'today', '--days', '400')).stdout;
      return Object.fromEntries(out.split('\n').filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t').slice(0, 2)));
    };
    const en = await whens();
    expect(en).toMatchObject({ 7: 'Fri 03-20', 14: 'Thu 08-20', 15: 'Fri 2026-09-18', 23: 'Wed 2027-02-03', 24: 'Sat 2027-02-20' });
    const zh = await whens('--lang', 'zh');
    expect(zh).toMatchObject({ 7: '3月20日 周五', 14: '8月20日 周四', 15: '2026年9月18日 周五', 24: '2027年2月20日 周六' });
  });

  it.each([
    ['en', '2026-03-10', 'Tue 03-10'],
    ['en', '2026-09-07', 'Mon 09-07'],
    ['en', '2026-09-08', 'Tue 2026-09-08'],
    ['en', '2027-03-02', 'Tue 2027-03-02'],
    ['zh', '2026-09-07', '9月7日 周一'],
    ['zh', '2027-03-02', '2027年3月2日 周二'],
  ] as const)('says a follow-up due (%s) on %s, seen from 2026-03-09, is due %j', async (lang, due, want) => {
    const { when } = await import('../../src/commands/today.js');
    const { setLanguage } = await import('../../src/i18n.js');
    setLanguage(lang);
    try {
      expect(when(due, '2026-03-09')).toBe(want);
    } finally {
      setLanguage('en');
    }
  });

  it('shows sections for people and says so in one line on an empty day', async () => {
    const r = await crm('today');
    expect(r.stdout).toMatch(/^Overdue \(5\)\nid\twhen\tcustomer/);
    expect(r.stdout).toContain('1\t10d late\t王芳\tnote\tSend 王芳 a handwritten thank-you note for buying X3\t+86 138 0013 8000 (wechat)\n');
    expect(r.stdout).toContain('Due today (0)');
    expect(r.stdout).toContain('Coming up, next 7 days (1)');
    const empty = crmIn(tempDir().dir, { today: '2026-03-02' });
    const e = await empty('today');
    expect(e).toMatchObject({ code: 0, stdout: '' });
    expect(e.stderr).toBe('Nothing overdue, nothing due on Mon 2026-03-02, nothing in the next 7 days.\n');
  });

  it('paints overdue rows red on a colour terminal', async () => {
    const tty = crmIn(crm.dir, { today: '2026-03-02', tty: true, env: { FORCE_COLOR: '1' } });
    expect((await tty('today')).stdout).toContain('\x1b[31m10d late');
    const plain = crmIn(crm.dir, { today: '2026-03-02', tty: true, env: { NO_COLOR: '1' } });
    expect((await plain('today')).stdout).not.toContain('\x1b[');
  });
});

describe('crm today with a long list', () => {
  it('shows people the first 50 coming-up lines and how many more; --all and --json list them all', async () => {
    for (let i = 0; i < 30; i++) {
      await crm('customer', 'add', `Buyer ${i}`);
      await crm('add-sale', '--customer', `Buyer ${i}`, '--product', 'Kettle', '--amount', '20');
    }
    const human = await crm('today');
    const lines = human.stdout.split('Coming up, next 7 days (')[1].split('\n');
    expect(lines[0]).toBe('60)');
    expect(lines.filter((l) => /^\d+\t/.test(l))).toHaveLength(50);
    expect(human.stdout).toContain('... and 10 more: crm today --all lists them all, --days N looks less far');
    const all = await crm('today', '--all');
    expect(all.stdout.split('Coming up')[1].split('\n').filter((l) => /^\d+\t/.test(l))).toHaveLength(60);
    expect(all.stdout).not.toContain('more: crm today --all');
    expect((await json('today')).upcoming).toHaveLength(60);
  });
});

describe('done, snooze, skip, log', () => {
  beforeEach(async () => {
    await crm('add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '100');
  });
  const find = async (rule: string) => {
    const a = await json('today', '--days', '30');
    return [...a.overdue, ...a.due, ...a.upcoming].find((r: { rule: string }) => r.rule === rule);
  };

  it('closes a follow-up and keeps the contact in the history', async () => {
    const r = await find('thank-you');
    expect((await crm('done', String(r.id), '--note', 'sent a card with tea')).code).toBe(0);
    expect(await find('thank-you')).toBeUndefined();
    const file = await json('customer', 'show', '王芳');
    expect(file.contacts).toEqual([expect.objectContaining({ kind: 'done', outcome: 'reached', note: 'sent a card with tea', reminderId: r.id })]);
    const again = await crm('done', String(r.id));
    expect(again).toMatchObject({ code: 2, stderr: `crm: follow-up ${r.id} is already done (on 2026-03-02)\n` });
  });

  it('moves a call with no answer to the next working day', async () => {
    const friday = crmIn(crm.dir, { today: '2026-03-06' });
    const r = await find('call-day-2');
    const out = await friday('done', String(r.id), '--outcome', 'no-answer');
    expect(out.stdout).toBe(`No answer: follow-up ${r.id} moved to Mon 2026-03-09.\n`);
  });

  it('snoozes by days or to a date, and refuses a date not after today', async () => {
    const r = await find('call-day-5');
    // Due Friday 03-06, so two days later is counted from then, not from today.
    expect((await crm('snooze', String(r.id), '--days', '2')).stdout).toBe(`Follow-up ${r.id} moved to Sun 2026-03-08.\n`);
    expect((await crm('snooze', String(r.id), '--to', '2026-03-20')).code).toBe(0);
    expect((await find('call-day-5')).due).toBe('2026-03-20');
    const bad = await crm('snooze', String(r.id), '--to', '2026-03-01');
    expect(bad).toMatchObject({ code: 2 });
  });

  it('shows the history in the language in force: kinds, outcomes and the notes crm wrote itself, ids kept in --json', async () => {
    const thanks = await find('thank-you');
    const call = await find('call-day-2');
    const card = await find('call-day-5');
    await crm('done', String(thanks.id), '--outcome', 'reached', '--note', 'x');
    await crm('done', String(call.id), '--outcome', 'no-answer');
    await crm('snooze', String(call.id), '--days', '2');
    await crm('--lang', 'zh', 'snooze', String(card.id), '--days', '1');
    await crm('log', '王芳', '--note', '聊了滤网', '--channel', 'wechat', '--outcome', 'left-message');
    const contacts = async (lang: string) => {
      const out = (await crm('--lang', lang, 'customer', 'show', '王芳')).stdout;
      return out.split('\n\n').find((b) => /^(Contacts|联系记录)\n/.test(b))!.split('\n').slice(2);
    };
    expect(await contacts('zh')).toEqual([
      '2026-03-02\t已完成\t已联系上\tx',
      '2026-03-02\t尝试联系\t无人接听\t',
      '2026-03-02\t已改期\t\t从 2026-03-03 改到 2026-03-05',
      '2026-03-02\t已改期\t\t从 2026-03-06 改到 2026-03-07',
      '2026-03-02\t计划外联系\t已留言\t[微信] 聊了滤网',
    ]);
    expect(await contacts('en')).toEqual([
      '2026-03-02\tdone\treached\tx',
      '2026-03-02\tattempt\tno-answer\t',
      '2026-03-02\tsnoozed\t\tfrom 2026-03-03 to 2026-03-05',
      '2026-03-02\tsnoozed\t\tfrom 2026-03-06 to 2026-03-07',
      '2026-03-02\tlog\tleft-message\t[wechat] 聊了滤网',
    ]);
    // Scripts read the ids and the notes as stored, whatever the language.
    const stored = (await json('--lang', 'zh', 'customer', 'show', '王芳')).contacts;
    expect(stored.map((c: { kind: string; outcome: string | null; note: string | null }) => [c.kind, c.outcome, c.note])).toEqual([
      ['done', 'reached', 'x'],
      ['attempt', 'no-answer', null],
      ['snoozed', null, 'from 2026-03-03 to 2026-03-05'],
      ['snoozed', null, '从 2026-03-06 改到 2026-03-07'],
      ['log', 'left-message', '[wechat] 聊了滤网'],
    ]);
  });

  it('skips only with a reason, and warns about phrases to avoid while still saving', async () => {
    const r = await find('call-day-12');
    expect((await crm('skip', String(r.id))).code).toBe(2);
    const out = await crm('skip', String(r.id), '--reason', '客户说不知道什么时候有空');
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('"不知道" is a phrase to avoid with customers (#307)');
    const log = await crm('log', '王芳', '--note', 'Maybe she will buy again', '--channel', 'visit');
    expect(log.stderr).toContain('Maybe… / probably…');
    const file = await json('customer', 'show', '王芳');
    expect(file.contacts.map((c: { kind: string; note: string }) => [c.kind, c.note])).toEqual([
      ['skipped', '客户说不知道什么时候有空'],
      ['log', '[visit] Maybe she will buy again'],
    ]);
  });

  it('rolls a birthday on to next year when it is done', async () => {
    await crm('customer', 'edit', '王芳', '--birthday', '03-10');
    await crm('add-sale', '--customer', '王芳', '--product', 'Y', '--amount', '1');
    const b = await find('birthday');
    const out = await json('done', String(b.id));
    expect(out.next).toEqual([expect.objectContaining({ rule: 'birthday', due: '2027-03-10' })]);
  });

  it.each([['done', '999'], ['snooze', '999'], ['done', 'abc']])('%s %s is exit 2', async (cmd, id) => {
    const r = await crm(cmd, id);
    expect(r.code).toBe(2);
  });
});

describe('crm announce (#309)', () => {
  it('plans one call per past buyer of a related product, once, leaving out do-not-contact', async () => {
    await crm('add-sale', '--customer', '王芳', '--product', '空气净化器 X3', '--amount', '3999', '--date', '2026-01-05');
    await crm('add-sale', '--customer', '李明', '--product', 'x3 filter', '--amount', '99');
    await crm('customer', 'add', 'Emma', '--do-not-contact');
    await crm('add-sale', '--customer', 'Emma', '--product', 'X3', '--amount', '99');
    const dry = await json('announce', '--product', '净化器 X5', '--to-buyers-of', 'X3', '--dry-run');
    expect(dry).toMatchObject({ dryRun: true, buyers: 3, doNotContact: 1 });
    expect((await json('today')).due.filter((r: { rule: string }) => r.rule === 'new-product')).toEqual([]);
    const out = await json('announce', '--product', '净化器 X5', '--to-buyers-of', 'X3', '--date', '2026-03-03');
    expect(out.reminders.map((r: { title: string }) => r.title).sort()).toEqual([
      'Tell 李明 about 净化器 X5: they bought x3 filter on 2026-03-02',
      'Tell 王芳 about 净化器 X5: they bought 空气净化器 X3 on 2026-01-05',
    ]);
    const again = await crm('announce', '--product', '净化器 X5', '--to-buyers-of', 'X3');
    expect(again.stderr).toContain('Planned 0 call(s) about 净化器 X5. 2 customer(s) were already told about it.');
    expect((await crm('announce', '--product', 'X5', '--to-buyers-of', 'X3', '--date', '2026-01-01')).code).toBe(2);
  });

  it('names the purchase, not a later refund, and leaves out a customer who only has a refund of it', async () => {
    await crm('customer', 'add', 'Carol');
    await crm('customer', 'add', 'Dan');
    await crm('add-sale', '--customer', 'Carol', '--product', 'Widget', '--amount', '100', '--date', '2026-02-10');
    await crm('add-sale', '--customer', 'Carol', '--product', 'Widget', '--amount', '-100');
    await crm('add-sale', '--customer', 'Dan', '--product', 'Widget', '--amount', '-50');
    const out = await json('announce', '--product', 'Widget 2', '--to-buyers-of', 'widget');
    expect(out.reminders.map((r: { title: string }) => r.title)).toEqual(['Tell Carol about Widget 2: they bought Widget on 2026-02-10']);
  });
});

describe('crm demo', () => {
  it('fills demo.db next to the default database, never the real one, and does not duplicate on a second run', async () => {
    const { dir } = tempDir();
    const { main } = await import('../../src/cli.js');
    const { existsSync } = await import('node:fs');
    const env = { HOME: dir, XDG_DATA_HOME: `${dir}/xdg` };
    const run = async (...args: string[]) => {
      let stdout = '';
      const code = await main(['node', 'crm', '--today', '2026-03-02', ...args], {
        env, stdout: (s) => void (stdout += s), stderr: () => {}, stdoutIsTTY: false, stdinIsTTY: false,
      });
      return { code, stdout };
    };
    const customers = async () => JSON.parse((await run('--db', `${dir}/xdg/crm/demo.db`, '--json', 'customer', 'list')).stdout).length;
    const first = await run('demo');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Overdue \(\d+\)/);
    expect(first.stdout).toContain('Due today');
    expect(await customers()).toBe(12);
    expect((await run('demo')).code).toBe(0);
    expect(await customers()).toBe(12);
    expect(existsSync(`${dir}/xdg/crm/crm.db`)).toBe(false);
  });
});

describe('the everyday commands in two languages (issue 10)', () => {
  let demo: string;
  let cleanupDemo: () => void;
  beforeEach(() => {
    ({ dir: demo, cleanup: cleanupDemo } = tempDir());
  });
  afterEach(() => cleanupDemo());

  it('shows the demo agenda in English and in Chinese, dates the way each writes them', async () => {
    const en = await crmIn(demo)('demo');
    expect(en.stdout).toMatch(/^Overdue \(\d+\)\nid\twhen\tcustomer\taction\tfollow-up\tcontact\n/);
    expect(en.stdout).toMatch(/\n\d+\t2d late\t/);
    expect(en.stdout).toMatch(/\nDue today, Mon 2026-03-02 \(\d+\)\n/);
    expect(en.stdout).toMatch(/\nComing up, next 7 days \(\d+\)\n(.*\n)*\d+\tTue 03-03\t/);
    expect(en.stdout).toContain('\nOpen complaints (1)\nid\tcustomer\tstep\tanswer promised by\n');
    expect(en.stderr).toContain('\nTry next:\n  crm --db ');
    const zh = await crmIn(demo)('--lang', 'zh', 'demo');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^已逾期（\d+）\n编号\t时间\t客户\t动作\t跟进事项\t联系方式\n/);
    expect(zh.stdout).toMatch(/\n\d+\t逾期 2 天\t/);
    expect(zh.stdout).toMatch(/\n今天到期，2026年3月2日 周一（\d+）\n/);
    expect(zh.stdout).toMatch(/\n接下来 7 天（\d+）\n(.*\n)*\d+\t3月3日 周二\t/);
    expect(zh.stdout).toContain('\n未结投诉（1）\n编号\t客户\t步骤\t承诺答复时间\n');
    expect(zh.stdout).not.toMatch(/Overdue|Due today|Coming up|Open complaints|\dd late|Mon|Tue/);
    expect(zh.stderr).toContain('示例数据已经存在。');
    expect(zh.stderr).toContain('\n接下来可以试试：\n  crm --db ');
  });

  it('prints the same --json for today, customer show and add-sale whatever the language', async () => {
    await crmIn(demo)('demo');
    const db = join(demo, 'crm.db');
    const inLang = (lang: string, ...args: string[]) => crmIn(demo)('--lang', lang, '--json', ...args);
    for (const args of [['today', '--days', '30'], ['customer', 'show', '赵丽'], ['customer', 'show', '王芳']]) {
      const [zh, en] = [await inLang('zh', ...args), await inLang('en', ...args)];
      expect(zh.code).toBe(0);
      expect(zh.stdout).toBe(en.stdout);
    }
    // Channels keep their ids in --json; the Chinese agenda names them.
    expect((await inLang('zh', 'today')).stdout).toContain('(wechat)');
    const agenda = (await crmIn(demo)('--lang', 'zh', 'today')).stdout;
    expect(agenda).toContain('(微信)');
    expect(agenda).not.toContain('wechat');
    // add-sale writes, so each language gets its own copy of the same database. A new buyer: re-planning
    // an older customer would also rewrite their stored titles into the language in force.
    await crmIn(demo)('customer', 'add', '孙丽', '--phone', '+86 131 0000 2222');
    copyFileSync(db, join(demo, 'zh.db'));
    copyFileSync(db, join(demo, 'en.db'));
    const sale = ['add-sale', '--customer', '孙丽', '--product', '滤网', '--amount', '399', '--warranty-months', '12', '--verbal'];
    const run = async (lang: string) => JSON.parse((await crmIn(demo)('--db', join(demo, `${lang}.db`), '--lang', lang, '--json', ...sale)).stdout);
    // Titles are written in the language in force (the playbook's title-zh); every machine field is the same.
    const untitled = (out: { reminders: { title: string }[] }) => ({ ...out, reminders: out.reminders.map((r) => ({ ...r, title: typeof r.title })) });
    const [zh, en] = [await run('zh'), await run('en')];
    expect(zh.reminders.length).toBeGreaterThan(3);
    expect(untitled(zh)).toEqual(untitled(en));
  });

  it('aligns the Chinese agenda on a real terminal, each table one width and no wider than the screen', async () => {
    await crmIn(demo)('demo');
    const { main } = await import('../../src/cli.js');
    let stdout = '';
    const code = await main(['node', 'crm', '--db', join(demo, 'crm.db'), '--today', '2026-03-02', '--lang', 'zh', '--no-color', 'today'], {
      env: isolatedEnv(demo), stdout: (s) => void (stdout += s), stderr: () => {}, stdoutIsTTY: true, stdinIsTTY: false, columns: 100,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('2026年3月2日 周一');
    // Sections are separated by a blank line: a title, then its table.
    const sections = stdout.trimEnd().split('\n\n').map((s) => s.split('\n'));
    expect(sections.map(([title]) => title.replace(/（\d+）.*/, ''))).toEqual(['已逾期', '今天到期，2026年3月2日 周一', '接下来 7 天', '未结投诉']);
    for (const [, ...table] of sections) {
      expect(table[0]).toMatch(/^┌/);
      expect(table.some((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
      const widths = new Set(table.map(displayWidth));
      expect(widths.size).toBe(1);
      expect([...widths][0]).toBeLessThanOrEqual(100);
    }
  });

  it('plans and moves follow-ups in Chinese, weekdays and dates included', async () => {
    const sale = await crm('--lang', 'zh', 'add-sale', '--customer', '王芳', '--product', 'X3', '--amount', '100');
    expect(sale.stdout.split('\n')[0]).toBe('编号\t日期\t星期\t动作\t跟进事项\t依据');
    expect(sale.stdout).toMatch(/\t2026-03-03\t周二\t致电\t/);
    expect(sale.stderr).toContain('已记录成交 1：王芳，X3，100，2026-03-02。');
    const call = (await json('today')).upcoming.find((r: { rule: string }) => r.rule === 'call-day-2');
    expect((await crm('--lang', 'zh', 'snooze', String(call.id), '--days', '4')).stdout).toBe(`跟进 ${call.id} 已改到 2026年3月7日 周六。\n`);
    const friday = crmIn(crm.dir, { today: '2026-03-06' });
    expect((await friday('--lang', 'zh', 'done', String(call.id), '--outcome', 'no-answer')).stdout).toBe(`未接通：跟进 ${call.id} 已改到 2026年3月9日 周一。\n`);
    const late = await crm('--lang', 'zh', 'add-sale', '--customer', '王芳', '--product', 'Y', '--amount', '1', '--date', '2026-02-01');
    expect(late.stderr).toMatch(/\n\d+ 个步骤的日期早于今天，已记为错过，不再安排：\n/);
    expect(late.stdout).toContain('编号\t原定日期\t星期\t动作\t跟进事项\t依据');
    await expectRefused(crm, ['--lang', 'zh', 'done', 'abc'], /^crm: 跟进编号必须是 crm today 里的数字（输入为 "abc"）$/m);
  });
});
