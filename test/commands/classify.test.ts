import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alterDb, crmIn, expectRefused, tempDir, type CrmRunner } from '../support/cli.js';
import { seedBase } from '../support/value-base.js';

let crm: CrmRunner;
let cleanup: () => void;
const json = async (...args: string[]) => JSON.parse((await crm('--json', ...args)).stdout);
const tiers = (out: { customers: { name: string; tier: string }[] }) => Object.fromEntries(out.customers.map((c) => [c.name, c.tier]));

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  crm = crmIn(t.dir, { today: '2026-03-02' });
  await seedBase(crm);
});
afterEach(() => cleanup());

describe('crm classify', () => {
  it('gives every customer a tier and every dealer a strategy, with the thresholds used', async () => {
    const out = await json('classify');
    expect(tiers(out)).toEqual({ Gina: 'gold', Sam: 'stream', Mia: 'meteor', Bob: 'burden', Nina: 'new', Dave: 'new' });
    expect(out.customers.find((c: { name: string }) => c.name === 'Dave')).toMatchObject({ type: 2, strategy: 'persist', monthlyVolume: 33333.33 });
    expect(out.customers.find((c: { name: string }) => c.name === 'Gina')).toMatchObject({ deals: 2, profitPerDeal: 2000, repeatsPerYear: 1, lastPurchase: '2025-09-01', estimated: false });
    expect(out.thresholds['gold-profit']).toMatchObject({ value: 1250, origin: 'derived' });
    expect(out.thresholds['burden-margin']).toMatchObject({ value: 14.6, origin: 'derived' });
    expect(out.thresholds['type1-volume']).toMatchObject({ value: 80000, origin: 'default' });
    expect(out.run).toEqual({ id: 1, previous: null });
  });

  it('prints a table, and what changed since the last run', async () => {
    const first = await crm('classify');
    expect(first.stdout.split('\n')[0]).toBe('id\tcustomer\ttier\tstrategy\tdeals\tprofit/deal\trepeats/yr\tlast purchase\tchange');
    expect(first.stdout).toContain('1\tGina\tgold\t\t2\t2,000\t1.0\t2025-09-01\t\n');
    expect(first.stdout).toContain('6\tDave\tnew\ttype 2 persist\t1\t20,000\t0.0\t2026-02-01\t\n');
    expect(first.stderr).toContain('Run 1: 6 customers classified for the first time.');
    const second = await crm('classify', '--set', 'gold-profit=2500');
    expect(second.stdout).toContain('1\tGina\tstream\t\t2\t2,000\t1.0\t2025-09-01\tgold -> stream\n');
    expect(second.stdout).toContain('\tSam\tstream\t\t2\t200\t1.0\t2025-09-01\t\n');
    expect(second.stderr).toContain('Run 2: 6 customers, 1 changed since run 1 (2026-03-02).');
    const third = await json('classify');
    expect(third.thresholds['gold-profit']).toMatchObject({ value: 2500, origin: 'set' });
    expect(third.customers.every((c: { change: unknown }) => c.change === null)).toBe(true);
    const reset = await json('classify', '--set', 'gold-profit=');
    expect(tiers(reset).Gina).toBe('gold');
    expect(reset.customers.find((c: { name: string }) => c.name === 'Gina').change).toEqual({ tierBefore: 'stream', tierAfter: 'gold', strategyBefore: null, strategyAfter: null });
  });

  it('--explain names every threshold used, where it comes from, and why a customer got their tier', async () => {
    const r = await crm('classify', '--explain', '--customer', 'Gina');
    expect(r.code).toBe(0);
    for (const line of [
      '  gold-profit    1,250     derived: the median profit per deal of the customers who bought (6 customers)',
      '  burden-margin  14.6%     derived: a quarter of the median margin, never under 0% (6 customers)',
      '  loyal-repeats  1         default',
      '  lapse-days     365       default',
      '  new-days       90        default',
      '  margin         25%       default',
      '  type1-volume   80,000    default',
      '  type3-volume   30,000    default',
      '  volume-months  3         default',
    ]) expect(r.stdout).toContain(line + '\n');
    expect(r.stdout).toContain('\nWhy Gina is gold:\n  1 repeat purchases a year >= loyal-repeats 1\n  last purchase 182 days ago <= lapse-days 365\n  profit per deal 2,000 >= gold-profit 1,250\n');
    expect(r.stdout.match(/^\d+\t/gm)).toHaveLength(1);
    const set = await crm('classify', '--explain', '--set', 'margin=30');
    expect(set.stdout).toContain('  margin         30%       set\n');
  });

  it('records the capable judgement of a type 3 dealer: give up, or persist', async () => {
    await crm('classify', '--set', 'type3-volume=40000');
    const judge = await crm('classify');
    expect(judge.stdout).toContain('\tDave\tnew\ttype 3 (judge)\t');
    expect(judge.stderr).toContain('Type 3 dealers to judge: Dave (crm classify --customer NAME --capable yes|no).');
    const no = await json('classify', '--customer', 'Dave', '--capable', 'no');
    expect(no.customers).toHaveLength(1);
    expect(no.customers[0]).toMatchObject({ name: 'Dave', type: 3, strategy: 'give-up' });
    expect(no.customers[0].reasons).toContain('monthly volume 33,333.33 < type3-volume 40,000: type 3, not capable: give up');
    expect((await json('classify', '--customer', 'Dave', '--capable', 'yes')).customers[0].strategy).toBe('persist');
  });

  it.each([['', false], [' (a database whose runs an older crm made)', true]])("keeps its own last run when another database's export is merged in, whose runs get higher ids%s", async (_, older) => {
    await crm('classify', '--set', 'gold-profit=1000');
    if (older) alterDb(crm.db, "DELETE FROM settings WHERE key = 'last-classify-run'");
    const other = tempDir();
    try {
      const theirs = crmIn(other.dir, { today: '2026-03-01' });
      await theirs('customer', 'add', 'Zed');
      await theirs('classify', '--set', 'gold-profit=9000');
      await theirs('classify');
      const file = `${other.dir}/theirs.json`;
      await theirs('export', '--out', file);
      expect((await crm('import', file)).stdout).toContain('2 classify run(s)');
      // Runs 2 and 3 are the other database's (gold-profit 9000): add-sale re-tiers with run 1's.
      const next = await json('classify');
      expect(next.run).toEqual({ id: 4, previous: { id: 1, date: '2026-03-02' } });
      // Its own runs go on from there; an export restored into an empty file has its runs in order.
      expect((await json('classify')).run.previous).toEqual({ id: 4, date: '2026-03-02' });
      const copy = crmIn(`${other.dir}/copy`);
      await copy('import', (await crm('export', '--out', `${other.dir}/ours.json`), `${other.dir}/ours.json`));
      expect((await JSON.parse((await copy('--json', 'classify')).stdout)).run).toEqual({ id: 6, previous: { id: 5, date: '2026-03-02' } });
    } finally {
      other.cleanup();
    }
  });

  it('filters crm customer list by tier', async () => {
    await crm('classify');
    expect((await json('customer', 'list', '--tier', 'gold')).map((c: { name: string }) => c.name)).toEqual(['Gina']);
    expect((await crm('customer', 'list', '--tier', 'burden')).stdout).toContain('\tBob\t');
    expect((await json('customer', 'list', '--tier', 'new')).map((c: { name: string }) => c.name)).toEqual(['Dave', 'Nina']);
  });

  it.each([
    [['classify', '--set', 'gold=5'], /^crm: --set must be KEY=VALUE with KEY one of gold-profit, /],
    [['classify', '--set', 'margin=lots'], /^crm: --set margin must be a percentage like 25 or 7.5% \(got "lots"\)\n$/],
    [['classify', '--set', 'type3-volume=90000'], /^crm: type3-volume \(90000\) must not be above type1-volume \(80000\); change one of them\n$/],
    [['classify', '--capable', 'yes'], /^crm: --capable needs --customer/],
    [['classify', '--customer', 'Dave', '--capable', 'maybe'], /^crm: --capable must be one of yes, no, unknown \(got "maybe"\)\n$/],
    [['classify', '--customer', 'Nobody'], /^crm: --customer: no customer named "Nobody"/],
    [['customer', 'list', '--tier', 'platinum'], /^crm: --tier must be one of gold, meteor, stream, burden, new \(got "platinum"\)\n$/],
  ])('bad input %j exits 2 with one line and changes nothing', async (args, message) => {
    await crm('classify');
    await expectRefused(crm, args, message);
    expect((await json('classify')).run.previous.id).toBe(1);
  });
});

