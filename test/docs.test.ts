/** Docs that cannot drift: every command is in the README and has help with an example. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli.js';

function leaves(cmd: Command, prefix = ''): { path: string; cmd: Command }[] {
  return cmd.commands.flatMap((c) => {
    const path = `${prefix}${c.name()}`;
    return c.commands.length ? leaves(c, `${path} `) : [{ path, cmd: c }];
  });
}

const program = buildProgram({ out: () => {}, err: () => {} }, async () => {});
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
