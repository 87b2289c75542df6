/**
 * The walk in a real terminal: bin/crm.js inside tmux (its own server socket in a temp dir), keys
 * typed as a salesperson types them, Chinese included, and Ctrl-C pressed in the middle.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BIN, spawnCrm } from '../support/cli.js';
import { HAS_TMUX, eachWithTmux, type TmuxRig } from '../support/tmux.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let tmux: TmuxRig['tmux'];
eachWithTmux((rig) => ({ dir, env, tmux } = rig));

const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);
/** The pane with its colours and attributes as escape codes. */
const painted = (session: string) => tmux('capture-pane', '-p', '-e', '-t', session);

async function waitFor(session: string, text: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen(session);
    if (shown.includes(text)) return shown;
    if (Date.now() > until) throw new Error(`"${text}" never appeared; the screen shows:\n${shown}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs crm in a detached tmux session; the pane stays open after it exits, showing the exit code. */
function start(session: string, ...args: string[]): void {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `${quoted}; echo "EXIT:$?"; sleep 60`);
}

const type = (session: string, text: string) => tmux('send-keys', '-t', session, '-l', text);
const press = (session: string, ...keys: string[]) => tmux('send-keys', '-t', session, ...keys);

describe('crm complaint in a real terminal (tmux)', () => {
  it('takes Chinese words, is cancelled with Ctrl-C in Analyse (exit 130, words kept), and resume continues at Analyse', async (ctx) => {
    if (!HAS_TMUX) ctx.skip('tmux is not installed, so no real terminal can be driven; .ci/run installs it');
    expect(spawnCrm(['customer', 'add', '王芳'], { env }).code).toBe(0);
    const words = ['你们的咖啡机买了两天就坏了！', '我要退货，马上。'];

    start('open', 'complaint', 'open', '--customer', '王芳');
    await waitFor('open', "The customer's own words, verbatim");
    for (const line of words) {
      type('open', line);
      press('open', 'Enter');
      await waitFor('open', line);
    }
    press('open', 'Enter');
    await waitFor('open', 'How did the complaint come?');
    press('open', 'Enter');
    await waitFor('open', 'How upset is the customer?');
    press('open', '4', 'Enter');
    await waitFor('open', 'Did the customer confirm you understood?');
    press('open', 'y', 'Enter');
    await waitFor('open', 'What does the customer want');
    type('open', '退货退款');
    press('open', 'Enter');
    await waitFor('open', 'step 2 of 5 · Analyse');
    await waitFor('open', 'The cause');
    press('open', 'C-c');
    const after = await waitFor('open', 'EXIT:');
    expect(after).toContain('EXIT:130');
    expect(after).toContain('crm: cancelled; what was answered is saved: continue with crm complaint resume 1');

    const db = new Database(join(dir, 'xdg', 'crm', 'crm.db'), { readonly: true });
    expect(db.prepare('SELECT words, step, wants, severity FROM complaints WHERE id = 1').get()).toEqual({
      words: words.join('\n'),
      step: 'analyse',
      wants: '退货退款',
      severity: 4,
    });
    db.close();

    start('resume', 'complaint', 'resume', '1');
    const resumed = await waitFor('resume', 'The cause');
    expect(resumed).toContain('step 2 of 5 · Analyse');
    expect(resumed).toContain(words[0]);
    expect(resumed).not.toContain("The customer's own words");
    press('resume', 'C-c');
    expect(await waitFor('resume', 'EXIT:')).toContain('EXIT:130');
  });

  it('paints nothing with --no-color: neither the step headers nor the prompts', async (ctx) => {
    if (!HAS_TMUX) ctx.skip('tmux is not installed, so no real terminal can be driven; .ci/run installs it');
    expect(spawnCrm(['customer', 'add', '王芳'], { env }).code).toBe(0);
    expect(spawnCrm(['complaint', 'open', '--customer', '王芳', '--words', '坏了', '--channel', 'phone', '--severity', '3', '--understood', 'yes', '--wants', '换新'], { env }).code).toBe(0);

    start('plain', '--no-color', 'complaint', 'resume', '1');
    await waitFor('plain', 'The cause');
    // eslint-disable-next-line no-control-regex
    expect(painted('plain')).not.toMatch(/\x1b\[[0-9;]*m/);
    press('plain', 'C-c');
    expect(await waitFor('plain', 'EXIT:')).toContain('EXIT:130');

    start('painted', 'complaint', 'resume', '1');
    await waitFor('painted', 'The cause');
    // eslint-disable-next-line no-control-regex
    expect(painted('painted')).toMatch(/\x1b\[[0-9;]*m/);
    press('painted', 'C-c');
  });

  it.for([
    ['marked as a paste (bracketed paste)', ['-p']],
    ['not marked, all at once', []],
  ] as [string, string[]][])('keeps every line of a pasted WeChat message, %s, blank line included', async ([, how], ctx) => {
    if (!HAS_TMUX) ctx.skip('tmux is not installed, so no real terminal can be driven; .ci/run installs it');
    expect(spawnCrm(['customer', 'add', '王芳'], { env }).code).toBe(0);
    const message = '你们的咖啡机买了两天就坏了！\n\n我要退货，马上。\n客服也不回电话，太过分了';

    start('paste', 'complaint', 'open', '--customer', '王芳');
    await waitFor('paste', "The customer's own words, verbatim");
    tmux('set-buffer', '-b', 'wechat', message);
    tmux('paste-buffer', '-b', 'wechat', '-t', 'paste', ...how);
    await waitFor('paste', '太过分了');
    press('paste', 'Enter');
    await new Promise((r) => setTimeout(r, 200));
    press('paste', 'Enter');
    await waitFor('paste', 'How did the complaint come?');
    press('paste', 'C-c');
    expect(await waitFor('paste', 'EXIT:')).toContain('EXIT:130');

    const db = new Database(join(dir, 'xdg', 'crm', 'crm.db'), { readonly: true });
    expect(db.prepare('SELECT words FROM complaints WHERE id = 1').get()).toEqual({ words: message });
    db.close();
  });

  it('Ctrl-C in the middle of the words exits 130 and keeps the lines entered; resume goes on at the next question', async (ctx) => {
    if (!HAS_TMUX) ctx.skip('tmux is not installed, so no real terminal can be driven; .ci/run installs it');
    expect(spawnCrm(['customer', 'add', '王芳'], { env }).code).toBe(0);
    start('cut', 'complaint', 'open', '--customer', '王芳');
    await waitFor('cut', "The customer's own words, verbatim");
    for (const line of ['买了两天就坏了', '我要退货']) {
      type('cut', line);
      press('cut', 'Enter');
      await waitFor('cut', line);
    }
    type('cut', '还有');
    press('cut', 'C-c');
    const after = await waitFor('cut', 'EXIT:');
    expect(after).toContain('EXIT:130');
    expect(after).toContain('crm: cancelled; what was answered is saved: continue with crm complaint resume 1');
    const db = new Database(join(dir, 'xdg', 'crm', 'crm.db'), { readonly: true });
    expect(db.prepare('SELECT words FROM complaints WHERE id = 1').get()).toEqual({ words: '买了两天就坏了\n我要退货' });
    db.close();

    start('on', 'complaint', 'resume', '1');
    await waitFor('on', 'How did the complaint come?');
    press('on', 'Down');
    press('on', 'Enter');
    await waitFor('on', 'How upset is the customer?');
    press('on', 'C-c');
    expect(await waitFor('on', 'EXIT:')).toContain('EXIT:130');
    const again = new Database(join(dir, 'xdg', 'crm', 'crm.db'), { readonly: true });
    expect(again.prepare('SELECT channel FROM complaints WHERE id = 1').get()).toEqual({ channel: 'email' });
    again.close();
  });
});
