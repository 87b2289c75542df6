/**
 * A multi-line answer read with one readline interface for the whole question. Asked line by line
 * as inquirer prompts, a pasted WeChat message kept its first line only: the rest arrived before
 * the next prompt existed and was dropped, and so was type-ahead. Here every buffered line is
 * delivered to the same listener.
 *
 * An empty line ends the answer, unless it is part of a paste: inside bracketed paste (the terminal
 * marks pasted text when asked to), or followed by more text in the same burst of input (a terminal
 * that does not mark pastes delivers one all at once; a person's Enter arrives alone).
 */
import { createInterface } from 'node:readline';

export interface LinesQuestion {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The question line, written once above the answer. */
  header: string;
  /** Written at the start of each line of the answer. */
  prompt: string;
  /** Shown when the answer's first line is empty. */
  needed: string;
}

/** Ctrl-C (or the end of input): rejected with this, named as inquirer names it, carrying the lines entered so far. */
export class LinesCancelled extends Error {
  constructor(readonly typed: string) {
    // i18n-ignore: never shown; inquirer's own words for the same error
    super('User force closed the prompt with SIGINT');
    this.name = 'ExitPromptError';
  }
}

// Bracketed paste on and off (xterm; terminals that do not know it ignore it), and "clear this line".
const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';
const CLEAR_LINE = '\r\x1b[2K';

export function readLines(q: LinesQuestion): Promise<string> {
  const { input, output } = q;
  const tty = (output as { isTTY?: boolean }).isTTY === true;
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let pasting = false;
    let ending: NodeJS.Immediate | undefined;
    let finished = false;
    output.write(q.header + '\n');
    if (tty) output.write(PASTE_ON);
    const rl = createInterface({ input, output, terminal: true, historySize: 0, prompt: q.prompt });
    const onKey = (_: unknown, key?: { name?: string }) => {
      if (key?.name === 'paste-start') pasting = true;
      else if (key?.name === 'paste-end') pasting = false;
    };
    input.on('keypress', onKey);

    const finish = (cancelled: boolean) => {
      if (finished) return;
      finished = true;
      if (ending) clearImmediate(ending);
      input.removeListener('keypress', onKey);
      if (tty) output.write(PASTE_OFF);
      // The prompt of the line that ended the answer goes: the next question starts on a clean line.
      output.write(CLEAR_LINE);
      rl.close();
      const text = lines.join('\n').replace(/\n+$/, '');
      if (cancelled) reject(new LinesCancelled(text));
      else resolve(text);
    };
    // An empty line followed by more in the same burst was pasted: it is kept as a blank line.
    const keepBlank = () => {
      if (ending) clearImmediate(ending);
      ending = undefined;
      lines.push('');
    };

    rl.on('line', (line: string) => {
      if (ending) keepBlank();
      if (line.trim() !== '' || pasting) {
        lines.push(line);
      } else if (!lines.length) {
        output.write(q.needed + '\n');
      } else {
        ending = setImmediate(() => {
          ending = undefined;
          if (rl.line === '') return finish(false);
          lines.push('');
        });
      }
      rl.prompt();
    });
    rl.on('SIGINT', () => finish(true));
    // Ctrl-D, or the input closed: nothing more can come, so it counts as Ctrl-C (the lines are kept).
    rl.on('close', () => finish(true));
    rl.prompt();
  });
}
