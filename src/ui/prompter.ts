/**
 * The few questions crm asks, behind one interface: the real one wraps @inquirer/prompts, tests use
 * a scripted one (test/support/prompter.ts). Inquirer is imported on the first question only, so
 * `crm today` and `crm --help` never load it. Ctrl-C rejects with an error named ExitPromptError.
 */
export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

/** Returns true, or the message to show under the prompt. */
export type Validate = (value: string) => true | string;

export interface Prompter {
  input(q: { message: string; default?: string; required?: boolean; validate?: Validate }): Promise<string>;
  /** Several lines, for words said verbatim; an empty line ends the answer. */
  multiline(q: { message: string; validate?: Validate }): Promise<string>;
  select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  number(q: { message: string; min: number; max: number; default?: number }): Promise<number>;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  /** Questions go to stderr by default: stdout carries only data, even in an interactive command. */
  output?: NodeJS.WritableStream;
}

export function inquirerPrompter(streams: PromptStreams = {}): Prompter {
  const context = { input: streams.input, output: streams.output ?? process.stderr };
  const load = () => import('@inquirer/prompts');
  return {
    async input(q) {
      const { input } = await load();
      return input({ message: q.message, default: q.default, required: q.required ?? true, validate: q.validate }, context);
    },
    async multiline(q) {
      const { input } = await load();
      const lines: string[] = [];
      for (;;) {
        const first = lines.length === 0;
        const line = await input({ message: first ? `${q.message} (an empty line ends)` : '…', required: first }, context);
        if (line === '') break;
        lines.push(line);
      }
      const text = lines.join('\n');
      const verdict = q.validate?.(text) ?? true;
      // A refused multi-line answer is asked again whole: there is no line to fix in place.
      if (verdict !== true) {
        context.output.write(`${verdict}\n`);
        return this.multiline(q);
      }
      return text;
    },
    async select(q) {
      const { select } = await load();
      return select({ message: q.message, choices: q.choices, default: q.default, pageSize: 10 }, context);
    },
    async confirm(q) {
      const { confirm } = await load();
      return confirm({ message: q.message, default: q.default }, context);
    },
    async number(q) {
      const { number } = await load();
      return number({ message: q.message, min: q.min, max: q.max, default: q.default, required: true }, context);
    },
  };
}
