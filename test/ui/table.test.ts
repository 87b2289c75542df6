import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n.js';
import { makeColor, type Io } from '../../src/ui/io.js';
import { renderTable, type Cell } from '../../src/ui/table.js';
import { displayWidth, wrapText } from '../../src/ui/width.js';

function io(columns: number | undefined, { isTTY = true, color = false } = {}): Io {
  return { stdout: () => {}, stderr: () => {}, isTTY, columns, stdinIsTTY: false, json: false, color: makeColor(color ? 1 : 0) };
}

// The agenda of the demo database: long titles, a long contact, CJK names and titles.
const HEAD = ['id', 'when', 'customer', 'action', 'follow-up', 'contact'];
const ROWS: Cell[][] = [
  [28, '2d late', '王芳', 'card', 'Send 王芳 a card: 元宵节 Lantern Festival', '+86 138 0013 8000 (wechat)'],
  [160, '1d late', 'Anna Müller', 'check', "Check supply for Anna Müller's Espresso machine Pro: delivery on 2026-03-03, quantity and quality will be met", 'anna@example.de'],
  [188, '1d late', "James O'Brien", 'call', "Day-12 call to James O'Brien: does Cordless drill set meet expectations? A related product may help", '+1 555 0100'],
  [73, '1d late', '张伟', 'note', 'Send 张伟 a handwritten thank-you note for buying 商用咖啡机', '+86 137 5555 0101 (visit)'],
  [300, 'today', '欧阳娜娜', 'call', '给欧阳娜娜打电话：智能冰箱用得怎么样？有没有需要帮忙的地方', null],
];

/** Every character printed, borders, spaces and the stacked layout's label colons left out. */
function printed(text: string): string[] {
  return [...text.replace(/[\s│┌┐└┘├┤┬┴┼─:]/g, '')].sort();
}

/** What the rows hold: each row's labels once in a stacked layout, the head once in a table. */
function held(stacked: boolean): string[] {
  const cells = ROWS.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const text = stacked ? cells.map((r) => r.map((c, i) => (c ? HEAD[i] + c : '')).join('')).join('') : HEAD.join('') + cells.flat().join('');
  return [...text.replace(/[\s:]/g, '')].sort();
}

afterEach(() => setLanguage('en'));

describe('tables on a terminal', () => {
  it.each([200, 183, 120, 100, 92, 90, 88, 85, 80, 72, 70, 60, 50, 40, 30, 20])(
    'fit a %i-column terminal, every character kept',
    (columns) => {
      const out = renderTable(io(columns), HEAD, ROWS);
      for (const line of out.trimEnd().split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
      expect(printed(out)).toEqual(held(!out.startsWith('┌')));
    },
  );

  it('keep a table at 80 columns by wrapping the contact and customer columns too, not only the widest', () => {
    const lines = renderTable(io(80), HEAD, ROWS).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^┌/);
    const widths = new Set(lines.map(displayWidth));
    expect(widths.size).toBe(1);
    expect([...widths][0]).toBeGreaterThan(70);
    expect([...widths][0]).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^│ id +│ when +│ customer +│ action │ follow-up +│ contact +│$/);
    // The phone wraps inside its column; the short columns are never wrapped.
    expect(lines.find((l) => l.includes('+86 138'))).not.toContain('(wechat)');
    expect(lines.filter((l) => /│ 1d late │/.test(l))).toHaveLength(3);
  });

  it('stack each row as label: value lines when the columns would be too narrow to read', () => {
    const out = renderTable(io(60), HEAD, ROWS);
    const blocks = out.trimEnd().split('\n\n');
    expect(blocks).toHaveLength(ROWS.length);
    expect(blocks[0].split('\n')).toEqual([
      'id:        28',
      'when:      2d late',
      'customer:  王芳',
      'action:    card',
      'follow-up: Send 王芳 a card: 元宵节 Lantern Festival',
      'contact:   +86 138 0013 8000 (wechat)',
    ]);
    // A long value wraps under itself; an empty one is left out.
    expect(blocks[1].split('\n').slice(4)).toEqual([
      "follow-up: Check supply for Anna Müller's Espresso machine",
      '           Pro: delivery on 2026-03-03, quantity and quality',
      '           will be met',
      'contact:   anna@example.de',
    ]);
    expect(blocks[4]).not.toContain('contact');
  });

  it('put the values under their labels when even that leaves too little room', () => {
    const out = renderTable(io(20), HEAD, ROWS);
    expect(out.split('\n').slice(0, 4)).toEqual(['id:', '  28', 'when:', '  2d late']);
  });

  it('stack with Chinese labels and colons, measured as two columns a character', () => {
    setLanguage('zh');
    const out = renderTable(io(24), ['编号', '客户', '跟进事项'], [[1, '王芳', '给王芳打电话：智能冰箱用得怎么样？有没有需要帮忙的地方，顺便问问滤网']]);
    expect(out.split('\n')).toEqual([
      '编号：     1',
      '客户：     王芳',
      '跟进事项： 给王芳打电话',
      '           ：智能冰箱用',
      '           得怎么样？有',
      '           没有需要帮忙',
      '           的地方，顺便',
      '           问问滤网',
      '',
    ]);
  });

  it('keep colours whole when they wrap, and fit the same', () => {
    const red = makeColor(1).red;
    const rows = ROWS.map((r) => [r[0], red(String(r[1])), r[2], r[3], red(String(r[4])), r[5]]);
    for (const columns of [80, 60]) {
      const out = renderTable(io(columns, { color: true }), HEAD, rows);
      for (const line of out.trimEnd().split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
      expect(out.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/\x1b|\[3\d?m/);
    }
  });

  it('are as wide as their text when the terminal width is unknown', () => {
    const lines = renderTable(io(undefined), HEAD, ROWS).trimEnd().split('\n');
    expect(lines.find((l) => l.includes('Anna Müller'))).toContain('quantity and quality will be met │ anna@example.de ');
  });

  it('are tab-separated rows when piped, whatever the width', () => {
    for (const columns of [undefined, 40, 200]) {
      expect(renderTable(io(columns, { isTTY: false }), ['id', 'note'], [[1, 'a\tb\nc'], [2, null]])).toBe('id\tnote\n1\ta b c\n2\t\n');
    }
  });
});

describe('wrapText and colour codes', () => {
  it('never cuts a colour code when a word is longer than the column', () => {
    const text = '\x1b[31mabcdefghijklmnop\x1b[39m';
    const lines = wrapText(text, 5).split('\n');
    expect(lines.map(displayWidth)).toEqual([5, 5, 5, 1]);
    expect(lines.join('')).toBe(text);
  });
});
