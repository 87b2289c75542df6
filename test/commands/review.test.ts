import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { remindersOf, seedBase } from '../support/value-base.js';

let crm: CrmRunner;
let cleanup: () => void;
const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);
const openCount = (name: string) => remindersOf(crm.db, name).filter((r) => r.state === 'open').length;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { today: '2026-03-02' });
  await seedBase(crm);
  await crm('classify');
});
afterEach(() => cleanup());

describe('crm review', () => {
  it('lists flagged and burden customers with the evidence, for the salesperson to decide', async () => {
    const flag = await crm('review', 'flag', 'Mia', 'price-only,picky', '--note', 'left for a shop 2% cheaper');
    expect(flag.stdout).toMatch(/^Flagged Mia: price-only \(buys only on price; .*\), picky \(.*\)\. It shows in crm review; nothing changes until you decide\.\n$/);
    const list = await json('review');
    expect(list.map((e: { customer: { name: string } }) => e.customer.name)).toEqual(['Bob', 'Mia']);
    expect(list[0]).toMatchObject({
      evidence: { tier: 'burden', deals: 2, amount: 2000, profit: 20, margin: 1, lastPurchase: '2025-09-01', complaints: 0, flags: [] },
      decision: null,
    });
    expect(list[0].evidence.openFollowUps).toBe(0);
    expect(list[1].evidence.openFollowUps).toBeGreaterThan(0);
    expect(list[1].evidence.flags).toEqual([
      { flag: 'price-only', note: 'left for a shop 2% cheaper', flaggedOn: '2026-03-02' },
      { flag: 'picky', note: 'left for a shop 2% cheaper', flaggedOn: '2026-03-02' },
    ]);
    const table = await crm('review');
    expect(table.stdout.split('\n')[0]).toBe('id\tcustomer\ttier\tdeals\tprofit\tmargin\tlast purchase\tcomplaints\tflags\tdecision');
    expect(table.stdout).toContain('\tBob\tburden\t2\t20\t1%\t2025-09-01\t0\t\tto decide\n');
    expect(table.stdout).toContain('\tMia\tmeteor\t1\t4,000\t80%\t2025-06-01\t0\tprice-only (03-02): left for a shop 2% cheaper; picky (03-02): left for a shop 2% cheaper\tto decide\n');
  });

  it('counts the complaints of each customer as evidence', async () => {
    for (const words of ['late again', 'broken on arrival']) {
      const r = await crm('complaint', 'open', '--customer', 'Bob', '--words', words, '--channel', 'phone', '--severity', '3', '--understood', 'yes', '--wants', 'refund');
      expect(r.code).toBe(0);
    }
    expect((await json('review')).find((e: { customer: { name: string } }) => e.customer.name === 'Bob').evidence.complaints).toBe(2);
  });

  it('stops active follow-ups on a decision with its reason, plans nothing new, deletes nothing, and can resume', async () => {
    const before = openCount('Mia');
    const stop = await crm('review', 'decide', 'Mia', '--stop', '--reason', 'only buys below cost');
    expect(stop.stdout).toBe(`Stopped active follow-ups of Mia: ${before} skipped, nothing new will be planned. The file is kept; crm review decide 3 --keep --reason "..." resumes.\n`);
    expect(openCount('Mia')).toBe(0);
    expect(remindersOf(crm.db, 'Mia').filter((r) => r.state === 'skipped')).toHaveLength(before);
    const sale = await crm('--json', 'add-sale', '--customer', 'Mia', '--product', 'Widget', '--amount', '100', '--cost', '60');
    expect(JSON.parse(sale.stdout).reminders).toEqual([]);
    const text = await crm('add-sale', '--customer', 'Mia', '--product', 'Widget', '--amount', '100', '--cost', '60');
    expect(text.stderr).toContain("Mia's active follow-ups were stopped after a review: no follow-ups planned");
    const show = await json('customer', 'show', 'Mia');
    expect(show.sales).toHaveLength(3);
    expect(show.review).toMatchObject({ decision: 'stop', reason: 'only buys below cost', decidedOn: '2026-03-02' });
    expect((await crm('customer', 'show', 'Mia')).stdout).toContain('Review       active follow-ups stopped on 2026-03-02: only buys below cost');
    const db = new Database(crm.db, { readonly: true });
    const evidence = JSON.parse((db.prepare('SELECT evidence_json FROM review_decisions').get() as { evidence_json: string }).evidence_json);
    db.close();
    expect(evidence).toMatchObject({ tier: 'meteor', deals: 1, margin: 80, complaints: 0 });

    const keep = await json('review', 'decide', 'Mia', '--keep', '--reason', 'new owner pays full price');
    expect(keep).toMatchObject({ decision: 'keep', skipped: 0 });
    expect(keep.reopened).toBeGreaterThan(0);
    expect(openCount('Mia')).toBeGreaterThanOrEqual(keep.reopened);
    expect((await json('customer', 'show', 'Mia')).review).toMatchObject({ decision: 'keep', reason: 'new owner pays full price' });
    expect((await json('review')).map((e: { customer: { name: string } }) => e.customer.name)).toEqual(['Bob']);
  });

  it('clears a flag but keeps it in the history', async () => {
    await crm('review', 'flag', 'Sam', 'abusive', '--note', 'shouted at the driver');
    expect((await json('review')).map((e: { customer: { name: string } }) => e.customer.name)).toContain('Sam');
    expect((await crm('review', 'unflag', 'Sam', 'abusive', '--note', 'apologised')).stdout).toBe('Cleared abusive for Sam (kept in the history).\n');
    expect((await json('review')).map((e: { customer: { name: string } }) => e.customer.name)).not.toContain('Sam');
    const db = new Database(crm.db, { readonly: true });
    expect(db.prepare('SELECT flag, cleared_on, clear_note FROM customer_flags').all()).toEqual([{ flag: 'abusive', cleared_on: '2026-03-02', clear_note: 'apologised' }]);
    db.close();
  });

  it.each([
    [['review', 'decide', 'Bob', '--reason', 'x'], /^crm: give --keep or --stop/],
    [['review', 'decide', 'Bob', '--keep', '--stop', '--reason', 'x'], /^crm: give --keep or --stop/],
    [['review', 'decide', 'Bob', '--stop'], /^crm: --reason must say why you decided so \(got ""\)\n$/],
    [['review', 'decide', 'Nobody', '--stop', '--reason', 'x'], /^crm: customer: no customer named "Nobody"/],
    [['review', 'flag', 'Bob', 'rude', '--note', 'x'], /^crm: flag must be one of abusive, price-only, excessive-demands, picky, troublemaker, harms-others \(got "rude"\)\n$/],
    [['review', 'flag', 'Bob', 'abusive'], /^crm: --note must say what happened/],
    [['review', 'unflag', 'Bob', 'abusive'], /^crm: Bob has no active flag abusive; see crm customer show 4\n$/],
    [['survey', 'Nina'], /^crm: give --why, --improve or both/],
    [['survey', 'Nina', '--why', 'x', '--reminder', '1'], /^crm: --reminder 1 is not an open follow-up of this customer/],
  ])('bad input %j exits 2 with one line and changes nothing', async (args, message) => {
    const before = readFileSync(crm.db);
    const r = await crm(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(crm.db).equals(before)).toBe(true);
  });
});

