/**
 * A flag for every question, so a complaint can be recorded from a script or after the call:
 * `crm complaint open --customer 王芳 --words ... --channel phone ...`. Flags are parsed before
 * anything is written, and each step's flags turn into the same answers the walk records.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { CAUSES, DEFAULT_CONFIRM_DAYS, missingAnswers, type Complaint, type OpenStep } from '../domain/complaint.js';
import { flagOf, type Answer } from '../domain/complaint-answers.js';
import {
  parseAccepted,
  parseAnswerText,
  parseCause,
  parseConfirmDays,
  parsePromise,
  parseSeverity,
  parseYesNo,
} from '../domain/complaint-parse.js';
import type { IsoDate } from '../domain/dates.js';
import { channelHelp, parseChannel, parseText } from '../domain/parse.js';
import { t } from '../i18n.js';

export interface AnswerFlags {
  words?: string;
  channel?: string;
  severity?: string;
  understood?: string;
  wants?: string;
  cause?: string;
  finding?: string;
  reasonable?: string;
  ourFault?: string;
  idea?: string;
  solution?: string[];
  accepted?: string;
  gesture?: string;
  promise?: string;
  resolved?: boolean;
  confirmDays?: string;
  satisfied?: string;
  note?: string;
  rootCause?: string;
  lesson?: string;
  prevention?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

type Options = Readonly<Record<OpenStep, [flags: string, help: string, repeat?: true][]>>;

/** A function, not a constant: the help is written in the language chosen at run time. */
const options = (): Options => ({
  listen: [
    ['--words <text>', t("the customer's own words, verbatim (newlines are kept)")],
    ['--channel <channel>', t('how the complaint came: {channels}', { channels: channelHelp() })],
    ['--severity <1-5>', t('how upset the customer is: 1 calm ... 5 furious')],
    ['--understood <yes|no>', t('you paraphrased it back and the customer confirmed you understood (#318)')],
    ['--wants <text>', t('the remedy the customer seeks')],
  ],
  analyse: [
    ['--cause <cause>', t('what really went wrong: {causes}', { causes: CAUSES.join(', ') })],
    ['--finding <text>', t('what you found out, in a sentence (optional)')],
    ['--reasonable <yes|no>', t('whether the complaint is reasonable')],
    ['--our-fault <yes|no>', t('whether it is our fault')],
  ],
  resolve: [
    ['--idea <text>', t('what the customer thinks should be done')],
    ['--solution <text>', t('a candidate solution, the best first (repeatable, up to 4)'), true],
    ['--accepted <n|none>', t('the rank of the solution the customer accepted, or none')],
    ['--gesture <text>', t('more than the customer expected (#323): a voucher, a gift (optional)')],
    ['--promise <date>', t('cannot be settled now: answer by YYYY-MM-DD or "YYYY-MM-DD HH:MM"')],
    ['--resolved', t('the accepted solution is carried out: plan the confirmation calls')],
    ['--confirm-days <d[,d]>', t('confirmation calls, days after the resolution (default {days})', { days: DEFAULT_CONFIRM_DAYS.join(',') })],
  ],
  confirm: [
    ['--satisfied <yes|no>', t('the result of a confirmation call; no sends the complaint back to Resolve')],
    ['--note <text>', t('what the customer said on the call (optional)')],
  ],
  review: [
    ['--root-cause <text>', t('the root cause')],
    ['--lesson <text>', t('the lesson learnt')],
    ['--prevention <text>', t('the preventive action, so the same complaint does not come again')],
  ],
});

export function addAnswerOptions(cmd: Command, steps: readonly OpenStep[]): Command {
  const all = options();
  for (const step of steps) {
    for (const [flags, help, repeat] of all[step]) {
      if (repeat) cmd.option(flags, help, collect);
      else cmd.option(flags, help);
    }
  }
  return cmd;
}

/** Text that may be left empty: '' records "asked, nothing to add". */
const optional = (s: string, field: string) => parseText(s, field).trim();

/** The answers a step's flags give, in the order the walk would ask them. Throws on bad input. `now`: see parsePromise. */
export function flagAnswers(f: AnswerFlags, step: OpenStep, today: IsoDate, now?: string): Answer[] {
  const out: Answer[] = [];
  const text = (field: Answer['field'], raw: string | undefined, flag: string, opt = false) => {
    if (raw !== undefined) out.push({ field, value: opt ? optional(raw, flag) : parseAnswerText(raw, flag) } as Answer);
  };
  const yesNo = (field: 'understood' | 'reasonable' | 'ourFault' | 'satisfied', raw: string | undefined, flag: string) => {
    if (raw !== undefined) out.push({ field, value: parseYesNo(raw, flag) });
  };
  switch (step) {
    case 'listen':
      text('words', f.words, '--words');
      if (f.channel !== undefined) out.push({ field: 'channel', value: parseChannel(f.channel, '--channel') });
      if (f.severity !== undefined) out.push({ field: 'severity', value: parseSeverity(f.severity) });
      yesNo('understood', f.understood, '--understood');
      text('wants', f.wants, '--wants');
      break;
    case 'analyse':
      if (f.cause !== undefined) out.push({ field: 'cause', value: parseCause(f.cause) });
      text('finding', f.finding, '--finding', true);
      yesNo('reasonable', f.reasonable, '--reasonable');
      yesNo('ourFault', f.ourFault, '--our-fault');
      break;
    case 'resolve':
      if (f.promise !== undefined && f.resolved) {
        throw new UsageError(t('--promise and --resolved contradict each other: --resolved when it is settled, --promise when the answer must wait'));
      }
      if (f.confirmDays !== undefined && !f.resolved) throw new UsageError(t('--confirm-days goes with --resolved (the calls follow the resolution)'));
      text('idea', f.idea, '--idea');
      for (const s of f.solution ?? []) text('solution', s, '--solution');
      if (f.accepted !== undefined) out.push({ field: 'accepted', value: parseAccepted(f.accepted) });
      text('gesture', f.gesture, '--gesture', true);
      if (f.promise !== undefined) out.push({ field: 'promise', value: parsePromise(f.promise, today, '--promise', now) });
      if (f.resolved) out.push({ field: 'resolved', value: f.confirmDays ? parseConfirmDays(f.confirmDays) : [...DEFAULT_CONFIRM_DAYS] });
      break;
    case 'confirm':
      text('confirmNote', f.note, '--note', true);
      yesNo('satisfied', f.satisfied, '--satisfied');
      break;
    case 'review':
      text('rootCause', f.rootCause, '--root-cause');
      text('lesson', f.lesson, '--lesson');
      text('prevention', f.prevention, '--prevention');
  }
  return out;
}

/** The flags a step still needs to count as recorded; an open promise is a recorded Resolve. */
export function unansweredFlags(c: Complaint, step: OpenStep): string[] {
  return missingAnswers(c, step)
    .filter((a) => !(a === 'resolved' && c.promisedBy))
    .map((a) => flagOf(a));
}

/** Every flag of a step, for "give these flags" when there is no terminal to ask on. */
export function stepFlagList(step: OpenStep): string {
  return options()[step].map(([flags]) => flags).join(', ');
}
