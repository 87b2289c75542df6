/** The complaint feature in Chinese (--lang zh): the walk, show, list, report and refusals; --json never translated. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmIn, expectRefused, tempDir, type CrmRunner } from '../support/cli.js';
import { scriptedPrompter, type Step } from '../support/prompter.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Each question in both languages, and the one answer; the same answers must be saved either way. */
type Line = [kind: Step[0], en: string, zh: string, answer: Step[2]];
const OPEN: Line[] = [
  ['input', 'Who is complaining?', '谁在投诉？', '王芳'],
  ['multiline', "The customer's own words, verbatim", '客户的原话，逐字记录', '咖啡机买了两天就坏了！\n我要退货。'],
  ['select', 'How did the complaint come?', '客户通过什么渠道投诉？', 'wechat'],
  ['number', 'How upset is the customer?', '客户情绪有多激动？', 4],
  ['confirm', 'Did the customer confirm you understood?', '客户确认你理解对了吗？', false],
  ['multiline', 'What you missed', '刚才漏掉的内容', '而且客服不回电话'],
  ['confirm', 'Did the customer confirm you understood?', '客户确认你理解对了吗？', true],
  ['input', 'What does the customer want', '客户想要什么', '退货退款'],
  ['select', 'The cause', '问题的原因', 'misuse'],
  ['input', 'What did you find out?', '查明了什么？', '没有除垢'],
  ['confirm', 'Is the complaint reasonable?', '投诉合理吗？', true],
  ['confirm', 'Is it our fault?', '是我们的责任吗？', false],
  ['input', 'What does the customer think should be done?', '客户认为应该怎么处理？', '换一台新的'],
  ['input', 'Solution 1 (the best first)', '方案 1（最好的放在最前）', '免费上门除垢'],
  ['input', 'Solution 2', '方案 2（留空表示没有更多）', '换新机'],
  ['input', 'Solution 3', '方案 3', ''],
  ['select', 'Which solution did the customer accept?', '客户接受了哪个方案？', '2'],
  ['input', 'more than expected', '超出客户预期', '送一年除垢剂'],
  ['confirm', 'Is it settled now', '现在解决了吗', true],
  ['input', 'Confirmation calls', '确认回访', ''],
];
const CLOSE: Line[] = [
  ['input', 'What did the customer say on the call?', '回访时客户怎么说？', '新机器很好用'],
  ['confirm', 'Is the customer satisfied?', '客户满意吗？', true],
  ['input', 'The root cause', '根本原因', '没有教客户除垢'],
  ['input', 'The lesson learnt', '经验教训', '交付时演示保养'],
  ['input', 'The preventive action', '预防措施', '交付清单加一项"演示除垢"'],
  ['confirm', 'Close complaint #1 now?', '现在结案投诉 #1 吗？', true],
];

const script = (lines: Line[], lang: 'en' | 'zh'): Step[] => lines.map(([kind, en, zh, answer]) => [kind, lang === 'en' ? en : zh, answer]);

/** The whole walk in one language, in a database of its own; every question must be asked. */
async function walkIn(lang: 'en' | 'zh') {
  const db = tempDir();
  const asked: string[] = [];
  const answering = async (today: string, lines: Line[], ...args: string[]) => {
    const prompter = scriptedPrompter(script(lines, lang));
    const r = await crmIn(db.dir, { today, prompter, now: new Date(2026, 2, 2, 9, 30) })('--lang', lang, ...args);
    asked.push(...prompter.asked);
    expect(prompter.remaining()).toEqual([]);
    return r;
  };
  await crmIn(db.dir)('customer', 'add', '王芳');
  const opened = await answering('2026-03-02', OPEN, 'complaint', 'open');
  const closed = await answering('2026-03-04', CLOSE, 'complaint', 'resume', '1');
  return { crm: crmIn(db.dir, { today: '2026-03-05' }), opened, closed, asked, cleanup: db.cleanup };
}

