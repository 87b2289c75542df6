/** The real prompter on streams: what inquirer would say in English is said in the language in force. */
import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { setLanguage, type Lang } from '../../src/i18n.js';
import { inquirerPrompter } from '../../src/ui/prompter.js';

afterEach(() => setLanguage('en'));

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * A prompter on fake streams, for one question (inquirer ends its output stream when a question is
 * answered); `until` waits for text on the screen, `type` answers.
 */
function terminal(lang: Lang) {
  setLanguage(lang);
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  const waiting: { text: string; resolve: () => void }[] = [];
  output.on('data', (d: Buffer) => {
    screen += plain(d.toString());
    for (const w of waiting.filter((w) => screen.includes(w.text))) w.resolve();
  });
  return {
    prompter: inquirerPrompter({ input, output }),
    screen: () => screen,
    until: (text: string) => (screen.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ text, resolve }))),
    type: (keys: string) => void input.write(keys),
  };
}

describe('inquirerPrompter in Chinese', () => {
  it('refuses a number out of range, and an empty required answer, in Chinese', async () => {
    const term = terminal('zh');
    const severity = term.prompter.number({ message: '客户情绪有多激动？', min: 1, max: 5 });
    await term.until('客户情绪有多激动？');
    term.type('9\r');
    await term.until('请输入 1 到 5 之间的整数');
    term.type('\x7f4\r');
    expect(await severity).toBe(4);

    expect(term.screen()).not.toMatch(/Value must be|valid numeric/);

    // A Chinese input method in full-width mode types ５.
    const wide = terminal('zh');
    const typed = wide.prompter.number({ message: '客户情绪有多激动？', min: 1, max: 5 });
    await wide.until('客户情绪有多激动？');
    wide.type('５\r');
    expect(await typed).toBe(5);
    expect(wide.screen()).not.toContain('请输入 1 到 5 之间的整数');

    const next = terminal('zh');
    const wants = next.prompter.input({ message: '客户想要什么？' });
    await next.until('客户想要什么？');
    next.type('\r');
    await next.until('这里需要填写。');
    next.type('退货\r');
    expect(await wants).toBe('退货');
    expect(next.screen()).not.toMatch(/You must provide/);
  });

  it('says yes or no, and the select keys, in Chinese', async () => {
    const term = terminal('zh');
    const ok = term.prompter.confirm({ message: '客户满意吗？', default: true });
    await term.until('客户满意吗？');
    term.type('\r');
    expect(await ok).toBe(true);
    expect(term.screen()).toContain('客户满意吗？ 是');

    const next = terminal('zh');
    const channel = next.prompter.select({ message: '渠道', choices: [{ value: 'phone', name: '电话' }, { value: 'email', name: '邮件' }] });
    await next.until('↑↓ 移动，⏎ 选择');
    next.type('\r');
    expect(await channel).toBe('phone');
    expect(next.screen()).not.toMatch(/navigate/);
  });

  it('understands 是 and 否 (and 不是, 对, full-width ＮＯ) at a yes/no question, and takes the default on Enter alone', async () => {
    const answers: [string, boolean, boolean][] = [
      ['否', true, false], ['是', false, true], ['不是', true, false], ['不', true, false], ['对', false, true],
      ['ＮＯ', true, false], ['Yes', false, true], ['n', true, false], ['', true, true], ['', false, false],
    ];
    for (const [typed, byDefault, want] of answers) {
      const term = terminal('zh');
      const ok = term.prompter.confirm({ message: '客户确认你理解对了吗？', default: byDefault });
      await term.until('客户确认你理解对了吗？');
      term.type(`${typed}\r`);
      expect(await ok, `${JSON.stringify(typed)} with the default ${byDefault}`).toBe(want);
      expect(term.screen()).toContain(`客户确认你理解对了吗？ ${want ? '是' : '否'}`);
    }
  });

  it('refuses a yes/no answer it does not know, under the prompt, instead of taking the default', async () => {
    const term = terminal('zh');
    const ok = term.prompter.confirm({ message: '现在结案吗？', default: true });
    await term.until('现在结案吗？');
    term.type('算了\r');
    await term.until('请回答 是 或 否');
    term.type('\x7f\x7f否\r');
    expect(await ok).toBe(false);

    const en = terminal('en');
    const close = en.prompter.confirm({ message: 'Close now?', default: false });
    await en.until('Close now? (y/N)');
    en.type('maybe\r');
    await en.until('Answer yes or no');
    en.type('\x7f\x7f\x7f\x7f\x7fy\r');
    expect(await close).toBe(true);
    expect(en.screen()).toContain('Close now? Yes');
  });

  it('keeps every line of a pasted message, blank lines inside it too, and ends at an empty line typed after it', async () => {
    const term = terminal('zh');
    const words = term.prompter.multiline({ message: '客户的原话，逐字记录' });
    await term.until('客户的原话，逐字记录（空一行结束）');
    // One burst, as a terminal without bracketed paste delivers a paste: the blank line is part of it.
    term.type('你们的咖啡机买了两天就坏了！\r\r我要退货，马上。\r客服也不回电话');
    await term.until('客服也不回电话');
    term.type('\r');
    await new Promise((r) => setTimeout(r, 20));
    term.type('\r');
    expect(await words).toBe('你们的咖啡机买了两天就坏了！\n\n我要退货，马上。\n客服也不回电话');

    // Marked as pasted (bracketed paste): its empty lines never end the answer, even at its end.
    const marked = terminal('en');
    const said = marked.prompter.multiline({ message: 'Their words' });
    await marked.until('Their words (an empty line ends)');
    marked.type('\x1b[200~It broke.\r\rI want a refund.\r\x1b[201~');
    marked.type('\r');
    expect(await said).toBe('It broke.\n\nI want a refund.');
  });

  it('refuses an empty first line and keeps asking; Ctrl-C rejects as inquirer does, with the lines entered so far', async () => {
    const term = terminal('en');
    const words = term.prompter.multiline({ message: 'Their words' });
    await term.until('Their words');
    term.type('\r');
    await term.until('An answer is needed here.');
    term.type('first\r');
    await new Promise((r) => setTimeout(r, 20));
    term.type('second\r');
    await new Promise((r) => setTimeout(r, 20));
    term.type('half a li');
    term.type('\x03');
    await expect(words).rejects.toMatchObject({ name: 'ExitPromptError', typed: 'first\nsecond' });
  });

  it('keeps the English words in English', async () => {
    const term = terminal('en');
    const severity = term.prompter.number({ message: 'How upset?', min: 1, max: 5, default: 3 });
    await term.until('How upset?');
    term.type('x\r');
    await term.until('a whole number from 1 to 5');
    term.type('\x7f\r');
    expect(await severity).toBe(3);
  });
});
