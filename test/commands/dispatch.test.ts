import { describe, expect, it } from 'vitest';
import { commandNamed, loadCommands } from '../../src/commands/index.js';

describe('which command module a command line needs', () => {
  it.each([
    [['today'], 'today'],
    [['--db', 'x.db', '--today', '2026-03-02', 'today', '--days', '3'], 'today'],
    [['--lang', 'zh', 'customer', 'show', '王芳'], 'customer'],
    [['--json', 'done', '3'], 'done'],
    [['--db=x.db', 'add-sale', '--customer', 'A'], 'add-sale'],
    [['--help'], undefined],
    [['-h', 'today'], undefined],
    [['help', 'today'], undefined],
    [['tody'], undefined],
    [[], undefined],
  ])('%j loads %s', (args, name) => expect(commandNamed(args)).toBe(name));

  it('loads one module for one command, every module once for help', async () => {
    expect(await loadCommands('snooze')).toHaveLength(1);
    const all = await loadCommands();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(15);
  });
});
