/**
 * How an action id (call, note, card, ...) or a channel id (wechat, sms, ...) reads in a table or
 * a text: the id itself in English, a word in Chinese. The ids stay in --json, CSV and playbook files.
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
