import { DEFAULT_RULES } from '../support/builders.js';
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crmIn, eachInTempDir, indexesOf, queryDb, type CrmRunner } from '../support/cli.js';
import { writeSheet } from '../support/sheets.js';
import { main } from '../../src/cli.js';

let crm: CrmRunner;
let dir: string;
eachInTempDir((t) => ({ dir, crm } = t));

const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);
const writeFileAnd = (file: string, text: string) => (writeFileSync(file, text), file);

const SHEET = [
  { 姓名: 'Bob Li', 电话: '+86 139 1234 5678', 生日: '1985-11-02', 标签: 'important', 产品: 'Tea set', 金额: '880', 成交日期: '2026-02-27', 交货日期: '', 保修: '', use_up_days: '', verbal: '' },
  { 姓名: '王芳', 电话: '+86 138 0013 8000', 生日: '03-15', 介绍人: 'Bob Li', special_days: '05-20 结婚纪念日', 产品: '空气净化器 X3', 金额: '3999', 成交日期: '2026-02-20', 交货日期: '2026-03-06', 保修: '12', verbal: 'yes' },
  { 姓名: '王芳', 产品: '滤芯', 金额: '199', 成交日期: '2025-11-30', use_up_days: '90' },
];

// Tier-dependent rules differ by design: add-sale re-tiers against the base as it grows sale by
// sale, an import once against the finished import (see README); everything else is identical.
const tiered = new Set(DEFAULT_RULES.filter((r) => r.if && ('tiers' in r.if || 'notTiers' in r.if || 'any' in r.if || 'strategies' in r.if)).map((r) => r.id));
const byKey = (list: { id: number; dedupeKey: string; rule: string }[]) =>
  list.filter((r) => !tiered.has(r.rule)).map(({ id: _id, ...r }) => r).sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
/** A database's follow-ups as exported, by dedupe key, without ids and tier-dependent rules. */
const comparable = async (run: CrmRunner) => byKey(JSON.parse((await run('export', '--format', 'json')).stdout).reminders);

