/**
 * The few questions crm asks, behind one interface: the real one wraps @inquirer/prompts, tests use
 * a scripted one (test/support/prompter.ts). Inquirer is imported on the first question only, so
 * `crm today` and `crm --help` never load it. Ctrl-C rejects with an error named ExitPromptError;
 * in a multi-line answer the error carries the lines entered before it (typedBeforeExit).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { plain, yesNoOf } from '../domain/parse.js';
import { t } from '../i18n.js';
import { readLines } from './lines.js';

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

/** The lines of a multi-line answer entered before Ctrl-C, when `e` is that Ctrl-C. */
export function typedBeforeExit(e: unknown): string | undefined {
  const err = e as { name?: string; typed?: unknown } | null;
  return err?.name === 'ExitPromptError' && typeof err.typed === 'string' ? err.typed : undefined;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  /** Questions go to stderr by default: stdout carries only data, even in an interactive command. */
  output?: NodeJS.WritableStream;
  /** The colours of the rest of the output (io.color): --no-color and NO_COLOR reach the prompts too. None: no colour. */
  color?: ChalkInstance;
}

/**
 * Inquirer's look, painted by `c`: its own theme colours by the environment alone, so --no-color
 * left the prompts coloured. A level-0 instance paints nothing.
 */
function themeOf(c: ChalkInstance) {
  return {
    prefix: { idle: c.blue('?'), done: c.green('✔') },
    spinner: { interval: 80, frames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'].map((f) => c.yellow(f)) },
    style: {
      answer: (s: string) => c.cyan(s),
      message: (s: string) => c.bold(s),
      error: (s: string) => c.red(`> ${s}`),
      defaultAnswer: (s: string) => c.dim(`(${s})`),
      help: (s: string) => c.dim(s),
      highlight: (s: string) => c.cyan(s),
      key: (s: string) => c.cyan(c.bold(`<${s}>`)),
      description: (s: string) => c.cyan(s),
      disabled: (s: string) => c.dim(`- ${s}`),
    },
  };
}

/**
 * Inquirer's own words are English: a required answer and its check are ours, so the refusal is in
 * the language in force (an empty answer becomes the default first, as inquirer does).
 */
function checked(required: boolean, validate?: Validate): Validate {
  return (value) => (required && value.trim() === '' ? t('An answer is needed here.') : (validate?.(value) ?? true));
}

export function inquirerPrompter(streams: PromptStreams = {}): Prompter {
  const context = { input: streams.input, output: streams.output ?? process.stderr };
  const paint = streams.color ?? new Chalk({ level: 0 });
  const theme = themeOf(paint);
  const load = () => import('@inquirer/prompts');
  const ask = async (q: { message: string; default?: string; required?: boolean; validate?: Validate }) => {
    const { input } = await load();
    return input({ message: q.message, default: q.default, validate: checked(q.required ?? true, q.validate), theme }, context);
  };
  return {
    input: ask,
    // One readline for the whole answer, so pasted lines and type-ahead all arrive (see lines.ts).
    async multiline(q) {
      const title = t('{message} (an empty line ends)', { message: q.message });
      for (;;) {
        const text = await readLines({
          input: context.input ?? process.stdin,
          output: context.output,
          header: `${theme.prefix.idle} ${theme.style.message(title)}`,
          prompt: paint.dim('› '),
          needed: theme.style.error(t('An answer is needed here.')),
        });
        const verdict = q.validate?.(text) ?? true;
        if (verdict === true) return text;
        // A refused multi-line answer is asked again whole: there is no line to fix in place.
        context.output.write(`${theme.style.error(verdict)}\n`);
      }
    },
    async select(q) {
      const { select } = await load();
      const keys = { ...theme, style: { ...theme.style, keysHelpTip: () => t('↑↓ to move, ⏎ to choose') } };
      return select({ message: q.message, choices: q.choices, default: q.default, pageSize: 10, theme: keys }, context);
    },
    /**
     * Asked as text: inquirer's confirm knows y/yes/n/no only and turns anything else (否, 不是) into
     * the default. Here 是/否 and the rest of parseYesNo's words count, Enter alone takes the default,
     * and anything else is refused under the prompt.
     */
    async confirm(q) {
      const { input } = await load();
      const answer = (value: string) => (value.trim() === '' ? q.default : yesNoOf(value));
      const hint = q.default === undefined ? t('yes/no') : q.default ? t('Y/n') : t('y/N');
      const validate = (value: string) => answer(value) !== undefined || t('Answer yes or no (y or n, 是 or 否).');
      // As inquirer's confirm shows it: "(Y/n)" until answered, then the answer as a word.
      const message = (text: string, status: string) => theme.style.message(text) + (status === 'done' ? '' : ' ' + theme.style.defaultAnswer(hint));
      const transformer = (value: string, { isFinal }: { isFinal: boolean }) => (isFinal ? theme.style.answer(answer(value) ? t('Yes') : t('No')) : value);
      const typed = await input({ message: q.message, validate, transformer, theme: { ...theme, style: { ...theme.style, message } } }, context);
      return answer(typed)!;
    },
    // Asked as text: inquirer's number prompt refuses in English words of its own. Full-width
    // digits (４, as a Chinese input method types them) count as the digits they are.
    async number(q) {
      const whole = (s: string) => /^\d+$/.test(plain(s)) && Number(plain(s)) >= q.min && Number(plain(s)) <= q.max;
      const validate = (s: string) => whole(s) || t('a whole number from {min} to {max}', { min: q.min, max: q.max });
      return Number(plain(await ask({ message: q.message, default: q.default === undefined ? undefined : String(q.default), validate })));
    },
  };
}
