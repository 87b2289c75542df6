/** Every table crm prints on a terminal fits the terminal's width, on the demo database, in both languages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmIn, tempDir } from '../support/cli.js';
import { displayWidth } from '../../src/ui/width.js';

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  expect((await crmIn(dir)('demo')).code).toBe(0);
});
afterAll(() => cleanup());

const at = (columns: number | undefined, lang: string, ...args: string[]) =>
  crmIn(dir, { tty: true, columns, env: { NO_COLOR: '1' } })('--lang', lang, ...args);

/** Commands whose output is headings and tables only: every line must fit. */
const LISTS = [['today', '--days', '1'], ['today', '--days', '30'], ['customer', 'list'], ['complaint', 'list'], ['rules', 'list']];
/** Commands that also print prose (free-text fields, sentences): their table lines must fit. */
const FILES = [['customer', 'show', '王芳'], ['customer', 'show', '赵丽'], ['complaint', 'show', '1']];

describe('tables on a terminal of a known width', () => {
  it.each([60, 80, 85, 100])('fit %i columns in English and Chinese, tables or stacked rows', async (columns) => {
    for (const lang of ['en', 'zh']) {
      for (const args of [...LISTS, ...FILES]) {
        const r = await at(columns, lang, ...args);
        expect(r.code).toBe(0);
        const lines = r.stdout.trimEnd().split('\n');
        const checked = LISTS.includes(args) ? lines : lines.filter((l) => /^[│┌└]/.test(l));
        for (const line of checked) expect(displayWidth(line), `${lang} ${args.join(' ')}: ${line}`).toBeLessThanOrEqual(columns);
      }
    }
  });

  it('keeps the agenda a table at 80 columns, the default terminal, the bug bash had it 183 wide', async () => {
    const out = (await at(80, 'en', 'today', '--days', '1')).stdout;
    const table = out.split('\n').filter((l) => /^[│┌└]/.test(l));
    expect(table.length).toBeGreaterThan(10);
    expect(Math.max(...table.map(displayWidth))).toBeLessThanOrEqual(80);
    expect(out).toContain('│ id  │ when    │ customer');
  });

  it('stacks the agenda as label: value blocks on a narrow terminal, losing no Chinese character', async () => {
    const narrow = (await at(50, 'zh', 'today', '--days', '1')).stdout;
    const wide = (await at(undefined, 'zh', 'today', '--days', '1')).stdout;
    expect(narrow.split('\n\n')[0]).not.toMatch(/[│┌└]/);
    expect(narrow).toMatch(/^已逾期（\d+）\n编号：\s+\d+\n时间：\s+逾期 2 天\n客户：\s+\S+\n/);
    const cjk = (s: string) => [...s.matchAll(/[\u4e00-\u9fff]/gu)].map((m) => m[0]);
    // The labels come once a row stacked, once a table as a table: compare the rest.
    const labels = /^(编号|时间|客户|动作|跟进事项|联系方式|步骤|承诺答复时间)：/gm;
    const heads = /│ 编号 +│ 时间 +│ 客户 +│ 动作 +│ 跟进事项 +│ 联系方式 +│|│ 编号 +│ 客户 +│ 步骤 +│ 承诺答复时间 +│/g;
    expect(cjk(narrow.replace(labels, '').replace(heads, '')).sort()).toEqual(cjk(wide.replace(heads, '')).sort());
  });

  it('keeps the piped output as it was: tab-separated, whatever the width', async () => {
    const piped = (columns: number | undefined) => crmIn(dir, { columns })('today', '--days', '1');
    const plain = (await piped(undefined)).stdout;
    expect(plain).toMatch(/^Overdue \(\d+\)\nid\twhen\tcustomer\taction\tfollow-up\tcontact\n\d+\t2d late\t/);
    expect((await piped(40)).stdout).toBe(plain);
  });
});