describe('crm import of a sheet', () => {
  it('creates customers and sales, planned exactly as customer add and add-sale would plan them', async () => {
    const r = await crm('import', writeSheet(join(dir, 'sheet.csv'), SHEET));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/customers: 2 new, 0 updated, 0 unchanged\n {2}sales: 3 new, 0 already on file\n {2}follow-ups: \d+ planned, \d+ recorded as missed/);
    // The November sale's day-2 to day-12 calls fell more than 30 days ago: history, as add-sale keeps it.
    expect(r.stdout).toMatch(/\n {2}[1-9]\d* older steps fell more than 30 days before today: history, not recorded\n/);

    const typed = crmIn(join(dir, 'typed'));
    await typed('customer', 'add', 'Bob Li', '--phone', '+86 139 1234 5678', '--birthday', '1985-11-02', '--tag', 'important');
    await typed('customer', 'add', '王芳', '--phone', '+86 138 0013 8000', '--birthday', '03-15', '--referred-by', 'Bob Li', '--special', '05-20 结婚纪念日');
    await typed('add-sale', '--customer', '王芳', '--product', '滤芯', '--amount', '199', '--date', '2025-11-30', '--use-up-days', '90');
    await typed('add-sale', '--customer', '王芳', '--product', '空气净化器 X3', '--amount', '3999', '--date', '2026-02-20', '--delivery', '2026-03-06', '--warranty-months', '12', '--verbal');
    await typed('add-sale', '--customer', 'Bob Li', '--product', 'Tea set', '--amount', '880', '--date', '2026-02-27');

    // Follow-ups compare by content: add-sale plans sale by sale, an import customer by customer,
    // so the same follow-ups get their ids in another order (byKey, above). The template values of the titles (vars) are compared too: a sheet's customer emails say
    // what add-sale's say.
    const exported = async (run: CrmRunner) => {
      const doc = JSON.parse((await run('export', '--format', 'json')).stdout);
      return { ...doc, reminders: byKey(doc.reminders) };
    };
    const [imported, entered] = [await exported(crm), await exported(typed)];
    expect(imported.customers).toEqual(entered.customers);
    expect(imported.sales).toEqual(entered.sales);
    expect(imported.reminders.length).toBeGreaterThan(10);
    expect(imported.reminders).toEqual(entered.reminders);

    // A later sheet for customers already on file plans around the follow-ups they already have.
    const later = [{ name: '王芳', product: '滤芯', amount: '199', date: '2026-03-01', use_up_days: '90' }, { name: 'Bob Li', product: 'Cups', amount: '50', date: '2026-03-02' }];
    await crm('import', writeSheet(join(dir, 'later.csv'), later));
    await typed('add-sale', '--customer', '王芳', '--product', '滤芯', '--amount', '199', '--date', '2026-03-01', '--use-up-days', '90');
    await typed('add-sale', '--customer', 'Bob Li', '--product', 'Cups', '--amount', '50', '--date', '2026-03-02');
    const [importedLater, enteredLater] = [await exported(crm), await exported(typed)];
    expect(importedLater.reminders.length).toBeGreaterThan(imported.reminders.length);
    expect(importedLater.reminders).toEqual(enteredLater.reminders);
  });

  it('plans the sales of customers imported earlier as add-sale would, and leaves the indexes as the migrations made them', async () => {
    // A first sheet of customers only, then their sales: the second import finds customers on
    // file but no follow-ups yet, the case where it builds the follow-ups' indexes at the end.
    const people = SHEET.slice(0, 2).map(({ 姓名, 电话, 生日, 标签, 介绍人, special_days }) => ({ 姓名, 电话, 生日, 标签, 介绍人, special_days }));
    const sales = SHEET.map(({ 姓名, 电话, 生日: _b, 标签: _t, 介绍人: _r, special_days: _s, ...sale }) => ({ 姓名, 电话, ...sale }));
    expect((await crm('import', writeSheet(join(dir, 'people.csv'), people))).code).toBe(0);
    const made = indexesOf(crm.db);
    expect(made.map((i) => i.name)).toEqual(expect.arrayContaining(['reminders_customer', 'reminders_open_due', 'reminders_sale']));
    const r = await json('import', writeSheet(join(dir, 'sales.csv'), sales));
    expect(r).toMatchObject({ customers: { created: 0 }, sales: { created: 3 } });
    expect(indexesOf(crm.db)).toEqual(made);

    const typed = crmIn(join(dir, 'typed'));
    expect((await typed('import', join(dir, 'people.csv'))).code).toBe(0);
    await typed('add-sale', '--customer', '王芳', '--product', '滤芯', '--amount', '199', '--date', '2025-11-30', '--use-up-days', '90');
    await typed('add-sale', '--customer', '王芳', '--product', '空气净化器 X3', '--amount', '3999', '--date', '2026-02-20', '--delivery', '2026-03-06', '--warranty-months', '12', '--verbal');
    await typed('add-sale', '--customer', 'Bob Li', '--product', 'Tea set', '--amount', '880', '--date', '2026-02-27');
    const [imported, entered] = [await comparable(crm), await comparable(typed)];
    expect(imported.length).toBeGreaterThan(10);
    expect(imported).toEqual(entered);
  });

  it('counts from the first and the latest purchase exactly as add-sale does, however many sales a row brings', async () => {
    // No tiers in this playbook, so every follow-up must match add-sale's, ids aside.
    const playbook = join(dir, 'purchases.yaml');
    writeFileSync(playbook, [
      'version: 1', 'name: purchases', 'rules:',
      '  - { id: welcome, action: call, title: "Welcome {customer}", lesson: x, when: { relative-to: first-purchase, offset: +1 month } }',
      '  - { id: come-back, action: call, title: "Miss you {customer}", lesson: x, when: { relative-to: last-purchase, offset: +60 days } }',
      '  - { id: thanks, action: call, title: "Thanks {customer}", lesson: x, when: { relative-to: close } }',
      '',
    ].join('\n'));
    const typed = crmIn(join(dir, 'typed'));
    for (const run of [crm, typed]) expect((await run('rules', 'use', playbook)).code).toBe(0);
    const sheet = [
      { name: 'Ann', phone: '555 0001', product: 'A', amount: '10', date: '2026-01-05' },
      { name: 'Ann', phone: '555 0001', product: 'B', amount: '20', date: '2026-02-20' },
      { name: 'Ann', phone: '555 0001', product: 'free filter', amount: '0', date: '2026-02-25' }, // not a purchase
      { name: 'Ben', phone: '555 0002', product: 'C', amount: '30', date: '2026-02-27' },
    ];
    expect((await crm('import', writeSheet(join(dir, 'p.csv'), sheet))).code).toBe(0);
    for (const [name, phone] of [['Ann', '555 0001'], ['Ben', '555 0002']]) await typed('customer', 'add', name, '--phone', phone);
    for (const s of sheet) await typed('add-sale', '--customer', s.name, '--product', s.product, '--amount', s.amount, '--date', s.date);
    const reminders = async (run: CrmRunner) =>
      (JSON.parse((await run('export', '--format', 'json')).stdout).reminders as { id: number; dedupeKey: string; rule: string; customerId: number; due: string }[])
        .map(({ id: _id, ...r }) => r).sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
    const imported = await reminders(crm);
    expect(imported.filter((r) => r.rule === 'come-back').map((r) => [r.customerId, r.due])).toEqual([[1, '2026-04-21'], [2, '2026-04-28']]);
    expect(imported.filter((r) => r.rule === 'welcome')).toHaveLength(2);
    expect(imported).toEqual(await reminders(typed));
  });

  it('takes a Chinese mobile with and without +86, 0086 or 86 for one phone, and 00 for +', async () => {
    const file = writeSheet(join(dir, 'phones.csv'), [
      { name: '王芳', phone: '+86 138 0013 8000', product: 'X3', amount: '3999', date: '2026-02-20' },
      { name: '王芳', phone: '138-0013-8000', product: '滤芯', amount: '199', date: '2026-02-21' },
      { name: '王芳', phone: '0086 13800138000' },
      { name: 'Wang Fang', phone: '8613800138000' },
      { name: 'Anna', phone: '0049 30 1234567' },
      { name: 'Anna', phone: '+49 30 1234567' },
    ]);
    const r = await crm('import', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('customers: 2 new, 0 updated, 0 unchanged\n  sales: 2 new');
    expect(r.stderr).toContain('row 5: "Wang Fang" has the phone of row 2, "王芳"; merged into that customer');
    expect((await json('customer', 'list')).map((c: { name: string; phone: string }) => [c.name, c.phone]).sort()).toEqual([['Anna', '0049 30 1234567'], ['王芳', '+86 138 0013 8000']]);
    writeSheet(file, [{ name: '王芳', phone: '13800138000' }]);
    expect((await crm('import', file)).stdout).toContain('customers: 0 new, 0 updated, 1 unchanged');
  });

  it('imports a sheet without dates again on a later day without doubling its sales; a dated repeat purchase is added', async () => {
    const file = writeSheet(join(dir, 'undated.csv'), [
      { name: '王芳', phone: '13800138000', product: '滤芯', amount: '199' },
      { name: '王芳', product: '滤芯', amount: '199' },
      { name: 'Bob Li', product: 'Tea set', amount: '880' },
    ]);
    expect((await crm('import', file)).stdout).toContain('sales: 3 new, 0 already on file');
    const later = crmIn(dir, { today: '2026-03-09' });
    const again = await later('import', file);
    expect(again.stdout).toContain('sales: 0 new, 3 already on file');
    expect((await json('export', '--what', 'sales')).sales.map((s: { date: string }) => s.date)).toEqual(['2026-03-02', '2026-03-02', '2026-03-02']);
    writeSheet(file, [{ name: 'Bob Li', product: 'Tea set', amount: '880', date: '2026-03-09' }, { name: 'Bob Li', product: 'Tea set', amount: '880', quantity: '2' }]);
    expect((await later('import', file)).stdout).toContain('sales: 2 new, 0 already on file');
  });

  it('imports the same file twice without doubling anything, and updates what a changed file says', async () => {
    const file = writeSheet(join(dir, 'sheet.csv'), SHEET);
    await crm('import', file);
    const before = await json('export');
    const again = await crm('import', file);
    expect(again.stdout).toContain('customers: 0 new, 0 updated, 2 unchanged\n  sales: 0 new, 3 already on file\n');
    expect(await json('export')).toEqual(before);

    writeSheet(file, [{ name: '王芳', phone: '+8613800138000', email: 'wang@example.cn', tags: 'vip' }, { name: 'Bob Li', notes: 'prefers mornings' }]);
    expect((await crm('import', file)).stdout).toContain('customers: 0 new, 2 updated, 0 unchanged');
    const list = await json('customer', 'list');
    expect(list).toHaveLength(2);
    expect(list.find((c: { name: string }) => c.name === '王芳')).toMatchObject({ email: 'wang@example.cn', tags: ['vip'], phone: '+86 138 0013 8000', birthday: '03-15' });

    // A new phone for a name on file may be a second 王芳 or the same one with a new number: she is
    // added, and the report says which customer has her name.
    writeSheet(file, [{ name: '王芳', phone: '139 0000 1111' }]);
    const changed = await crm('import', file);
    expect(changed.stdout).toContain('customers: 1 new, 0 updated, 0 unchanged');
    expect(changed.stderr).toBe('warning: row 2: "王芳" added as a new customer: customer 2 has that name but another phone, email or company; if it is the same person, correct it with crm customer edit and import again\n');
  });

  it('plans again for customers on file whose birthday or tags a sheet changes, and stops a do-not-contact one', async () => {
    const file = writeSheet(join(dir, 'sheet.csv'), [
      { name: 'Wang', phone: '13800000001', product: 'P', amount: '100', date: '2026-03-01' },
      { name: 'Li', phone: '13800000002', product: 'Q', amount: '200', date: '2026-02-20' },
    ]);
    await crm('import', file);
    writeSheet(file, [{ name: 'Wang', phone: '13800000001', birthday: '03-20', tags: 'important' }, { name: 'Li', phone: '13800000002', do_not_contact: 'yes' }]);
    expect((await crm('import', file)).stdout).toContain('customers: 0 new, 2 updated, 0 unchanged');
    const open = (name: string) => queryDb(crm.db, `SELECT r.rule, r.due FROM reminders r JOIN customers c ON c.id = r.customer_id WHERE c.name = '${name}' AND r.state = 'open'`);
    expect(open('Wang')).toEqual(expect.arrayContaining([{ rule: 'birthday', due: '2026-03-20' }]));
    expect(open('Wang').some((r) => r.rule === 'holiday-visit')).toBe(true);
    expect(open('Li')).toEqual([]);
    // Nothing changes the second time.
    const before = await json('export');
    expect((await crm('import', file)).stdout).toContain('customers: 0 new, 0 updated, 2 unchanged');
    expect(await json('export')).toEqual(before);
  });

  it('reads the GBK file Chinese Excel saves', async () => {
    const file = join(dir, '客户.csv');
    copyFileSync(new URL('../fixtures/customers-gbk.csv', import.meta.url), file);
    const r = await crm('import', file);
    expect(r.stdout).toContain(`Imported ${file} (gb18030, 3 rows):\n  customers: 3 new`);
    const wang = (await json('customer', 'show', '王芳')).customer;
    expect(wang).toMatchObject({ company: '华星贸易', birthday: '03-15', channel: 'wechat', tags: ['vip', '重要'], notes: '喜欢喝茶' });
    expect((await json('customer', 'show', '张伟')).customer.notes).toBe('周末不打扰；\n下午联系');
    expect((await json('customer', 'show', '王芳')).sales).toMatchObject([{ product: '空气净化器 X3', amount: 3999, date: '2026-02-20', warrantyMonths: 12 }]);
  });

  it('reads a JSON list of rows with the same column names', async () => {
    const file = join(dir, 'rows.json');
    writeFileSync(file, JSON.stringify([{ name: 'Zoë', tags: ['vip', 'new'], product: 'Pen', amount: 12.5, verbal: true }, { name: 'Max', do_not_contact: true }]));
    expect((await crm('import', file)).code).toBe(0);
    const zoe = await json('customer', 'show', 'Zoë');
    expect(zoe.customer.tags).toEqual(['new', 'vip']);
    expect(zoe.sales[0]).toMatchObject({ product: 'Pen', amount: 12.5, verbal: true, date: '2026-03-02' });
    expect((await json('customer', 'show', 'Max')).customer.doNotContact).toBe(true);
  });

  it('maps other headers with --map', async () => {
    const file = writeSheet(join(dir, 'm.csv'), [{ 区域: '1', 客户名称: '王芳', 联系号码: '13800138000' }]);
    expect((await crm('import', file)).stderr).toMatch(/^crm: columns "区域", "联系号码" not known/);
    expect((await crm('import', file, '--map', '区域=-,联系号码=phone', '--map', '客户名称=name')).code).toBe(0);
    expect((await json('customer', 'list'))[0]).toMatchObject({ name: '王芳', phone: '13800138000' });
  });

  it('--dry-run reports what would change and leaves the file byte for byte as it was', async () => {
    await crm('customer', 'add', 'Existing');
    const before = readFileSync(crm.db);
    const r = await crm('import', writeSheet(join(dir, 's.csv'), SHEET), '--dry-run');
    expect(r.stdout).toMatch(/^Dry run, nothing written\. Would import .* \(utf-8, 3 rows\):\n {2}customers: 2 new/);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
    expect(await json('customer', 'list')).toHaveLength(1);
  });

  it('imports a refund (a negative amount) as add-sale records one: a sale with nothing planned', async () => {
    const file = writeSheet(join(dir, 'refund.csv'), [
      { name: 'Ann', phone: '555 0001', product: 'Kettle', amount: '49.90', date: '2026-02-20' },
      { name: 'Ann', phone: '555 0001', product: 'Kettle', amount: '-49.90', date: '2026-02-25' },
    ]);
    expect((await crm('import', file)).code).toBe(0);
    const doc = JSON.parse((await crm('export', '--format', 'json')).stdout);
    expect(doc.sales.map((s: { amount: number }) => s.amount)).toEqual([49.9, -49.9]);
    expect(doc.reminders.length).toBeGreaterThan(0);
    expect(doc.reminders.every((r: { saleId: number }) => r.saleId === doc.sales[0].id)).toBe(true);
  });

  it('reports in JSON', async () => {
    const report = await json('import', writeSheet(join(dir, 's.csv'), SHEET));
    expect(report).toMatchObject({ imported: true, rows: 3, encoding: 'utf-8', customers: { created: 2 }, sales: { created: 3, alreadyOnFile: 0 } });
    expect(report.followUps.open).toBeGreaterThan(0);
    // What the import put on today's agenda (steps due today, and those caught up to today).
    const reminders = JSON.parse((await crm('export', '--format', 'json')).stdout).reminders as { due: string; state: string }[];
    const today = reminders.filter((r) => r.state === 'open' && r.due === '2026-03-02').length;
    expect(today).toBeGreaterThan(0);
    expect(report.followUps.dueToday).toBe(today);
    expect((await crm('import', writeSheet(join(dir, 'more.csv'), [{ name: 'Cleo', product: 'Pen', amount: '3', date: '2026-03-02' }]))).stdout)
      .toMatch(/\n {2}[1-9]\d* of the planned ones are due today: crm today lists them\n/);
  });

  it('draws a progress bar on a terminal stderr only, for large files', async () => {
    const file = writeSheet(join(dir, 'big.csv'), Array.from({ length: 2500 }, (_, i) => ({ name: `客户${i}`, phone: `555 ${10000 + i}` })));
    const run = async (stderrIsTTY: boolean, db: string) => {
      let stderr = '';
      const code = await main(['node', 'crm', '--db', join(dir, db), '--today', '2026-03-02', 'import', file], {
        env: { HOME: dir }, stdout: () => {}, stderr: (s) => void (stderr += s), stdoutIsTTY: false, stderrIsTTY,
      });
      return { code, stderr };
    };
    const tty = await run(true, 'a.db');
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('\rimporting [##############################] 100% 2500/2500');
    const piped = await run(false, 'b.db');
    expect(piped.stderr).toBe(`Checked 2500 rows of ${file}; writing...\n`);
  });

  describe('follow-ups that were due already (win-back calls of customers who stopped buying)', () => {
    // 45 customers who bought once, nine months ago: meteors, whose 90-day win-back call is due now.
    const lapsed = Array.from({ length: 45 }, (_, i) => ({ name: `Lapsed ${i + 1}`, phone: `555 ${1000 + i}`, product: 'Tea', amount: String(100 + 10 * i), date: '2025-06-02' }));
    type Row = { id: number; customerId: number; rule: string; due: string; state: string };
    const winBacks = async (run: CrmRunner = crm) =>
      (JSON.parse((await run('export', '--format', 'json')).stdout).reminders as Row[]).filter((r) => r.rule === 'win-back' && r.state === 'open');
    const perDay = (rows: Row[]) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.due]: (m[r.due] ?? 0) + 1 }), {});

    it('are spread 20 a working day, the largest buyers first, each move kept as a snooze that a re-plan keeps', async () => {
      const file = writeSheet(join(dir, 'lapsed.csv'), lapsed);
      const r = await crm('import', file);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('\n  25 more were due already (win-back calls, late steps): spread 20 a working day until 2026-03-04, most valuable customers first (--pace to change)\n');
      const rows = await winBacks();
      expect(perDay(rows)).toEqual({ '2026-03-02': 20, '2026-03-03': 20, '2026-03-04': 5 });
      // The 20 largest sales (Lapsed 26 to 45) keep today; the smallest five come last.
      const customers = JSON.parse((await crm('export', '--format', 'json')).stdout).customers as { id: number; name: string }[];
      const nameOf = (id: number) => customers.find((c) => c.id === id)!.name;
      expect(rows.filter((x) => x.due === '2026-03-02').map((x) => nameOf(x.customerId)).sort()).toEqual(lapsed.slice(25).map((c) => c.name).sort());
      expect(rows.filter((x) => x.due === '2026-03-04').map((x) => nameOf(x.customerId)).sort()).toEqual(lapsed.slice(0, 5).map((c) => c.name).sort());
      // The customer's history says what moved the call, as a snooze by hand would.
      const shown = (await crm('customer', 'show', 'Lapsed 1')).stdout;
      expect(shown).toContain('spread by crm import, 20 a day: from 2026-03-02 to 2026-03-04');
      // Today's agenda holds the 20 and what fell on today by itself (monthly cards, checks).
      const report = JSON.parse((await crm('--json', 'import', file)).stdout);
      expect(report.paced).toBeNull();
      const agenda = JSON.parse((await crm('--json', 'today', '--days', '0')).stdout);
      expect(JSON.stringify(agenda).match(/Win-back call/g)).toHaveLength(20);
      // A re-plan under the same playbook moves none of them back to today.
      expect((await crm('rules', 'use', 'default', '--replan')).stdout).toMatch(/0 changed, 0 removed/);
      expect(perDay(await winBacks())).toEqual({ '2026-03-02': 20, '2026-03-03': 20, '2026-03-04': 5 });
    });

    it('are spread over at most 60 working days by default, more than 20 a day when there are that many', async () => {
      const many = Array.from({ length: 1250 }, (_, i) => ({ name: `Lapsed ${i + 1}`, phone: `555 ${10000 + i}`, product: 'Tea', amount: '100', date: '2025-06-02' }));
      const report = JSON.parse((await crm('--json', 'import', writeSheet(join(dir, 'many.csv'), many))).stdout);
      // 1250 / 60 days = 21 a day: 60 days from Mon 2026-03-02 is Fri 2026-05-22.
      expect(report.paced).toEqual({ moved: 1229, perDay: 21, until: '2026-05-22' });
      const days = perDay(await winBacks());
      expect(Object.keys(days)).toHaveLength(60);
      expect(Math.max(...Object.values(days))).toBe(21);
      expect(Object.keys(days).every((d) => ![0, 6].includes(new Date(d).getUTCDay()))).toBe(true);
    });

    it('that crm classify plans (customers who turned meteor since) are spread the same way', async () => {
      // Bought in June: new customers then, no win-back call. Nine months later they are meteors.
      const june = crmIn(dir, { today: '2025-06-10' });
      await june('import', writeSheet(join(dir, 'lapsed.csv'), lapsed));
      expect(await winBacks()).toEqual([]);
      const out = await crm('classify');
      expect(out.stderr).toContain('\n25 of the follow-ups that were due already (win-back calls, late steps) are spread over the next working days, 20 a day until 2026-03-04, most valuable customers first (--pace to change)\n');
      expect(perDay(await winBacks())).toEqual({ '2026-03-02': 20, '2026-03-03': 20, '2026-03-04': 5 });
      expect((await crm('customer', 'show', 'Lapsed 1')).stdout).toContain('spread by crm classify, 20 a day: from 2026-03-02 to 2026-03-04');
      expect((await json('classify')).paced).toBeNull();
    });

    it('that a new playbook plans with rules use --replan are spread the same way', async () => {
      const withoutWinBack = readFileSync(join(import.meta.dirname, '../../playbooks/default.yaml'), 'utf8')
        .split('\n  - id: ').filter((block) => !block.startsWith('win-back')).join('\n  - id: ');
      await crm('rules', 'use', writeFileAnd(join(dir, 'no-win-back.yaml'), withoutWinBack));
      await crm('import', writeSheet(join(dir, 'lapsed.csv'), lapsed));
      expect(await winBacks()).toEqual([]);
      const out = await json('rules', 'use', 'default', '--replan', '--pace', '30');
      expect(out.paced).toEqual({ moved: 15, perDay: 30, until: '2026-03-03' });
      expect(perDay(await winBacks())).toEqual({ '2026-03-02': 30, '2026-03-03': 15 });
    });

    it('fill the days an earlier import left room on: a second sheet the same week does not double them', async () => {
      await crm('import', writeSheet(join(dir, 'lapsed.csv'), lapsed));
      const more = lapsed.map((c, i) => ({ ...c, name: `Later ${i + 1}`, phone: `555 ${2000 + i}` }));
      const second = JSON.parse((await crm('--json', 'import', writeSheet(join(dir, 'more.csv'), more))).stdout);
      expect(second.paced).toEqual({ moved: 45, perDay: 20, until: '2026-03-06' });
      expect(perDay(await winBacks())).toEqual({ '2026-03-02': 20, '2026-03-03': 20, '2026-03-04': 20, '2026-03-05': 20, '2026-03-06': 10 });
      // One more lapsed customer: today is full, so even a single call goes to the next free day.
      const one = JSON.parse((await crm('--json', 'import', writeSheet(join(dir, 'one.csv'), [{ ...lapsed[0], name: 'Last', phone: '555 3000' }]))).stdout);
      expect(one.paced).toEqual({ moved: 1, perDay: 20, until: '2026-03-06' });
    });

    it('start on the next working day when the import runs at a weekend', async () => {
      const weekend = crmIn(join(dir, 'weekend'), { today: '2026-03-07' });
      const report = JSON.parse((await weekend('--json', 'import', writeSheet(join(dir, 'lapsed.csv'), lapsed))).stdout);
      expect(report.paced).toEqual({ moved: 25, perDay: 20, until: '2026-03-11' });
      expect(perDay(await winBacks(weekend))).toEqual({ '2026-03-09': 20, '2026-03-10': 20, '2026-03-11': 5 });
    });

    it('--pace sets how many a day, 0 keeps them all today, and anything else is refused before the file is read', async () => {
      const file = writeSheet(join(dir, 'lapsed.csv'), lapsed);
      const dry = JSON.parse((await crm('--json', 'import', file, '--pace', '30', '--dry-run')).stdout);
      expect(dry).toMatchObject({ imported: false, paced: { moved: 15, perDay: 30, until: '2026-03-03' } });
      const all = crmIn(join(dir, 'all'));
      const report = JSON.parse((await all('--json', 'import', file, '--pace', '0')).stdout);
      expect(report.paced).toBeNull();
      expect(perDay(await winBacks(all))).toEqual({ '2026-03-02': 45 });
      expect(report.followUps.dueToday).toBeGreaterThanOrEqual(45);
      for (const bad of ['-1', 'many', '2.5']) {
        const r = await crm('import', join(dir, 'missing.csv'), '--pace', bad);
        expect(r).toMatchObject({ code: 2, stdout: '' });
        expect(r.stderr).toBe(`crm: --pace must be a whole number like 0, 3 or 12 (got "${bad}")\n`);
      }
    });
  });
});
