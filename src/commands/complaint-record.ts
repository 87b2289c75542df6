/**
 * Saving complaint answers: each call is one transaction that appends to the log, moves the step and
 * plans or closes the reminders the answer asks for. The walk calls it once per answer, so Ctrl-C
 * loses nothing already answered; flags call it once for all of theirs, so a refusal changes nothing.
 */
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';
import { parseReminderKey, type Complaint, type Moment } from '../domain/complaint.js';
import { applyAnswer, confirmReminder, promiseReminder, type Answer, type Effect } from '../domain/complaint-answers.js';
import type { IsoDate } from '../domain/dates.js';
import { findForbiddenPhrases, phraseWarningText } from '../domain/phrases.js';
import type { Reminder } from '../domain/reminder.js';
import type { Store } from '../store/index.js';
import { warn } from '../ui/io.js';

export interface When {
  today: IsoDate;
  at: Moment;
  /** The confirmation reminder this answer reports on (crm done); else the earliest open one. */
  reminderId?: number;
}

/** The tool's day with the clock's time of day: 'YYYY-MM-DD HH:MM' (the day alone without a clock). */
export function whenOf(deps: Pick<Deps, 'today' | 'now'>): When {
  return { today: deps.today, at: deps.now ? `${deps.today} ${deps.now.slice(11, 16)}` : deps.today };
}

/** What the salesperson says or promises; the customer's own words are theirs, not ours to warn about. */
const OUR_WORDS: ReadonlySet<Answer['field']> = new Set(['finding', 'solution', 'gesture', 'confirmNote', 'rootCause', 'lesson', 'prevention']);

export function getComplaint(store: Store, id: number): Complaint {
  const c = store.complaints.get(id);
  if (!c) throw new UsageError(t('complaint: no complaint with id {id}; see crm complaint list', { id }));
  return c;
}

/** The reminders a complaint planned, by kind; open ones only unless told otherwise. */
export function complaintReminders(store: Store, c: Complaint, kind?: 'promise' | 'confirm', openOnly = true): Reminder[] {
  return store.reminders.forCustomer(c.customerId, { openOnly }).filter((r) => {
    const key = parseReminderKey(r.dedupeKey);
    return key?.complaintId === c.id && (kind === undefined || key.kind === kind);
  });
}

// Reasons are stored with the reminder, so they read in the language in force when it was closed.
function applyEffect(store: Store, c: Complaint, e: Effect, when: When): void {
  const close = (rs: Reminder[], state: 'done' | 'skipped', reason: string) => rs.forEach((r) => store.reminders.close(r.id, state, when.today, reason));
  switch (e.kind) {
    case 'promise':
      close(complaintReminders(store, c, 'promise'), 'done', t('answered; next answer promised by {by}', { by: e.by }));
      store.reminders.insertNew([promiseReminder(c, e.n, e.by)], when.today);
      return;
    case 'resolved':
      close(complaintReminders(store, c, 'promise'), 'done', t('answered: resolved'));
      store.reminders.insertNew(e.dues.map((due, i) => confirmReminder(c, e.firstN + i, due, i + 1, e.dues.length)), when.today);
      return;
    case 'confirmed': {
      const open = complaintReminders(store, c, 'confirm');
      const reported = open.find((r) => r.id === when.reminderId) ?? (when.reminderId === undefined ? open[0] : undefined);
      if (reported) close([reported], 'done', e.satisfied ? t('satisfied') : t('not satisfied'));
      if (!e.satisfied) close(open.filter((r) => r !== reported), 'skipped', t('not satisfied: back to Resolve'));
      return;
    }
    case 'closed':
      close(complaintReminders(store, c, 'confirm'), 'skipped', t('complaint #{id} closed', { id: c.id }));
  }
}

/** Applies `answers` in order inside the caller's transaction (store.write nests). */
export function recordIn(store: Store, id: number, answers: Answer[], when: When): Complaint {
  return store.write(() => {
    let c = getComplaint(store, id);
    for (const a of answers) {
      const { complaint, log, effects } = applyAnswer(c, a, when);
      store.complaints.append(id, log);
      for (const e of effects) applyEffect(store, complaint, e, when);
      c = complaint;
    }
    store.complaints.save(c);
    return c;
  });
}

/** Warns, once saved, about phrases never to use with customers (#307): the answer stands. */
export function warnPhrases(deps: Pick<Deps, 'io'>, answers: Answer[]): void {
  for (const a of answers) {
    if (!OUR_WORDS.has(a.field) || typeof a.value !== 'string') continue;
    for (const w of findForbiddenPhrases(a.value)) warn(deps.io, phraseWarningText(w));
  }
}

export function record(deps: Deps, id: number, answers: Answer[]): Complaint {
  const c = recordIn(deps.store, id, answers, whenOf(deps));
  warnPhrases(deps, answers);
  return c;
}

/** A new complaint and its 'opened' entry. */
export function openIn(store: Store, customerId: number, when: When): Complaint {
  return store.write(() => {
    const c = store.complaints.create(customerId, when.today, when.at);
    store.complaints.append(c.id, [{ at: when.at, step: 'listen', field: 'opened', value: { customerId } }]);
    return c;
  });
}
