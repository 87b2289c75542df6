import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../src/ui/width.js';

describe('terminal width', () => {
  it.each([
    ['abc', 3],
    ['王芳', 4],
    ['Zoë', 3],
    ['e\u0301', 1],
    ['\x1b[31mred\x1b[39m', 3],
    ['ｆｕｌｌ', 8],
    ['👍', 2],
  ])('%j is %i columns', (s, w) => expect(displayWidth(s)).toBe(w));

  it.each([
    ['Day-2 call to Anna: has it been used yet?', 16, ['Day-2 call to', 'Anna: has it', 'been used yet?']],
    ['给王芳寄一张春节贺卡并附上手写感谢', 10, ['给王芳寄一', '张春节贺卡', '并附上手写', '感谢']],
    ['Send 王芳 a card: 元宵节', 12, ['Send 王芳 a', 'card: 元宵节']],
  ])('wraps %j at %i columns without losing a character', (s, w, want) => {
    const lines = wrapText(s, w).split('\n');
    expect(lines).toEqual(want);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(w);
  });
});
