/**
 * `crm remind` in Chinese (issue 10): the digest, the report, the errors and the help follow --lang;
 * customer emails keep the customer's language, and --json stays the same in both languages.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailerFactory } from '../../src/mail/mailer.js';
import { crmIn, tempDir, type CrmRunner } from '../support/cli.js';
import { MAIL_ENV, fakeMailer } from '../support/fake-mailer.js';

let dir: string;
let cleanup: () => void;
let crm: CrmRunner;

function mailing(mailer: MailerFactory, today = '2026-03-02', env: NodeJS.ProcessEnv = MAIL_ENV): CrmRunner {
  return crmIn(dir, { today, env, mailer });
}

const json = (r: { stdout: string }) => JSON.parse(r.stdout);

/** A database with nothing in it, for the days with nothing to say. */
function emptyCrm(env: NodeJS.ProcessEnv = {}): CrmRunner {
  const empty = join(dir, 'empty');
  mkdirSync(empty, { recursive: true });
  return crmIn(empty, { env });
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  crm = crmIn(dir);
  await crm('customer', 'add', 'Anna Müller', '--email', 'anna@example.de', '--channel', 'email');
  await crm('customer', 'add', '王芳', '--email', 'wang@example.cn', '--channel', 'email', '--company', '华星贸易');
  await crm('add-sale', '--customer', 'Anna', '--product', 'Espresso machine', '--amount', '1200');
});
afterEach(() => cleanup());

