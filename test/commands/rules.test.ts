import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';

let crm: CrmRunner;
let cleanup: () => void;
const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);
const open = async () => {
  const a = await json('today', '--days', '400');
  return [...a.overdue, ...a.due, ...a.upcoming] as { id: number; rule: string; due: string; title: string }[];
};

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { today: '2026-03-02' });
  await crm('customer', 'add', 'Anna', '--birthday', '07-04');
  await crm('add-sale', '--customer', 'Anna', '--product', 'Sedan', '--amount', '30000', '--delivery', '2026-03-05', '--warranty-months', '24');
});
afterEach(() => cleanup());

describe('crm rules', () => {
  it('lists the shipped playbook when none is installed', async () => {
    const list = await json('rules', 'list');
    expect(list).toMatchObject({ name: 'default', version: 0 });
    expect(list.rules.map((r: { id: string }) => r.id)).toContain('call-day-12');
    const table = await crm('rules', 'list');
    expect(table.stdout).toContain('call-day-2\treceived (delivery, else close) +1 day\t\tcall\tDay-2 call to {customer}');
    expect(table.stdout).toContain('\nholiday-visit\tspring-festival, mid-autumn -7 days\t(tag important/gold or tier gold)\tvisit\t');
    expect(table.stdout).toContain('\nmonthly-card\t12 months: 3 days before each month\'s festival\tnot tier burden, not strategy give-up\tcard\t');
    expect(table.stdout).toContain('\nproactive-check-gold\tevery month after the close, 12 times\ttier gold\tcall\t');
    expect(table.stdout).toContain('\nwin-back\tlast-purchase +90 days\ttier meteor\tcall\t');
  });

  it('checks a file and reports every problem with file and line, exit 2', async () => {
    const file = join(crm.dir, 'mine.yaml');
    writeFileSync(file, 'version: 1\nname: mine\nrules:\n  - id: a\n    action: call\n    title: Hi {nobody}\n    lesson: x\n    when: { relative-to: close, offset: soon }\n');
    const r = await crm('rules', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `${file}:4: unknown placeholder {nobody} in rule "a"; the placeholders are: {customer}, {company}, {product}, {amount}, {date}, {delivery}, {warrantyEnd}, {useUp}, {festival}, {theme}, {label}, {referrer}, {sender}, {name}`,
      `${file}:8: rules[0].when.offset must be an offset like +1 day, -2 days, +1 week or -1 month (got "soon")`,
      `crm: ${file}: 2 problems; fix them and check again`,
      '',
    ]);
    expect((await crm('rules', 'check', join(crm.dir, 'missing.yaml'))).stderr).toMatch(/^crm: cannot read the playbook .*missing\.yaml/);
    expect((await crm('rules', 'check', 'car-dealer')).stdout).toMatch(/car-dealer\.yaml: ok, playbook "car-dealer" with \d+ rules/);
  });

  it('installs a playbook as a new version, keeps the old one, and leaves past plans alone without --replan', async () => {
    const before = await open();
    const r = await crm('rules', 'use', 'car-dealer');
    expect(r.stdout).toBe('Installed playbook "car-dealer" as version 1.\n');
    expect(r.stderr).toContain('add --replan');
    expect(await open()).toEqual(before);
    expect((await crm('rules', 'use', 'default')).stdout).toBe('Installed playbook "default" as version 2 (version 1 is kept).\n');
    expect((await json('rules', 'list')).version).toBe(2);
  });

  it('re-plans only future, open follow-ups: done ones stay, a snoozed date stays', async () => {
    const plan = await open();
    const thanks = plan.find((p) => p.rule === 'thank-you')!;
    const day5 = plan.find((p) => p.rule === 'call-day-5')!;
    const card = plan.find((p) => p.rule === 'monthly-card')!;
    await crm('done', String(thanks.id));
    await crm('snooze', String(day5.id), '--to', '2026-03-09');
    await crm('snooze', String(card.id), '--days', '3');
    const out = await json('rules', 'use', 'default', '--replan');
    expect(out.replan).toMatchObject({ added: 0, removed: 0, changed: 0 });
    const car = await json('rules', 'use', 'car-dealer', '--replan');
    expect(car.replan.added).toBeGreaterThan(0);
    expect(car.replan.removed).toBeGreaterThan(0);
    const after = await open();
    expect(after.some((p) => p.rule === 'service-reminder')).toBe(true);
    expect(after.some((p) => p.rule === 'call-day-5')).toBe(true);
    // The car dealer's playbook sends no monthly cards, but the one the user moved is their appointment.
    expect(after.filter((p) => p.rule === 'monthly-card').map((p) => p.id)).toEqual([card.id]);
    const file = await json('customer', 'show', 'Anna');
    expect(file.contacts.find((c: { kind: string }) => c.kind === 'done').reminderId).toBe(thanks.id);
    const back = await json('rules', 'use', 'default', '--replan');
    expect(back.replan.added).toBeGreaterThan(0);
    const restored = await open();
    expect(restored.find((p) => p.id === day5.id)?.due).toBe('2026-03-09');
    const cards = restored.filter((p) => p.id === card.id || p.title === card.title);
    expect(cards.map((p) => p.id)).toEqual([card.id]);
    expect(cards[0].due > card.due).toBe(true);
    expect(restored.some((p) => p.rule === 'thank-you')).toBe(false);
  });

  it('previews exactly what add-sale then plans: a first sale\'s survey, and nothing the customer already has', async () => {
    await crm('customer', 'add', 'Wang', '--birthday', '03-15');
    const rows = (list: { due: string; rule: string }[]) => list.map((r) => `${r.due} ${r.rule}`).sort();
    for (const round of [1, 2]) {
      const preview = (await json('rules', 'preview', '--customer', 'Wang', '--product', 'Filter', '--amount', '399')).preview;
      const sale = await json('add-sale', '--customer', 'Wang', '--product', 'Filter', '--amount', '399');
      expect(rows(preview), `sale ${round}`).toEqual(rows([...sale.reminders, ...sale.missed]));
      if (round === 1) expect(preview.some((r: { rule: string }) => r.rule === 'loyalty-survey')).toBe(true);
      else expect(preview.some((r: { rule: string }) => r.rule === 'birthday' || r.rule === 'monthly-card')).toBe(false);
    }
  });

  it('refuses a playbook that is not UTF-8 (Notepad\'s "ANSI", GBK on a Chinese Windows) and accepts a UTF-8 BOM', async () => {
    const text = (title: string) => `version: 1\nname: bakery\nrules:\n  - id: thanks\n    action: card\n    title: "${title}{customer}"\n    lesson: x\n    when: { relative-to: close }\n    if: { product-contains: [蛋糕] }\n`;
    const gbk = join(crm.dir, 'bakery-gbk.yaml');
    // What iconv -f utf-8 -t gbk writes: 谢谢 is d0bb d0bb, 蛋糕 is b5b0 b8e2.
    const [head, middle, tail] = text('@@').split(/@@|蛋糕/);
    writeFileSync(gbk, Buffer.concat([Buffer.from(head), Buffer.from([0xd0, 0xbb, 0xd0, 0xbb]), Buffer.from(middle), Buffer.from([0xb5, 0xb0, 0xb8, 0xe2]), Buffer.from(tail)]));
    expect(readFileSync(gbk).toString('latin1')).toContain('title: "\xd0\xbb\xd0\xbb{customer}"');
    const refused = `crm: the playbook ${gbk} is not UTF-8 text: save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)\n`;
    for (const cmd of ['check', 'use']) {
      const r = await crm('rules', cmd, gbk);
      expect(r).toMatchObject({ code: 2, stdout: '', stderr: refused });
    }
    expect((await json('rules', 'list')).version).toBe(0);
    const bom = join(crm.dir, 'bakery-bom.yaml');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text('谢谢'), 'utf8')]));
    expect((await crm('rules', 'check', bom)).stdout).toBe(`${bom}: ok, playbook "bakery" with 1 rules\n`);
    expect((await crm('rules', 'use', bom)).code).toBe(0);
    const list = await json('rules', 'list');
    expect(list.rules[0]).toMatchObject({ title: '谢谢{customer}', if: { productContains: ['蛋糕'] } });
  });

  it('refuses an every of 0: it would plan every follow-up on one day', async () => {
    const file = join(crm.dir, 'zero.yaml');
    writeFileSync(file, 'version: 1\nname: zero\nrules:\n  - id: check\n    action: call\n    title: Check {customer}\n    lesson: x\n    when: { relative-to: close, every: 0 months, count: 12 }\n');
    const r = await crm('rules', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`${file}:8: rules[0].when.every must be at least 1 week or 1 month, like 3 months or 2 weeks (got "0 months")`);
  });

  it('refuses --pace without --replan instead of ignoring it', async () => {
    const r = await crm('rules', 'use', 'default', '--pace', '5');
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'crm: --pace spreads what --replan plans late: give --replan too\n' });
    expect((await json('rules', 'list')).version).toBe(0);
    expect((await crm('rules', 'use', 'default', '--replan', '--pace', '5')).code).toBe(0);
  });

  it('previews a sale\'s cost too: a sale below cost that would make the buyer a burden says so and plans as add-sale would', async () => {
    await crm('customer', 'add', 'Cheap');
    await crmIn(crm.dir, { today: '2025-06-02' })('add-sale', '--customer', 'Cheap', '--product', 'Thing', '--amount', '2000', '--cost', '1000');
    const args = ['--customer', 'Cheap', '--product', 'Thing', '--amount', '2000', '--cost', '5000', '--quantity', '2', '--channel', '微信'];
    const preview = await json('rules', 'preview', ...args);
    expect(preview.tier).toBe('burden');
    expect(preview.replan.removed).toBeGreaterThan(0);
    const text = await crm('rules', 'preview', ...args);
    expect(text.stderr).toMatch(/Cheap: .*burden.*; their future follow-ups would be re-planned: \d+ added, \d+ changed, [1-9]\d* removed\./);
    const sale = await json('add-sale', ...args);
    expect(preview.preview.map((r: { rule: string }) => r.rule)).toEqual(sale.reminders.map((r: { rule: string }) => r.rule));
    expect(sale.value.replan.removed).toBe(preview.replan.removed);
  });

  it('previews a sale without writing anything', async () => {
    const before = readFileSync(crm.db);
    const r = await crm('rules', 'preview', '--customer', 'Anna', '--product', 'Tyres', '--amount', '800', '--use-up-days', '365');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Anna will run out of Tyres around 2027-03-02: offer a repurchase');
    expect(r.stderr).toContain('Nothing is saved.');
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});

