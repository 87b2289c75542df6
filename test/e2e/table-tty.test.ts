/**
 * The agenda in a real terminal: bin/crm.js inside an 80-column tmux pane (its own server socket in
 * a temp dir) reads the width from the terminal itself, and no line of its tables is folded.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BIN, spawnCrm } from '../support/cli.js';
import { HAS_TMUX, eachWithTmux, type TmuxRig } from '../support/tmux.js';
import { displayWidth } from '../../src/ui/width.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let tmux: TmuxRig['tmux'];
eachWithTmux((rig) => ({ dir, env, tmux } = rig), { NO_COLOR: '1' });

/** Runs crm in a pane `width` columns wide and returns all it showed, folded lines joined again (-J). */
async function shown(width: number, ...args: string[]): Promise<string> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  tmux('new-session', '-d', '-s', 'crm', '-x', String(width), '-y', '50', `${quoted}; echo "EXIT:$?"; sleep 60`);
  const until = Date.now() + 10_000;
  for (;;) {
    const text = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'crm');
    if (text.includes('EXIT:')) return text;
    if (Date.now() > until) throw new Error(`crm never finished; the screen shows:\n${text}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('crm today in a real terminal (tmux)', () => {
  it('fits an 80-column terminal: no table line folded, Chinese names kept', async (ctx) => {
    if (!HAS_TMUX) ctx.skip('tmux is not installed, so no real terminal can be driven; .ci/run installs it');
    const db = join(dir, 'demo.db');
    expect(spawnCrm(['--db', db, 'demo'], { env }).code).toBe(0);
    const text = await shown(80, '--db', db, 'today', '--days', '1');
    expect(text).toContain('EXIT:0');
    const table = text.split('\n').map((l) => l.trimEnd()).filter((l) => /^[│┌└]/.test(l));
    expect(table.length).toBeGreaterThan(10);
    for (const line of table) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(table.join('\n')).toContain('王芳');
  });
});
