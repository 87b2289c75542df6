/**
 * Display width of text in a terminal: CJK and full-width characters and emoji take two columns.
 * cli-table3 measures the same way, but its own wordWrap drops CJK characters, so wrapping is ours.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO = /[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f]/u;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(ANSI, '')) w += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Each CJK character is a token of its own: CJK text may break between any two characters. */
const TOKENS = /\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/gu;

/** One character, or one colour code whole. */
// eslint-disable-next-line no-control-regex
const CHARS = /\x1b\[[0-9;]*m|[\s\S]/gu;

/** Wraps at spaces or between CJK characters, never wider than `width` columns, losing nothing. */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let lineW = 0;
    const flush = () => {
      lines.push(line.trimEnd());
      [line, lineW] = ['', 0];
    };
    for (const token of para.match(TOKENS) ?? []) {
      const tw = displayWidth(token);
      if (lineW + tw <= width) {
        line += token;
        lineW += tw;
      } else if (/^\s+$/.test(token)) {
        flush();
      } else {
        if (line.trim()) flush();
        // A word longer than the whole column is cut wherever it must be (never inside a colour code).
        for (const ch of tw <= width ? [token] : (token.match(CHARS) ?? [])) {
          const cw = displayWidth(ch);
          if (lineW + cw > width && line) flush();
          line += ch;
          lineW += cw;
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n');
}
