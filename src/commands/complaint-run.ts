/**
 * `crm complaint open|resume|step|close`: the same answers by walk or by flags. On a terminal the walk
 * asks what is missing; without one the flags must say it all, or nothing is written (exit 2).
 */
import type { Deps } from '../deps.js';
import { Cancelled, UsageError } from '../errors.js';
import { OPEN_STEPS, REQUIRED, stepComplete, stepTitle, type Complaint, type OpenStep } from '../domain/complaint.js';
import { flagOf, flagsToComplete, type Answer } from '../domain/complaint-answers.js';
import { parseChoice, parsePositiveInt } from '../domain/parse.js';
import { t } from '../i18n.js';
import { info, printJson } from '../ui/io.js';
import type { Prompter } from '../ui/prompter.js';
import { flagAnswers, stepFlagList, unansweredFlags, type AnswerFlags } from './complaint-flags.js';
import { getComplaint, openIn, record, recordIn, warnPhrases, whenOf } from './complaint-record.js';
import { complaintJson, renderComplaint, tMoment } from './complaint-show.js';
import { pickCustomer } from './complaint-customer.js';
import { walk, type Walk } from './complaint-walk.js';
import { resolveCustomer } from './resolve.js';

export type OpenOptions = AnswerFlags & { customer?: string };

/** The steps `open` takes flags for; confirmation and review come days later. */
const OPEN_FLOW: readonly OpenStep[] = ['listen', 'analyse', 'resolve'];
// i18n-ignore: a command line, typed the same in every language
const OPEN_COMMAND = 'complaint open';

function needFlags(command: string, flags: string[]): UsageError {
  const help = command.split(' ').slice(0, 2).join(' ');
  return new UsageError(t('{command}: there is no terminal to ask on, so give {flags} (see crm {help} --help)', { command, flags: flags.join(', '), help }));
}

function isPromptExit(e: unknown): boolean {
  return (e as { name?: string } | null)?.name === 'ExitPromptError';
}

/** Runs the walk; Ctrl-C leaves every saved answer in place and says how to go on. */
async function asking(w: Walk, only?: OpenStep): Promise<void> {
  try {
    await walk(w, only);
  } catch (e) {
    if (isPromptExit(e)) throw new Cancelled(t('cancelled; what was answered is saved: continue with crm complaint resume {id}', { id: w.c.id }));
    throw e;
  }
}

function prompterOf(deps: Deps): Prompter {
  if (!deps.prompter) throw new Error(t('no prompter: crm was started without one'));
  return deps.prompter;
}

export function nextHint(c: Complaint): string {
  const { id, step } = c;
  if (step === 'closed') return '';
  if (step === 'resolve' && c.promisedBy) {
    return t('An answer is promised by {by}; crm today shows it. When it is settled: crm complaint step {id} resolve --resolved', { id, by: tMoment(c.promisedBy) });
  }
  if (step === 'confirm') return t('Confirmation calls are in crm today; record each with crm complaint resume {id} or crm complaint step {id} confirm --satisfied yes|no', { id });
  if (step === 'review' && stepComplete(c, 'review')) return t('Reviewed; close it with crm complaint close {id}', { id });
  return t('Continue with crm complaint resume {id}, or crm complaint step {id} {step} {flags}', { id, step, flags: flagsToComplete(c, step).join(' ') });
}

function finish(deps: Deps, c: Complaint): void {
  const name = deps.store.customers.get(c.customerId)?.name ?? '?';
  if (deps.io.json) printJson(deps.io, complaintJson(c, name));
  else if (c.step === 'closed') deps.io.stdout(t('Complaint #{id} ({name}): closed', { id: c.id, name }) + '\n');
  else deps.io.stdout(t('Complaint #{id} ({name}): at {step}', { id: c.id, name, step: stepTitle(c.step) }) + '\n');
  const next = nextHint(c);
  if (next) info(deps.io, next);
}

