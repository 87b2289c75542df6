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

/** The commands with sub-commands of their own: crm customer, crm rules, crm complaint, ... */
function parents(cmd: Command, prefix = ''): { path: string; cmd: Command }[] {
  return cmd.commands.filter((c) => c.commands.length).flatMap((c) => [{ path: `${prefix}${c.name()}`, cmd: c }, ...parents(c, `${prefix}${c.name()} `)]);
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

  it('has parent commands', () => expect(parents(program).map((p) => p.path)).toEqual(expect.arrayContaining(['customer', 'rules', 'complaint', 'review'])));

  it.each(parents(program).map((p) => [p.path, p.cmd] as const))('crm %s (a parent command) has help with an example of its sub-commands', (path, cmd) => {
    let help = '';
    cmd.configureOutput({ writeOut: (s) => void (help += s) });
    cmd.outputHelp();
    expect(help).toMatch(new RegExp(`Examples?:\\n\\s+\\$ crm ${path}`));
  });

  it('lists each rule of the default playbook once in its table, and says which row is not a playbook rule', () => {
    const table = readme.split('What the default playbook plans')[1].split('\n\n')[1].split('\n').slice(2);
    const ids = table.map((row) => row.split(' | ')[0].replace(/^\| /, '')).flatMap((cell) => {
      // "call-day-2, -5, -12" and "supply-check / usage-check" name several rules
      let stem = '';
      return cell.split(/, | \/ /).map((part) => (part.startsWith('-') ? stem + part : ((stem = part.replace(/-[^-]*$/, '')), part)));
    });
    const shipped = [...readFileSync(new URL('../playbooks/default.yaml', import.meta.url), 'utf8').matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.filter((id) => !shipped.includes(id))).toEqual(['new-product']);
    expect(shipped.filter((id) => !ids.includes(id))).toEqual([]);
    expect(table.find((row) => row.startsWith('| new-product |'))).toContain('not a playbook rule, so `crm rules list` does not show it');
    expect(table.find((row) => row.startsWith('| proactive-check |'))).toContain('not for gold (monthly instead), burden or given-up customers');
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