describe('crm survey', () => {
  it('saves the answers to the file and closes the open loyalty-survey follow-up', async () => {
    const survey = remindersOf(crm.db, 'Nina').find((r) => r.rule === 'loyalty-survey')!;
    expect(survey).toMatchObject({ due: '2026-03-20', state: 'open' });
    const r = await crm('survey', 'Nina', '--why', 'fast delivery', '--improve', 'more colours');
    expect(r.stdout).toBe(`Saved Nina's survey answers; follow-up ${survey.id} done. They show in crm customer show.\n`);
    expect(remindersOf(crm.db, 'Nina').find((x) => x.id === survey.id)!.state).toBe('done');
    const show = await json('customer', 'show', 'Nina');
    expect(show.surveys).toEqual([{ id: 1, customerId: 5, reminderId: survey.id, date: '2026-03-02', why: 'fast delivery', improve: 'more colours' }]);
    expect(show.contacts.at(-1)).toMatchObject({ kind: 'done', reminderId: survey.id, note: 'loyalty survey; why us: fast delivery; improve: more colours' });
    expect((await crm('customer', 'show', 'Nina')).stdout).toContain('Survey answers\n  2026-03-02\n    why us:  fast delivery\n    improve: more colours\n');
  });

  it('saves answers given without a planned survey as a logged contact', async () => {
    const out = await json('survey', 'Gina', '--improve', 'call before delivering');
    expect(out).toMatchObject({ customerId: 1, why: null, improve: 'call before delivering', reminderId: null });
    expect((await json('customer', 'show', 'Gina')).contacts.at(-1)).toMatchObject({ kind: 'log', note: 'loyalty survey; improve: call before delivering' });
  });
});