describe('crm --lang zh complaint', () => {
  it('walks all five steps asking in Chinese, and saves the same answers as in English', async () => {
    const zh = await walkIn('zh');
    const en = await walkIn('en');
    try {
      expect(zh.asked).toHaveLength(OPEN.length + CLOSE.length);
      // No English words left in a question (the YYYY-MM-DD form is not a word).
      expect(zh.asked.map((q) => q.replace(/^\w+: /, '')).filter((q) => /\b[a-z]{2,}\b/.test(q))).toEqual([]);
      expect(zh.opened).toMatchObject({ code: 0, stdout: '投诉 #1（王芳）：处于“确认”\n' });
      for (const shown of [
        '投诉 #1 · 第 1 步（共 5 步）· 倾听', '让客户把话说完、把气撒完：不要打断，不要争辩。为给客户带来的麻烦道歉。', '复述一遍：',
        '第 2 步（共 5 步）· 分析', '给客户一个台阶下', '第 3 步（共 5 步）· 解决', '确认回访已排好',
      ]) expect(zh.opened.stderr).toContain(shown);
      expect(zh.opened.stderr).not.toMatch(/Let the customer vent|Paraphrase|step \d of 5/);
      expect(zh.closed).toMatchObject({ code: 0, stdout: '投诉 #1（王芳）：已结案\n' });
      expect(zh.closed.stderr).toContain('第 4 步（共 5 步）· 确认');
      expect(zh.closed.stderr).toContain('第 5 步（共 5 步）· 总结');

      const shown = async (lang: string) => JSON.parse((await zh.crm('--lang', lang, '--json', 'complaint', 'show', '1')).stdout);
      const inZh = await shown('zh');
      const inEn = JSON.parse((await en.crm('--json', 'complaint', 'show', '1')).stdout);
      expect(inZh.complaint).toEqual(inEn.complaint);
      expect(inZh.timeline).toEqual(inEn.timeline);
      expect(inZh.complaint).toMatchObject({ step: 'closed', channel: 'wechat', cause: 'misuse', accepted: 2, words: '咖啡机买了两天就坏了！\n我要退货。\n而且客服不回电话' });
      // Reminders keep the language they were planned in; everything else about them is the same.
      const plain = (rs: { title: string; reason: string }[]) => rs.map(({ title: _t, reason: _r, ...rest }) => rest);
      expect(plain(inZh.followUps)).toEqual(plain(inEn.followUps));
      expect(inZh.followUps.map((r: { title: string }) => r.title)).toEqual([
        '投诉 #1：第 1 次确认回访（共 2 次）—— 对处理结果和补偿满意吗？致谢，并请客户转介绍',
        '投诉 #1：第 2 次确认回访（共 2 次）—— 对处理结果和补偿满意吗？致谢，并请客户转介绍',
      ]);
    } finally {
      zh.cleanup();
      en.cleanup();
    }
  });

  it('shows a complaint in Chinese; its --json and the list\'s are the same in both languages', async () => {
    const { crm, cleanup: done } = await walkIn('en');
    try {
      const show = await crm('--lang', 'zh', 'complaint', 'show', '1');
      expect(show.code).toBe(0);
      for (const text of [
        '投诉 #1  王芳（客户 1）  处于“已结案”，受理于 2026年3月2日 周一', '倾听\n  原话        咖啡机买了两天就坏了！', '  渠道        微信',
        '  激动程度    4 / 5', '  是否理解    是', '分析\n  原因        客户使用不当', '  我方责任    否', '  方案        1. 免费上门除垢（被拒绝）\n              2. 换新机（已接受）',
        '确认\n  回访记录    新机器很好用\n  是否满意    是', '总结\n  根本原因    没有教客户除垢', '跟进事项\n编号\t到期日\t状态\t标题', '\t已完成\t', '\t已跳过\t',
        '处理经过\n时间\t步骤\t内容', '\t倾听\t受理投诉', '\t倾听\t是否理解：否', '\t分析\t原因：客户使用不当', '\t解决\t接受方案 2', '\t已结案\t→ 已结案',
      ]) expect(show.stdout).toContain(text);
      // The follow-ups' titles stay in English: they were planned during an English walk.
      expect(show.stdout).not.toMatch(/Words|Timeline|Follow-ups|Satisfied|opened/);

      for (const args of [['complaint', 'show', '1'], ['complaint', 'list'], ['complaint', 'list', '--open'], ['complaint', 'report']]) {
        const [zh, en] = [await crm('--lang', 'zh', '--json', ...args), await crm('--lang', 'en', '--json', ...args)];
        expect(zh.code).toBe(0);
        expect(zh.stdout).toBe(en.stdout);
      }

      expect((await crm('--lang', 'zh', 'complaint', 'list')).stdout.split('\n').slice(0, 2)).toEqual([
        '编号\t受理日期\t客户\t步骤\t激动程度\t原因\t承诺答复时间\t客户原话',
        '1\t2026-03-02\t王芳\t已结案\t4\t客户使用不当\t\t咖啡机买了两天就坏了！',
      ]);
      expect((await crm('--lang', 'zh', 'complaint', 'list', '--open')).stderr).toBe('没有未结案的投诉。\n');
    } finally {
      done();
    }
  });

  it('reports in Chinese, with labels aligned by display width', async () => {
    const { crm, cleanup: done } = await walkIn('en');
    try {
      const lines = (await crm('--lang', 'zh', 'complaint', 'report', '--from', '2026-03-01')).stdout.split('\n');
      expect(lines[0]).toBe('2026年3月1日 周日 至今受理的投诉：1 件');
      expect(lines).toEqual(expect.arrayContaining(['按原因', '  客户使用不当                1', '按步骤', '  已结案                      1', '再次购买']));
      expect(lines).toContain('  只有 1 位投诉客户，这些比例只是个例，算不上规律。');
    } finally {
      done();
    }
  });
});

