/**
 * How an action id (call, note, card, ...) reads in a table: the id itself in English, a verb in
 * Chinese. The ids stay in --json and in playbook files.
 */
import { t } from '../i18n.js';

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
