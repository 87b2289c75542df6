/**
 * A complaint as `crm export --format json` writes it: where it stands now (the fields of
 * `complaints`, solutions as a list) and its append-only log, entry by entry in the order written.
 * Read back with the checks the database and the five steps rely on, so a restore never trips a
 * constraint halfway.
 */
import { t } from '../i18n.js';
import { CAUSES, STEPS, type Complaint } from './complaint.js';
import type { LogEntry } from './complaint-answers.js';
import { isValidIsoDate } from './dates.js';
import { bool, count, countFromZero, date, fail, id, line, nullable, oneOf, text, type Getter, type Read } from './json-fields.js';
import { CHANNELS } from './parse.js';

export interface ExportedComplaint extends Complaint {
  log: LogEntry[];
}

const MOMENT = /^\d{4}-\d{2}-\d{2}( ([01]\d|2[0-3]):[0-5]\d)?$/;

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM', as complaints record when things happened. */
const moment: Read<string> = (v, f) =>
  typeof v === 'string' && MOMENT.test(v) && isValidIsoDate(v.slice(0, 10)) ? v : fail(f, t('a moment like 2026-03-02 or 2026-03-02 15:00'), v);

const severity: Read<number> = (v, f) => (Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 5 ? (v as number) : fail(f, t('a whole number from 1 to 5'), v));

function solutions(v: unknown, f: string): string[] {
  if (!Array.isArray(v)) fail(f, t('a list of texts like ["replace it", "repair it"]'), v);
  return v.map((s, i) => text(s, `${f}[${i}]`));
}

function log(v: unknown, f: string): LogEntry[] {
  if (!Array.isArray(v)) fail(f, t('a list of {"at", "step", "field", "value"}'), v);
  return v.map((e: Partial<Record<keyof LogEntry, unknown>> | null, i) => {
    const at = `${f}[${i}]`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) fail(at, t('an object {"at", "step", "field", "value"}'), e);
    if (e.value === undefined) fail(`${at}.value`, t('a JSON value'), e.value);
    return { at: moment(e.at, `${at}.at`), step: oneOf(STEPS)(e.step, `${at}.step`), field: line(e.field, `${at}.field`), value: e.value };
  });
}

export function readComplaint(get: Getter): ExportedComplaint {
  return {
    id: get('id', id), customerId: get('customerId', id), step: get('step', oneOf(STEPS)), openedOn: get('openedOn', date),
    openedAt: get('openedAt', moment), words: get('words', nullable(text)), channel: get('channel', nullable(oneOf(CHANNELS))),
    severity: get('severity', nullable(severity)), understood: get('understood', nullable(bool)), wants: get('wants', nullable(text)),
    cause: get('cause', nullable(oneOf(CAUSES))), finding: get('finding', nullable(text)), reasonable: get('reasonable', nullable(bool)),
    ourFault: get('ourFault', nullable(bool)), round: get('round', count), idea: get('idea', nullable(text)), solutions: get('solutions', solutions),
    accepted: get('accepted', nullable(countFromZero)), gesture: get('gesture', nullable(text)), promisedBy: get('promisedBy', nullable(moment)),
    promises: get('promises', countFromZero), confirms: get('confirms', countFromZero), resolvedAt: get('resolvedAt', nullable(moment)),
    satisfied: get('satisfied', nullable(bool)), rootCause: get('rootCause', nullable(text)), lesson: get('lesson', nullable(text)),
    prevention: get('prevention', nullable(text)), closedAt: get('closedAt', nullable(moment)), log: get('log', log),
  };
}