describe('crm rules in Chinese', () => {
  const zh = (...args: string[]) => crm('--lang', 'zh', ...args);

  it('plans Chinese titles from the default playbook when crm speaks Chinese', async () => {
    await crm('customer', 'add', '王芳');
    const r = await zh('--json', 'add-sale', '--customer', '王芳', '--product', '空气净化器', '--amount', '2999');
    const titles = JSON.parse(r.stdout).reminders.map((x: { title: string }) => x.title);
    expect(titles).toContain('第2天回访王芳：空气净化器用上了吗？解答疑问');
    expect(titles).toContain('给王芳写一张手写感谢卡，感谢购买空气净化器');
    expect((await zh('add-sale', '--customer', '王芳', '--product', '滤网', '--amount', '399')).stdout).toContain('第2天回访王芳：滤网用上了吗？解答疑问');
    expect((await open()).filter((p) => p.rule === 'call-day-2').map((p) => p.title)).toContain('Day-2 call to Anna: has Sedan been used yet? Clear up any doubts');
  });

  it('reports the problems of a broken playbook in Chinese; --json keeps them in English', async () => {
    const file = join(crm.dir, 'broken.yaml');
    writeFileSync(file, 'version: 1\nname: mine\nrules:\n  - id: a\n    action: call\n    title: Hi {nobody}\n    title-zh: 你好\n    lesson: x\n    when: { relative-to: close, offset: soon }\n');
    const r = await zh('rules', 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      `${file}:4: 规则“a”中有未知占位符 {nobody}；可用占位符为：{customer}, {company}, {product}, {amount}, {date}, {delivery}, {warrantyEnd}, {useUp}, {festival}, {theme}, {label}, {referrer}, {sender}, {name}`,
      `${file}:7: 规则“a”的 title-zh 必须与 title 使用相同的占位符：{nobody}（实际为 无）`,
      `${file}:9: rules[0].when.offset 必须是偏移，如 +1 day、-2 days、+1 week 或 -1 month（收到 "soon"）`,
      `crm: ${file}：3 个问题；改正后请再检查一次`,
      '',
    ]);
    const en = await crm('--json', 'rules', 'check', file);
    expect((await zh('--json', 'rules', 'check', file)).stdout).toBe(en.stdout);
    expect(JSON.parse(en.stdout).problems[1]).toEqual({ line: 7, message: 'title-zh of rule "a" must use the same placeholders as its title: {nobody} (got none)' });
    expect((await zh('rules', 'check', 'default')).stdout).toMatch(/default\.yaml：没有问题，跟进手册“default”共 \d+ 条规则\n$/);
  });

  it('lists the playbook in Chinese; its --json is the same in both languages', async () => {
    expect((await zh('--json', 'rules', 'list')).stdout).toBe((await crm('--json', 'rules', 'list')).stdout);
    const table = await zh('rules', 'list');
    expect(table.stderr).toBe('跟进手册“default”（crm 自带）\n');
    expect(table.stdout.split('\n')[0]).toBe('编号\t时间\t条件\t动作\t标题\t出处');
    expect(table.stdout).toContain('call-day-2\t到货后1天（按交付日期，没有则按成交）\t\t致电\t第2天回访{customer}：{product}用上了吗？解答疑问\t#299\n');
    expect(table.stdout).toContain('\nmonthly-card\t连续 12 个月：每月节日前 3 天\t等级不是负担，策略不是放弃\t寄贺卡\t');
    expect(table.stdout).toContain('\nholiday-visit\tspring-festival, mid-autumn 前7天\t（标签 important/gold 或 等级为黄金）\t拜访\t');
    expect(table.stdout).toContain('\nproactive-check-gold\t成交后每月一次，共 12 次\t等级为黄金\t致电\t');
    const use = await zh('rules', 'use', 'car-dealer');
    expect(use.stdout).toBe('已安装跟进手册“car-dealer”，版本 1。\n');
    expect(use.stderr).toContain('加上 --replan');
  });
});
