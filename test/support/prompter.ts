/**
 * A Prompter that plays a script: each question must be the next one expected, by kind and by words
 * in its message, or the test fails. CTRL_C answers like a user pressing Ctrl-C in inquirer.
 */
import type { Choice, Prompter, Validate } from '../../src/ui/prompter.js';

export const CTRL_C = Symbol('Ctrl-C');

/** Answers typed in turn at one input prompt: each but the last must be refused (see `refusals`). */
export interface Retyped {
  retyped: string[];
}
export const retyped = (...answers: string[]): Retyped => ({ retyped: answers });

/** Ctrl-C in a multi-line answer after these lines were entered (the real prompter's error carries them). */
export interface CtrlCAfter {
  ctrlCAfter: string;
}
export const ctrlCAfter = (typed: string): CtrlCAfter => ({ ctrlCAfter: typed });

type Kind = keyof Prompter;
export type Step = [kind: Kind, message: string | RegExp, answer: string | number | boolean | typeof CTRL_C | Retyped | CtrlCAfter];

export interface ScriptedPrompter extends Prompter {
  /** Every question asked, as "kind: message". */
  asked: string[];
  /** The script's questions not asked yet. */
  remaining(): Step[];
  /** What was shown under a prompt for each refused answer, in order. */
  refusals: string[];
}

export function scriptedPrompter(script: Step[]): ScriptedPrompter {
  const queue = [...script];
  const asked: string[] = [];
  const refusals: string[] = [];

  function next(kind: Kind, message: string, choices?: Choice<string>[]): unknown {
    asked.push(`${kind}: ${message}`);
    const step = queue.shift();
    if (!step) throw new Error(`unexpected question, the script is over: ${kind} "${message}"`);
    const [wantKind, pattern, answer] = step;
    const matches = typeof pattern === 'string' ? message.includes(pattern) : pattern.test(message);
    if (wantKind !== kind || !matches) throw new Error(`unexpected question: ${kind} "${message}", the script expected ${wantKind} ${String(pattern)}`);
    if (answer === CTRL_C) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    if (typeof answer === 'object' && 'ctrlCAfter' in answer) {
      if (kind !== 'multiline') throw new Error(`ctrlCAfter is for a multi-line answer, not ${kind} "${message}"`);
      throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError', typed: answer.ctrlCAfter });
    }
    if (choices && !choices.some((c) => c.value === answer)) {
      throw new Error(`scripted answer ${JSON.stringify(answer)} is not a choice of "${message}": ${choices.map((c) => c.value).join(', ')}`);
    }
    return answer;
  }

  /** As inquirer does: an empty answer takes the default, then the answer must pass validation. */
  function checked(message: string, answer: string, validate?: Validate): string {
    const verdict = validate?.(answer) ?? true;
    if (verdict !== true) throw new Error(`scripted answer ${JSON.stringify(answer)} to "${message}" was refused: ${verdict}`);
    return answer;
  }

  return {
    asked,
    refusals,
    remaining: () => [...queue],
    input: async (q) => {
      const given = next('input', q.message) as string | Retyped;
      if (typeof given === 'object') {
        for (const typed of given.retyped.slice(0, -1)) {
          const verdict = q.validate?.(typed) ?? true;
          if (verdict === true) throw new Error(`scripted answer ${JSON.stringify(typed)} to "${q.message}" was expected to be refused`);
          refusals.push(verdict);
        }
      }
      const answer = (typeof given === 'object' ? given.retyped.at(-1)! : given) || (q.default ?? '');
      if (answer === '' && q.required !== false) throw new Error(`"${q.message}" requires an answer`);
      return checked(q.message, answer, q.validate);
    },
    multiline: async (q) => checked(q.message, next('multiline', q.message) as string, q.validate),
    select: async <T extends string>(q: { message: string; choices: Choice<T>[] }) => next('select', q.message, q.choices) as T,
    confirm: async (q) => next('confirm', q.message) as boolean,
    number: async (q) => {
      const n = next('number', q.message) as number;
      if (n < q.min || n > q.max) throw new Error(`scripted number ${n} is outside ${q.min}-${q.max}`);
      return n;
    },
  };
}