export async function openComplaint(opts: OpenOptions, deps: Deps): Promise<void> {
  const { store, io } = deps;
  // Every flag is checked before anything is written.
  const given = OPEN_FLOW.map((step) => ({ step, answers: flagAnswers(opts, step, deps.today, deps.now) }));
  const customer = opts.customer === undefined ? undefined : resolveCustomer(store, opts.customer, '--customer');
  const when = whenOf(deps);
  const all = given.flatMap((g) => g.answers);
  if (!io.stdinIsTTY) {
    const absent = REQUIRED.listen.filter((f) => opts[f] === undefined);
    if (!customer) throw needFlags(OPEN_COMMAND, ['--customer C', ...absent.map((f) => flagOf(f))]);
    const last = Math.max(0, ...given.map((g, i) => (g.answers.length ? i : 0)));
    const c = store.write(() => {
      let c = openIn(store, customer.id, when);
      for (const { step, answers } of given.slice(0, last + 1)) {
        c = recordIn(store, c.id, answers, when);
        const missing = c.step === step ? unansweredFlags(c, step) : [];
        if (missing.length) throw needFlags(OPEN_COMMAND, missing);
      }
      return c;
    });
    warnPhrases(deps, all);
    return finish(deps, c);
  }
  const prompter = prompterOf(deps);
  let who = customer;
  if (!who) {
    try {
      who = await pickCustomer(deps, prompter);
    } catch (e) {
      if (isPromptExit(e)) throw new Cancelled(t('cancelled; nothing was saved'));
      throw e;
    }
  }
  const w: Walk = { deps, prompter, c: openIn(store, who.id, when), given: Object.fromEntries(given.map((g) => [g.step, g.answers])) };
  info(io, t('Complaint #{id} opened for {name}. Every answer is saved as you give it; Ctrl-C keeps them.', { id: w.c.id, name: who.name }));
  await asking(w);
  finish(deps, w.c);
}

export async function resumeComplaint(ref: string, deps: Deps): Promise<void> {
  const { store, io } = deps;
  const c = getComplaint(store, parsePositiveInt(ref, t('complaint id')));
  if (c.step === 'closed') return info(io, t('Complaint #{id} is closed; nothing to resume (crm complaint show {id}).', { id: c.id }));
  if (!io.stdinIsTTY) {
    const flags = flagsToComplete(c, c.step);
    if (!flags.length) throw new UsageError(t('complaint resume asks questions and there is no terminal to ask on; close it with crm complaint close {id}', { id: c.id }));
    const vars = { id: c.id, step: c.step, flags: flags.join(' ') };
    throw new UsageError(t('complaint resume asks questions and there is no terminal to ask on; record it with crm complaint step {id} {step} {flags}', vars));
  }
  info(io, renderComplaint(io, c, store.customers.get(c.customerId)?.name ?? '?', store.complaints.log(c.id)));
  const w: Walk = { deps, prompter: prompterOf(deps), c };
  await asking(w);
  finish(deps, w.c);
}

export async function stepComplaint(ref: string, stepArg: string, opts: AnswerFlags, deps: Deps): Promise<void> {
  const { store, io } = deps;
  const id = parsePositiveInt(ref, t('complaint id'));
  const step = parseChoice(stepArg, 'step', OPEN_STEPS);
  const answers = flagAnswers(opts, step, deps.today, deps.now);
  const current = getComplaint(store, id);
  if (io.stdinIsTTY && step === current.step) {
    const w: Walk = { deps, prompter: prompterOf(deps), c: current, given: { [step]: answers } };
    await asking(w, step);
    return finish(deps, w.c);
  }
  // i18n-ignore: a command line, typed the same in every language
  const command = `complaint step ${id} ${step}`;
  if (!answers.length) {
    if (io.stdinIsTTY) {
      throw new UsageError(t('{command}: complaint #{id} is at {step}; give flags to correct an answer, or continue with crm complaint resume {id}', { command, id, step: stepTitle(current.step) }));
    }
    throw needFlags(command, [stepFlagList(step)]);
  }
  const c = store.write(() => {
    const c = recordIn(store, id, answers, whenOf(deps));
    const missing = c.step === step ? unansweredFlags(c, step) : [];
    if (missing.length) throw needFlags(command, missing);
    return c;
  });
  warnPhrases(deps, answers);
  finish(deps, c);
}

export function closeComplaint(ref: string, deps: Deps): void {
  const answer: Answer = { field: 'closed', value: true };
  finish(deps, record(deps, parsePositiveInt(ref, t('complaint id')), [answer]));
}
