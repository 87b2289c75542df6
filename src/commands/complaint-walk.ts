/**
 * The guided walk of DOMAIN.md section 3: asks, step by step, only what is not answered yet, and
 * saves each answer the moment it is given. The screen carries what the texts teach at each step.
 */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { causeName, CAUSES, DEFAULT_CONFIRM_DAYS, MAX_SOLUTIONS, OPEN_STEPS, stepTitle, type Complaint, type OpenStep } from '../domain/complaint.js';
import { sinceLast, sinceStep, type Answer, type LogEntry } from '../domain/complaint-answers.js';
import { parseAnswerText, parseConfirmDays, parsePromise } from '../domain/complaint-parse.js';
import { CHANNELS, type Channel } from '../domain/parse.js';
import { t } from '../i18n.js';
import { info } from '../ui/io.js';
import { typedBeforeExit, type Prompter, type Validate } from '../ui/prompter.js';
import { record } from './complaint-record.js';
import { tMoment } from './complaint-show.js';

export interface Walk {
  deps: Deps;
  prompter: Prompter;
  c: Complaint;
  /** Answers given as flags, recorded when the walk reaches their step; it asks only the rest. */
  given?: Partial<Record<OpenStep, Answer[]>>;
}

/** The same check as the flag's, shown under the prompt until the answer passes. */
function validator(parse: (s: string) => unknown): Validate {
  return (value) => {
    try {
      parse(value);
      return true;
    } catch (e) {
      if (e instanceof UsageError) return e.message;
      throw e;
    }
  };
}
const someText = validator((v) => parseAnswerText(v, t('the answer')));

/** The channel as people read it; the value saved is the id (--channel takes the same). */
function channelName(ch: Channel): string {
  const names: Record<Channel, string> = {
    phone: t('phone'), email: t('email'), wechat: t('wechat'), sms: t('sms'), visit: t('visit'), letter: t('letter'), other: t('other'),
  };
  return names[ch];
}

async function save(w: Walk, a: Answer): Promise<void> {
  w.c = record(w.deps, w.c.id, [a]);
}

/** Everything said so far: what a question left no trace of in the complaint itself is read here. */
function said(w: Walk): LogEntry[] {
  return w.deps.store.complaints.log(w.c.id);
}

function header(w: Walk, step: OpenStep, tip: string): void {
  const vars = { id: w.c.id, n: OPEN_STEPS.indexOf(step) + 1, step: stepTitle(step), round: w.c.round };
  const title =
    step === 'resolve' && w.c.round > 1
      ? t('Complaint #{id} · step {n} of 5 · {step} (round {round}: the customer was not satisfied)', vars)
      : t('Complaint #{id} · step {n} of 5 · {step}', vars);
  info(w.deps.io, '\n' + w.deps.io.color.bold(title));
  hint(w, tip);
}

function hint(w: Walk, text: string): void {
  info(w.deps.io, w.deps.io.color.cyan(`  » ${text}`));
}

async function text(w: Walk, message: string): Promise<string> {
  return parseAnswerText(await w.prompter.input({ message, validate: someText }), t('the answer'));
}

/**
 * A multi-line answer, saved by `keep`. Ctrl-C in its middle saves the lines already entered
 * before the walk stops: the exit message says what was answered is saved, and they were.
 */
async function lines(w: Walk, message: string, keep: (text: string) => Promise<void>): Promise<void> {
  let text: string;
  try {
    text = await w.prompter.multiline({ message, validate: someText });
  } catch (e) {
    const typed = typedBeforeExit(e);
    if (typed !== undefined && someText(typed) === true) await keep(typed);
    throw e;
  }
  await keep(text);
}

