/** Docs that cannot drift: every command is in the README and has help with an example. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli.js';
import { loadCommands } from '../src/commands/index.js';

const commands = await loadCommands();
import { setLanguage } from '../src/i18n.js';

function leaves(cmd: Command, prefix = ''): { path: string; cmd: Command }[] {
  return cmd.commands.flatMap((c) => {
    const path = `${prefix}${c.name()}`;
    return c.commands.length ? leaves(c, `${path} `) : [{ path, cmd: c }];
  });
}

const program = buildProgram({ out: () => {}, err: () => {} }, async () => {}, commands);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('documentation', () => {
  it.each(leaves(program).map((l) => [l.path, l.cmd] as const))('crm %s is in the README and its help has an example', (path, cmd) => {
    expect(readme).toContain(`crm ${path}`);
    let help = '';
    cmd.configureOutput({ writeOut: (s) => void (help += s) });
    cmd.outputHelp();
    expect(help).toMatch(/Examples?:\n\s+\$ crm /);
  });

  it('starts with the two set-up commands', () => {
    expect(readme.split('\n').slice(0, 6).join('\n')).toContain('```sh\nnpm install && npx crm demo\nnpm test\n```');
  });
});

describe('documentation in Chinese', () => {
  afterAll(() => setLanguage('en'));
  const everyday = ['customer add', 'customer list', 'customer show', 'customer edit', 'today', 'done', 'snooze', 'skip', 'log', 'add-sale', 'announce', 'demo'];

  it.each(everyday)('crm %s has Chinese help with the same example command', (path) => {
    setLanguage('en');
    const english = leaves(buildProgram({ out: () => {}, err: () => {} }, async () => {}, commands)).find((l) => l.path === path)!;
    setLanguage('zh');
    const chinese = leaves(buildProgram({ out: () => {}, err: () => {} }, async () => {}, commands)).find((l) => l.path === path)!;
    const help = (cmd: Command) => {
      let text = '';
      cmd.configureOutput({ writeOut: (s) => void (text += s) });
      cmd.outputHelp();
      return text;
    };
    const [en, zh] = [help(english.cmd), help(chinese.cmd)];
    expect(chinese.cmd.description()).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).toMatch(/示例：\n\s+\$ crm /);
    const examples = (text: string) => text.split('\n').filter((l) => l.trim().startsWith('$ crm '));
    expect(examples(zh)).toEqual(examples(en));
  });
});