describe('crm review and crm survey in Chinese', () => {
  const zh = (...args: string[]) => crm('--lang', 'zh', ...args);

  it('flags, lists and decides in Chinese; --json is the same in both languages', async () => {
    const flag = await zh('review', 'flag', 'Mia', 'price-only', '--note', '为便宜2%转单');
    expect(flag.stdout).toBe('已标记Mia：price-only（只看价格；别家便宜一点就走）。该客户会出现在 crm review 中；在你做出决定之前，一切照旧。\n');
    expect((await zh('--json', 'review')).stdout).toBe((await crm('--json', 'review')).stdout);
    const table = await zh('review');
    expect(table.stdout.split('\n')[0]).toBe('编号\t客户\t等级\t成交次数\t利润\t毛利率\t最近购买\t投诉\t标记\t决定');
    expect(table.stdout).toContain('\tBob\t负担\t2\t20\t1%\t2025-09-01\t0\t\t待决定\n');
    expect(table.stdout).toContain('\tMia\t流星\t1\t4,000\t80%\t2025-06-01\t0\tprice-only（03-02）：为便宜2%转单\t待决定\n');
    const stop = await zh('review', 'decide', 'Mia', '--stop', '--reason', '只肯低于成本价购买');
    expect(stop.stdout).toMatch(/^已停止Mia的跟进：跳过 \d+ 条，不再安排新的跟进。客户档案保留；用 crm review decide 3 --keep --reason "\.\.\." 可恢复。\n$/);
    const show = await zh('customer', 'show', 'Mia');
    expect(show.stdout).toContain('  价值等级     流星（2026-03-02 分类）\n');
    expect(show.stdout).toContain('  标记         price-only（只看价格；别家便宜一点就走），2026-03-02：为便宜2%转单\n');
    expect(show.stdout).toContain('  审视         2026-03-02 起停止跟进：只肯低于成本价购买\n');
    expect((await zh('review', 'decide', 'Mia', '--reason', 'x')).stderr).toBe('crm: 请给出 --keep 或 --stop：继续维护该客户，或停止对其跟进\n');
  });

  it('saves survey answers with a Chinese note', async () => {
    const survey = remindersOf(crm.db, 'Nina').find((r) => r.rule === 'loyalty-survey')!;
    const r = await zh('survey', 'Nina', '--why', '送货快', '--improve', '颜色多一些');
    expect(r.stdout).toBe(`已保存Nina的问卷回答；跟进 ${survey.id} 已完成。可在 crm customer show 中查看。\n`);
    expect((await json('customer', 'show', 'Nina')).contacts.at(-1).note).toBe('忠诚度回访；选择原因：送货快；改进建议：颜色多一些');
    expect((await zh('customer', 'show', 'Nina')).stdout).toContain('  2026-03-02\n    选择原因：送货快\n    改进建议：颜色多一些\n');
  });
});