describe('crm --lang zh complaint, refused', () => {
  let crm: CrmRunner;
  beforeEach(async () => {
    crm = crmIn(dir);
    await crm('customer', 'add', '王芳');
    await crm('complaint', 'open', '--customer', '王芳', '--words', '坏了', '--channel', 'phone', '--severity', '3', '--understood', 'yes', '--wants', '换新');
  });

  it.each([
    [['complaint', 'open', '--customer', '王芳'], /^crm: complaint open：没有终端可以询问，请给出 --words TEXT, --channel CHANNEL, --severity 1-5, --understood yes\|no, --wants TEXT（参见 crm complaint open --help）\n$/],
    [['complaint', 'step', '1', 'review', '--lesson', 'x'], /^crm: 投诉 #1：--lesson TEXT 属于“总结”，但投诉目前处于“分析”；还需要 --cause CAUSE/],
    [['complaint', 'close', '1'], /^crm: 投诉 #1：须先完成“总结”才能结案；目前处于“分析”\n$/],
    [['complaint', 'step', '1', 'analyse', '--reasonable', 'maybe'], /^crm: --reasonable 必须是 yes 或 no（也可以写 是 或 否）（收到 "maybe"）\n$/],
    [['complaint', 'show', '9'], /^crm: complaint：没有编号为 9 的投诉；请查看 crm complaint list\n$/],
  ])('%j: one line in Chinese, exit 2, nothing changed', async (args, message) => {
    await expectRefused(crm, ['--lang', 'zh', ...args], message);
  });

  it('names the step in Chinese in the agenda and the customer file; --json keeps the step ids', async () => {
    const today = await crm('--lang', 'zh', 'today');
    expect(today.stdout).toContain('未结投诉（1）');
    expect(today.stdout).toMatch(/^1\t王芳\t分析\t$/m);
    expect(today.stdout).not.toMatch(/analyse/);
    expect(JSON.parse((await crm('--lang', 'zh', '--json', 'today')).stdout).complaints).toEqual([{ id: 1, customer: { id: 1, name: '王芳' }, step: 'analyse', promisedBy: null }]);
    const shown = await crm('--lang', 'zh', 'customer', 'show', '王芳');
    expect(shown.stdout).toMatch(/^1\t2026-03-02\t分析\t/m);
    expect(shown.stdout).not.toMatch(/analyse/);
  });

  it('takes 是 and 否 for yes and no, and has Chinese help that keeps the example command', async () => {
    expect((await crm('--lang', 'zh', 'complaint', 'step', '1', 'analyse', '--cause', 'product', '--reasonable', '是', '--our-fault', '否')).code).toBe(0);
    const help = await crm('--lang', 'zh', 'complaint', 'open', '--help');
    expect(help.stdout).toContain('按客户所说登记投诉，逐步询问（每个回答立即保存）');
    expect(help.stdout).toContain('--words <text>');
    expect(help.stdout).toContain('客户的原话，逐字记录（保留换行）');
    expect(help.stdout).toContain('示例：\n  $ crm complaint open --customer 王芳');
  });
});