describe('crm --lang zh remind', () => {
  it('mails the digest in Chinese (subject, text and HTML) while each customer gets their own language', async () => {
    const mailer = fakeMailer();
    const r = await mailing(mailer.factory, '2026-03-05')('--lang', 'zh', 'remind', '--email');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const [digest, anna] = mailer.sent;
    expect(digest.to.address).toBe('boss@example.com');
    expect(digest.subject).toBe('2026年3月5日 周四 跟进：2 项逾期');
    expect(digest.text).toBe(
      '2026年3月5日 周四 跟进：2 项逾期\n\n已逾期（2）\n' +
        '- #1 Anna Müller: Send Anna Müller a handwritten thank-you note for buying Espresso machine [写便条，逾期 3 天] anna@example.de\n' +
        '  crm 今天会发邮件给 anna@example.de\n' +
        '- #2 Anna Müller: Day-2 call to Anna Müller: has Espresso machine been used yet? Clear up any doubts [致电，逾期 2 天] anna@example.de\n\n' +
        '完成跟进：crm done ID；改期：crm snooze ID；放弃：crm skip ID --reason 原因。\n',
    );
    expect(digest.html).toContain('<html lang="zh-CN">');
    expect(digest.html).toContain('<h2>2026年3月5日 周四 跟进：2 项逾期</h2>');
    expect(digest.html).toContain('<h3>已逾期（2）</h3>');
    expect(anna).toMatchObject({ to: { address: 'anna@example.de' }, subject: 'Thank you, Anna Müller' });
    expect(anna.text).toMatch(/^Dear Anna Müller,/);
    // The report in Chinese; the follow-up closed by the email carries a Chinese note.
    expect(r.stdout).toContain('状态\t邮件\t收件人\t主题\n已发送\t每日摘要\tboss@example.com\t2026年3月5日 周四 跟进：2 项逾期\n');
    const history = await crm('--json', 'customer', 'show', 'Anna');
    expect(history.stdout).toContain('已发邮件给 anna@example.de：Thank you, Anna Müller');
  });

  it('--dry-run lists in Chinese and previews the customer emails in their own language', async () => {
    const { CRM_SMTP_URL: _url, ...noServer } = MAIL_ENV;
    const mailer = fakeMailer();
    await crm('add-sale', '--customer', '王芳', '--product', '空气净化器 X3', '--amount', '100');
    const r = await mailing(mailer.factory, '2026-03-02', noServer)('--lang', 'zh', 'remind', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('演练模式：不发送任何邮件，也不做任何改动。\n');
    expect(r.stdout).toContain(
      '状态\t邮件\t收件人\t主题\n' +
        '将发送\t每日摘要\tboss@example.com\t2026年3月2日 周一 跟进：2 项到期\n' +
        '将发送\t跟进 1\tanna@example.de\tThank you, Anna Müller\n' +
        '将发送\t跟进 22\twang@example.cn\t王芳，感谢您的信任\n',
    );
    expect(r.stdout).toContain('\n--- 跟进 1\nTo: Anna Müller <anna@example.de>\nSubject: Thank you, Anna Müller\n\nDear Anna Müller,\n');
    expect(r.stdout).toContain('\n--- 跟进 22\nTo: 王芳 <wang@example.cn>\nSubject: 王芳，感谢您的信任\n\n王芳您好：\n');
    expect(mailer.sent).toEqual([]);
    const quiet = await emptyCrm(noServer)('--lang', 'zh', 'remind', '--dry-run');
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '演练模式：不发送任何邮件，也不做任何改动。\n2026-03-02 没有到期事项：不会发送每日摘要。\n' });
  });

  it('--json of --dry-run is the same in both languages, but for the subject of the digest, which is written in the language', async () => {
    await crm('add-sale', '--customer', '王芳', '--product', '空气净化器 X3', '--amount', '100');
    const dryRun = async (lang: string, run = crmIn(dir, { env: MAIL_ENV })) => json(await run('--lang', lang, '--json', 'remind', '--dry-run'));
    const en = await dryRun('en');
    const zh = await dryRun('zh');
    expect(en.digest.subject).toBe('Follow-ups for Mon 2026-03-02: 2 due');
    expect(zh).toEqual({ ...en, digest: { ...en.digest, subject: '2026年3月2日 周一 跟进：2 项到期' } });
    expect(zh.customerEmails.map((c: { status: string; subject: string }) => [c.status, c.subject])).toEqual([
      ['would-send', 'Thank you, Anna Müller'],
      ['would-send', '王芳，感谢您的信任'],
    ]);
    const quiet = emptyCrm(MAIL_ENV);
    expect(await dryRun('zh', quiet)).toEqual(await dryRun('en', quiet));
    expect((await dryRun('zh', quiet)).digest).toEqual({ to: 'boss@example.com', subject: null, status: 'nothing-due' });
  });

  it('prints the digest, says when there is nothing, and reports failures and lost mails in Chinese', async () => {
    const printed = await crm('--lang', 'zh', 'remind');
    expect(printed.stdout).toMatch(/^2026年3月2日 周一 跟进：1 项到期\n\n今日到期（1）\n- #1 Anna Müller: /);
    expect((await emptyCrm()('--lang', 'zh', 'remind')).stderr).toBe('2026年3月2日 周一 没有逾期和到期的跟进，也没有承诺答复的投诉。\n');

    const lost = fakeMailer((m) => (m.to.address === 'anna@example.de' ? { status: 'unknown', error: 'Connection closed unexpectedly' } : { status: 'sent', messageId: null }));
    const first = await mailing(lost.factory)('--lang', 'zh', 'remind', '--email');
    expect(first.code).toBe(1);
    expect(first.stderr).toBe(
      'crm: 发给 anna@example.de 的邮件交给邮件服务器 smtp://127.0.0.1:2525 之后连接断开了（Connection closed unexpectedly）；邮件可能已经送达：请先核实，然后运行 crm remind --email --retry-unknown 重新发送，或用 --forget-unknown 放弃\n',
    );
    const second = await mailing(fakeMailer().factory)('--lang', 'zh', 'remind', '--email');
    expect(second.stderr).toContain('之前的运行有 1 封邮件结果未知：anna@example.de“Thank you, Anna Müller”（2026-03-02）；请核实是否已送达');
    expect(second.stdout).toContain('此前已发送\t每日摘要\tboss@example.com\t2026年3月2日 周一 跟进：1 项到期\n结果未知\t跟进 1\tanna@example.de\tThank you, Anna Müller\n');

    const refusing = fakeMailer(() => ({ status: 'rejected', error: '550 no such user', permanent: true }));
    const refused = await mailing(refusing.factory, '2026-03-03')('--lang', 'zh', 'remind', '--email', '--forget-unknown');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('crm: 邮件服务器 smtp://127.0.0.1:2525 拒收发给 boss@example.com 的邮件（550 no such user）；留待下次运行再发\n');
  });

  it.each([
    [{ CRM_SMTP_URL: '' }, /^crm: 没有设置 CRM_SMTP_URL：请设为 smtp:\/\/user@mail\.example\.com:587 或/],
    [{ CRM_SMTP_URL: 'smtp://li:hunter2@mail.example.com:99999' }, /^crm: CRM_SMTP_URL 必须是 .*（收到的是 "smtp:\/\/li:\*\*\*@mail\.example\.com:99999"）\n$/],
    [{ CRM_MAIL_FROM: '' }, /^crm: 没有设置 CRM_MAIL_FROM：请设为发件人/],
    [{ CRM_MAIL_TO: '' }, /^crm: 每日摘要没有收件人：请用 --to 地址 指定，或设置 CRM_MAIL_TO\n$/],
  ])('mail settings %j are refused in Chinese, naming the variable', async (env, message) => {
    const r = await mailing(fakeMailer().factory, '2026-03-02', { ...MAIL_ENV, ...env })('--lang', 'zh', 'remind', '--email');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('has Chinese help and --install-cron instructions, keeping the command lines and the crontab line', async () => {
    let out = '';
    const { main } = await import('../../src/cli.js');
    await main(['node', 'crm', '--lang', 'zh', 'remind', '--help'], { stdout: (s) => void (out += s), env: {} });
    for (const s of ['今天的每日摘要', '--dry-run  ', '显示 --email 会给谁发什么', '邮件设置（环境变量）：', 'CRM_SMTP_PASSWORD  密码', '示例：', '$ crm remind --dry-run']) {
      expect(out).toContain(s);
    }
    const zh = await crm('--lang', 'zh', 'remind', '--install-cron');
    const en = await crm('remind', '--install-cron');
    expect(zh.stdout).toMatch(/^# crm：每天早上 07:30 发送每日摘要和到期的客户邮件/);
    expect(zh.stdout.split('\n').at(-2)).toBe(en.stdout.split('\n').at(-2));
    expect(json(await crm('--lang', 'zh', '--json', 'remind', '--install-cron'))).toEqual(json(await crm('--json', 'remind', '--install-cron')));
  });
});

describe('a customer email speaks the customer\'s language whatever crm spoke when it was planned', () => {
  /** The customer emails of a dry run on `day`, as printed: "To: ...\nSubject: ...\n\ntext". */
  async function previews(day: string): Promise<string[]> {
    const r = await crmIn(dir, { today: day, env: MAIL_ENV })('remind', '--dry-run');
    expect(r.code).toBe(0);
    return r.stdout.split(/\n--- follow-up \d+\n/).slice(1);
  }
  const cjk = /[\u3400-\u9fff]/;

  it('a Chinese customer\'s card planned in English names the festival or the season in Chinese only; a Western one\'s planned in Chinese in English only', async () => {
    const en = crmIn(dir, { today: '2026-12-20' });
    await en('customer', 'add', '张敏', '--email', 'zhang@example.cn', '--channel', 'email');
    await en('customer', 'add', 'Tom Baker', '--email', 'tom@example.com', '--channel', 'email');
    await en('add-sale', '--customer', '张敏', '--product', '净水器', '--amount', '100');
    await en('--lang', 'zh', 'add-sale', '--customer', 'Tom', '--product', 'Kettle', '--amount', '100');

    // Spring Festival 2027 is on 6 February: the card goes 3 days before.
    const [zhang] = (await previews('2027-02-03')).filter((m) => m.startsWith('To: 张敏'));
    expect(zhang).toMatch(/^To: 张敏 <zhang@example\.cn>\nSubject: 春节：Li Na的祝福\n\n张敏您好：\n\n春节之际，送上/);
    expect(zhang).not.toMatch(/Spring Festival/);
    // March has no festival for either: a seasonal theme.
    const march = await previews('2027-03-20');
    const zhangMarch = march.find((m) => m.startsWith('To: 张敏'))!;
    expect(zhangMarch).toContain('Subject: 早春问候：Li Na的祝福\n');
    expect(zhangMarch).not.toMatch(/greetings/);
    const tomMarch = march.find((m) => m.startsWith('To: Tom Baker'))!;
    expect(tomMarch).toContain('Subject: early-spring greetings: best wishes from Li Na\n');
    expect(tomMarch.split('\n-- \n')[0]).not.toMatch(cjk);
    // Valentine's Day, planned in Chinese as 情人节.
    const [tomFeb] = (await previews('2027-02-11')).filter((m) => m.startsWith('To: Tom Baker'));
    expect(tomFeb).toContain("Subject: Valentine's Day: best wishes from Li Na\n");
    expect(tomFeb).not.toMatch(cjk);
  });

  it('a playbook rule\'s email-zh goes to customers who get Chinese emails, its email to the others; a rule with email only sends that one text to all', async () => {
    const file = join(dir, 'survey.yaml');
    writeFileSync(file, [
      'version: 1', 'name: survey', 'rules:',
      '  - id: survey', '    action: call', '    title: Ask {customer}', '    title-zh: "问{customer}"', '    lesson: seed 001',
      '    when: { relative-to: close, offset: +1 day }', '    if: { max-amount: 499 }',
      '    email: { subject: "Two short questions, {customer}", text: "Dear {customer}, how is {product}?\\n\\n{sender}" }',
      '    email-zh: { subject: "{customer}，想请教您两个问题", text: "{customer}您好：{product}用得怎么样？\\n\\n{sender}" }',
      '  - id: note', '    action: note', '    title: Note {customer}', '    lesson: x',
      '    when: { relative-to: close }', '    if: { min-amount: 500 }',
      '    email: { subject: "A note for {customer}", text: "Dear {customer}, thank you." }',
      '',
    ].join('\n'));
    expect((await crm('rules', 'use', file)).code).toBe(0);
    await crm('add-sale', '--customer', '王芳', '--product', '净水器', '--amount', '100');
    await crm('customer', 'add', 'Tom Baker', '--email', 'tom@example.com', '--channel', 'email');
    await crm('customer', 'add', '李娜', '--email', 'li@example.cn', '--channel', 'email');
    await crm('add-sale', '--customer', '李娜', '--product', '茶叶', '--amount', '500');
    await crm('add-sale', '--customer', 'Tom', '--product', 'Kettle', '--amount', '100');
    const day2 = await previews('2026-03-03');
    expect(day2.find((m) => m.startsWith('To: 王芳'))).toMatch(/^To: 王芳 <wang@example\.cn>\nSubject: 王芳，想请教您两个问题\n\n王芳您好：净水器用得怎么样？\n\nLi Na\n\n-- \n您收到这封邮件/);
    expect(day2.find((m) => m.startsWith('To: Tom'))).toMatch(/^To: Tom Baker <tom@example\.com>\nSubject: Two short questions, Tom Baker\n\nDear Tom Baker, how is Kettle\?\n\nLi Na\n\n-- \nYou receive/);
    const day1 = await previews('2026-03-02');
    expect(day1.find((m) => m.startsWith('To: 李娜'))).toMatch(/^To: 李娜 <li@example\.cn>\nSubject: A note for 李娜\n\nDear 李娜, thank you\./);
  });
});