async function listen(w: Walk): Promise<void> {
  const p = w.prompter;
  header(w, 'listen', t('Let the customer vent: do not interrupt, do not argue. Apologise for the trouble. Write down what they say, as they say it (#321, #304).'));
  if (w.c.words === null) {
    await lines(w, t("The customer's own words, verbatim"), (words) => save(w, { field: 'words', value: parseAnswerText(words, t('the words')) }));
  }
  if (w.c.channel === null) {
    const choices = CHANNELS.map((ch) => ({ value: ch, name: channelName(ch) }));
    await save(w, { field: 'channel', value: await p.select({ message: t('How did the complaint come?'), choices }) });
  }
  if (w.c.severity === null) await save(w, { field: 'severity', value: await p.number({ message: t('How upset is the customer? (1 calm ... 5 furious)'), min: 1, max: 5 }) });
  for (;;) {
    // After a no, what was missed; a resumed walk asks it first if nothing was added since the no.
    if (w.c.understood === false && !sinceLast(said(w), 'understood').some((e) => e.field === 'words')) {
      hint(w, t('Ask again, and listen for what you missed.'));
      const add = (more: string) => save(w, { field: 'words', value: `${w.c.words}\n${parseAnswerText(more, t('the words'))}` });
      await lines(w, t('What you missed (added to their words)'), add);
    }
    if (w.c.understood === true) break;
    hint(w, t('Paraphrase it back: "Let me check I have understood you correctly: you said ..." (#318)'));
    await save(w, { field: 'understood', value: await p.confirm({ message: t('Did the customer confirm you understood?'), default: true }) });
  }
  if (w.c.wants === null) await save(w, { field: 'wants', value: await text(w, t('What does the customer want (the remedy sought)?')) });
}

async function analyse(w: Walk): Promise<void> {
  const p = w.prompter;
  header(w, 'analyse', t('Find out calmly what really went wrong; do not decide in haste or say more than needed (#322).'));
  if (w.c.cause === null) {
    await save(w, { field: 'cause', value: await p.select({ message: t('The cause'), choices: CAUSES.map((c) => ({ value: c, name: causeName(c) })) }) });
  }
  if (w.c.finding === null) await save(w, { field: 'finding', value: (await p.input({ message: t('What did you find out? (optional)'), required: false })).trim() });
  if (w.c.reasonable === null) await save(w, { field: 'reasonable', value: await p.confirm({ message: t('Is the complaint reasonable?'), default: true }) });
  if (w.c.ourFault === null) {
    await save(w, { field: 'ourFault', value: await p.confirm({ message: t('Is it our fault?'), default: true }) });
    hint(
      w,
      w.c.ourFault
        ? t("Our fault: apologise on behalf of the company, and design the solution from the customer's side.")
        : t('Not our fault: explain calmly what happened, and give the customer a face-saving way out ("many people miss this step; we should have shown you"). Never make them wrong (seed 004).'),
    );
  }
}

async function resolve(w: Walk, promised: boolean): Promise<void> {
  const p = w.prompter;
  header(w, 'resolve', t('Ask "What do you think we should do?" Offer the best solution first, the next if refused; promise only what the company allows (#322).'));
  if (w.c.promisedBy) hint(w, t('You promised an answer by {by}.', { by: tMoment(w.c.promisedBy) }));
  if (w.c.idea === null) await save(w, { field: 'idea', value: await text(w, t('What does the customer think should be done?')) });
  // What this round was told (a new round starts afresh), and since its last promise: a promised
  // answer asks again which solution was accepted and whether it is settled, once.
  const round = () => sinceStep(said(w), 'resolve');
  const sincePromise = () => sinceLast(round(), 'promise');
  // Up to an empty one, which is saved too: a resumed round goes on with the next solution.
  const listed = w.c.accepted !== null || round().some((e) => e.field === 'solutionsDone');
  for (let n = w.c.solutions.length + 1; !listed && n <= MAX_SOLUTIONS; n++) {
    const message = n === 1 ? t('Solution {n} (the best first)', { n }) : t('Solution {n} (empty: no more)', { n });
    const s = (await p.input({ message, required: n === 1 })).trim();
    if (!s) {
      await save(w, { field: 'solutionsDone', value: true });
      break;
    }
    await save(w, { field: 'solution', value: parseAnswerText(s, t('the solution')) });
  }
  if (w.c.accepted === null || (w.c.accepted === 0 && w.c.promisedBy && !sincePromise().some((e) => e.field === 'accepted'))) {
    const offered = w.c.solutions.map((s, i) => ({ value: String(i + 1), name: `${i + 1}. ${s}` }));
    const choices = [...offered, { value: '0', name: t('none of them (yet)') }];
    await save(w, { field: 'accepted', value: Number(await p.select({ message: t('Which solution did the customer accept?'), choices })) });
  }
  if (w.c.gesture === null) {
    const gesture = await p.input({ message: t('Something more than expected, to win them back (#323: a voucher, a gift)? (optional)'), required: false });
    await save(w, { field: 'gesture', value: gesture.trim() });
  }
  if (promised) return;
  // Saved as soon as it is answered: Ctrl-C at the next question must not ask it again.
  let done = sincePromise().findLast((e) => e.field === 'settled')?.value as boolean | undefined;
  if (done === undefined && w.c.accepted) {
    done = await p.confirm({ message: t('Is it settled now: the accepted solution carried out?'), default: !w.c.promisedBy });
    await save(w, { field: 'settled', value: done });
  }
  if (done) {
    // The refusal names what was asked, not --confirm-days: the user typed no flag.
    const confirmDays = (v: string) => parseConfirmDays(v, t('the days'));
    const days = await p.input({ message: t('Confirmation calls, days from today (one or two)'), default: DEFAULT_CONFIRM_DAYS.join(','), validate: validator(confirmDays) });
    await save(w, { field: 'resolved', value: confirmDays(days) });
    hint(w, t('Confirmation calls are planned: crm today shows them. Record each with crm complaint resume {id}.', { id: w.c.id }));
    return;
  }
  hint(w, t('It cannot be settled now: promise a time, and answer by then whatever the progress (#322).'));
  const promise = (v: string) => parsePromise(v, w.deps.today, t('the time'), w.deps.now);
  const by = await p.input({ message: t('Answer the customer by (YYYY-MM-DD or "YYYY-MM-DD HH:MM")'), validate: validator(promise) });
  await save(w, { field: 'promise', value: promise(by) });
  hint(w, t('Promised: crm today shows it, red once due. When it is settled: crm complaint resume {id}.', { id: w.c.id }));
}

