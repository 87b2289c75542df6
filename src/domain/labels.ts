/**
 * How an action id (call, note, card, ...), a channel id (wechat, sms, ...) or a contact's kind and
 * outcome (done, reached, ...) reads in a table or a text: the id itself in English, a word in
 * Chinese. The ids stay in --json, CSV and playbook files.
 */
import { t, valuesOf } from '../i18n.js';
import { CHANNELS } from './parse.js';
import type { ContactKind } from './reminder.js';

export function actionLabel(action: string): string {
  switch (action) {
    case 'call':
      return t('call\u0004action');
    case 'note':
      return t('note\u0004action');
    case 'card':
      return t('card\u0004action');
    case 'visit':
      return t('visit\u0004action');
    case 'email':
      return t('email\u0004action');
    case 'check':
      return t('check\u0004action');
    case 'message':
      return t('message\u0004action');
    case 'confirm':
      return t('confirm\u0004action');
    default:
      return action;
  }
}

export function channelLabel(channel: string): string {
  switch (channel) {
    case 'phone':
      return t('phone\u0004channel');
    case 'email':
      return t('email\u0004channel');
    case 'wechat':
      return t('wechat\u0004channel');
    case 'sms':
      return t('sms\u0004channel');
    case 'visit':
      return t('visit\u0004channel');
    case 'letter':
      return t('letter\u0004channel');
    case 'other':
      return t('other\u0004channel');
    default:
      return channel;
  }
}

/** What kind of contact a history line records. */
export function contactKindLabel(kind: string): string {
  switch (kind) {
    case 'done':
      return t('done\u0004contact');
    case 'attempt':
      return t('attempt\u0004contact');
    case 'skipped':
      return t('skipped\u0004contact');
    case 'snoozed':
      return t('snoozed\u0004contact');
    case 'log':
      return t('log\u0004contact');
    default:
      return kind;
  }
}

/** How a call or visit went: `crm done --outcome` and `crm log --outcome`. */
export function outcomeLabel(outcome: string): string {
  switch (outcome) {
    case 'reached':
      return t('reached\u0004outcome');
    case 'no-answer':
      return t('no-answer\u0004outcome');
    case 'left-message':
      return t('left-message\u0004outcome');
    default:
      return outcome;
  }
}

/**
 * A contact's note as people read it. Most notes are the salesperson's own words, shown as written.
 * The ones crm writes itself are stored as text in the language it ran in; those it recognises (in
 * any language) are said again in the language in force: a snooze's "from X to Y", pacing's
 * "spread by ...", a sent customer email's "emailed to ...: subject" (the subject as it was sent),
 * and the channel `crm log --channel` puts in front, "[wechat] ...". Survey notes, which embed the
 * customer's answers, are shown as written.
 */
export function contactNote(kind: ContactKind, note: string | null): string | null {
  if (note === null) return null;
  if (kind === 'snoozed') {
    const moved = valuesOf('from {from} to {to}', note);
    if (moved) return t('from {from} to {to}', moved);
    // i18n-ignore: the key of the t() below, to recognise the text in any language
    const spread = valuesOf('spread by {command}, {n} a day: from {from} to {to}', note);
    if (spread) return t('spread by {command}, {n} a day: from {from} to {to}', spread);
  }
  if (kind === 'done') {
    // i18n-ignore: as above
    const mailed = valuesOf('emailed to {to}: {subject}', note);
    if (mailed) return t('emailed to {to}: {subject}', mailed);
  }
  if (kind === 'log') {
    const m = /^\[([a-z]+)\] /.exec(note);
    if (m && (CHANNELS as readonly string[]).includes(m[1])) return `[${channelLabel(m[1])}] ${note.slice(m[0].length)}`;
  }
  return note;
}