describe('crm classify in Chinese', () => {
  it('explains the thresholds and a customer\'s tier in Chinese, with Chinese tier and strategy names', async () => {
    const r = await crm('--lang', 'zh', 'classify', '--explain', '--customer', 'Gina');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('阈值（用 crm classify --set KEY=VALUE 修改；KEY= 恢复默认）：\n');
    expect(r.stdout).toContain('  gold-profit    1,250     推算：有购买客户的每单利润中位数（6 位客户）\n');
    expect(r.stdout).toContain('  type1-volume   80,000    默认\n');
    expect(r.stdout).toContain('\n  黄金    忠诚，且每单利润不低于 gold-profit\n');
    expect(r.stdout).toContain('编号\t客户\t等级\t策略\t成交次数\t每单利润\t年复购\t最近购买\t变化\n1\tGina\t黄金\t\t2\t2,000\t1.0\t2025-09-01\t\n');
    expect(r.stdout).toContain('\nGina被归为“黄金”的原因：\n  每年复购 1 次 >= loyal-repeats 1\n  最近一次购买在 182 天前 <= lapse-days 365\n  每单利润 2,000 >= gold-profit 1,250\n');
    expect(r.stderr).toBe('第 1 次分类：首次为 6 位客户分类。\n');
    const judge = await crm('--lang', 'zh', 'classify', '--set', 'type3-volume=40000');
    expect(judge.stdout).toContain('\tDave\t新客户\t第3类（待判断）\t');
    expect(judge.stderr).toContain('有待判断的第3类经销商：Dave（crm classify --customer 姓名 --capable yes|no）。');
    const no = await crm('--lang', 'zh', 'classify', '--customer', 'Dave', '--capable', 'no');
    expect(no.stdout).toContain('\tDave\t新客户\t第3类 放弃\t');
  });

  it('prints the same --json in both languages, reasons and help in English', async () => {
    const t = tempDir();
    try {
      const zh = crmIn(t.dir, { today: '2026-03-02', env: { CRM_LANG: 'zh' } });
      await seedBase(zh);
      const args = ['--json', 'classify', '--set', 'type3-volume=40000'];
      const [en, cn] = [await crm(...args), await zh(...args)];
      expect(cn.stdout).toBe(en.stdout);
      const out = JSON.parse(cn.stdout);
      expect(out.customers.find((c: { name: string }) => c.name === 'Dave').reasons).toContain('monthly volume 33,333.33 < type3-volume 40,000: type 3; judge whether they are capable (--capable yes|no)');
      expect(out.thresholds.margin.help).toBe('profit assumed for a sale recorded without --cost');
    } finally {
      t.cleanup();
    }
  });

  it('refuses bad settings in Chinese', async () => {
    const r = await crm('--lang', 'zh', 'classify', '--set', 'type3-volume=90000');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('crm: type3-volume（90000）不能高于 type1-volume（80000）；请修改其中一个\n');
  });
});