async function confirm(w: Walk): Promise<void> {
  const p = w.prompter;
  header(w, 'confirm', t('Ask whether the customer is satisfied with the fix and the compensation (#322).'));
  // '' once asked and left empty, so a resumed walk asks neither twice nor for a second note.
  if (!sinceStep(said(w), 'confirm').some((e) => e.field === 'confirmNote')) {
    await save(w, { field: 'confirmNote', value: (await p.input({ message: t('What did the customer say on the call? (optional)'), required: false })).trim() });
  }
  await save(w, { field: 'satisfied', value: await p.confirm({ message: t('Is the customer satisfied?'), default: true }) });
  if (w.c.satisfied) hint(w, t('Thank them; ask for their contacts and a referral (seed 000).'));
  else hint(w, t('Not satisfied: back to Resolve, with a better solution.'));
}

async function review(w: Walk): Promise<boolean> {
  const p = w.prompter;
  header(w, 'review', t('Record the cause, the lesson and the prevention, so the same complaint does not come again (#322).'));
  if (w.c.rootCause === null) await save(w, { field: 'rootCause', value: await text(w, t('The root cause')) });
  if (w.c.lesson === null) await save(w, { field: 'lesson', value: await text(w, t('The lesson learnt')) });
  if (w.c.prevention === null) await save(w, { field: 'prevention', value: await text(w, t('The preventive action')) });
  if (!(await p.confirm({ message: t('Close complaint #{id} now?', { id: w.c.id }), default: true }))) return false;
  await save(w, { field: 'closed', value: true });
  return true;
}

/** Records the flags given for `step`; true when they promised an answer time (nothing more to settle now). */
function recordGiven(w: Walk, step: OpenStep): boolean {
  const flags = w.given?.[step] ?? [];
  if (!flags.length) return false;
  // Solutions given as flags are the whole list: the walk does not ask for more.
  const last = flags.findLastIndex((a) => a.field === 'solution');
  const given: Answer[] = last < 0 ? flags : [...flags.slice(0, last + 1), { field: 'solutionsDone', value: true }, ...flags.slice(last + 1)];
  w.c = record(w.deps, w.c.id, given);
  delete w.given![step];
  return given.some((a) => a.field === 'promise');
}

/** Walks from where the complaint stands; `only` asks the questions of one step and stops. */
export async function walk(w: Walk, only?: OpenStep): Promise<void> {
  for (;;) {
    const step = w.c.step;
    if (step === 'closed' || (only && step !== only)) return;
    const promised = recordGiven(w, step);
    if (w.c.step !== step) {
      // Confirmation calls come days after the resolution: the walk stops there.
      if (w.c.step === 'confirm') return;
      continue;
    }
    if (step === 'listen') await listen(w);
    else if (step === 'analyse') await analyse(w);
    else if (step === 'resolve') {
      await resolve(w, promised);
      return;
    } else if (step === 'confirm') await confirm(w);
    else if (!(await review(w))) return;
    if (only) return;
  }
}
