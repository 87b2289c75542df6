import { afterEach, describe, expect, it } from 'vitest';
import { digestIsEmpty, digestSubject, renderDigest } from '../../src/mail/digest.js';
import { setLanguage } from '../../src/i18n.js';
import type { Agenda } from '../../src/commands/today.js';
import type { AgendaRow } from '../../src/store/reminders.js';

function row(over: Partial<AgendaRow>): AgendaRow {
  return {
    id: 1, customerId: 1, saleId: 1, rule: 'call-day-2', action: 'call', title: 'Day-2 call', lesson: null, due: '2026-03-02',
    state: 'open', dedupeKey: 'k', closedOn: null, reason: null, createdOn: '2026-03-01', customerName: 'Anna',
    phone: '555 0100', email: null, channel: 'phone', ...over,
  };
}

function agenda(over: Partial<Agenda>): Agenda {
  return { date: '2026-03-02', overdue: [], due: [], upcoming: [], upcomingTotal: 0, complaints: [], ...over };
}

describe('the digest', () => {
  it.each([
    [{}, 'Nothing due on Mon 2026-03-02'],
    [{ due: [row({})] }, 'Follow-ups for Mon 2026-03-02: 1 due'],
    [{ due: [row({}), row({ id: 2 })], overdue: [row({ id: 3, due: '2026-02-27' })] }, 'Follow-ups for Mon 2026-03-02: 2 due, 1 overdue'],
    [{ complaints: [{ id: 1, customer: { id: 1, name: 'A' }, step: 'resolve', promisedBy: null }] }, 'Follow-ups for Mon 2026-03-02: 1 open complaint'],
    [{ overdue: [row({})], complaints: [1, 2].map((id) => ({ id, customer: { id, name: 'A' }, step: 'listen', promisedBy: null })) }, 'Follow-ups for Mon 2026-03-02: 1 overdue, 2 open complaints'],
  ])('%j has the subject %j', (a, subject) => expect(digestSubject(agenda(a))).toBe(subject));

  it('is empty only with nothing overdue, due or promised; coming-up follow-ups do not count', () => {
    expect(digestIsEmpty(agenda({ upcoming: [row({ due: '2026-03-05' })] }))).toBe(true);
    expect(digestIsEmpty(agenda({ overdue: [row({})] }))).toBe(false);
  });

  it('lists overdue, due and open complaints (one with no answer time promised is not under "answers promised"), and which follow-ups crm emails', () => {
    const mail = renderDigest(
      agenda({
        overdue: [row({ id: 3, due: '2026-02-28', title: 'Day-2 call to 王芳', customerName: '王芳' })],
        due: [row({ id: 4, rule: 'thank-you', action: 'note', title: 'Thank Anna', email: 'anna@example.de', channel: 'email' })],
        complaints: [
          { id: 7, customer: { id: 2, name: '王芳' }, step: 'resolve', promisedBy: '2026-03-02T17:00' },
          { id: 8, customer: { id: 1, name: 'Anna' }, step: 'listen', promisedBy: null },
        ],
      }),
      new Map([[4, 'anna@example.de']]),
    );
    expect(mail.text).toBe(
      'Follow-ups for Mon 2026-03-02: 1 due, 1 overdue, 2 open complaints\n\n' +
        'Overdue (1)\n- #3 王芳: Day-2 call to 王芳 [call, 2 days late] 555 0100\n\n' +
        'Due today (1)\n- #4 Anna: Thank Anna [note] anna@example.de\n  crm emails this to anna@example.de today\n\n' +
        'Open complaints (2)\n- complaint #7 王芳: step resolve, answer promised by 2026-03-02T17:00 (due)\n' +
        '- complaint #8 Anna: step listen, no answer time promised\n\n' +
        'Close a follow-up with crm done ID, move it with crm snooze ID, drop it with crm skip ID --reason TEXT.\n',
    );
    expect(mail.html).toContain('<li><b>#4 Anna</b>: Thank Anna [note] anna@example.de<br><i>crm emails this to anna@example.de today</i></li>');
  });

  it('says "1 day late" and "2 days late"', () => {
    const text = renderDigest(agenda({ overdue: [row({ id: 1, due: '2026-03-01' }), row({ id: 2, due: '2026-02-28' })] })).text;
    expect(text).toContain('- #1 Anna: Day-2 call [call, 1 day late] 555 0100\n- #2 Anna: Day-2 call [call, 2 days late] 555 0100\n');
  });

  it('escapes every value in the HTML part', () => {
    const mail = renderDigest(agenda({ due: [row({ customerName: '<script>alert("x")</script>', title: "Tom & Jerry's <b>" })] }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Tom &amp; Jerry&#39;s &lt;b&gt;');
    expect(mail.text).toContain('<script>alert("x")</script>');
  });
});

describe('the digest in Chinese', () => {
  afterEach(() => setLanguage('en'));

  it.each([
    [{}, '2026年3月2日 周一 没有到期事项'],
    [{ due: [row({}), row({ id: 2 })], overdue: [row({ id: 3, due: '2026-02-27' })] }, '2026年3月2日 周一 跟进：2 项到期，1 项逾期'],
    [{ complaints: [{ id: 1, customer: { id: 1, name: 'A' }, step: 'resolve', promisedBy: null }] }, '2026年3月2日 周一 跟进：1 件未结投诉'],
  ])('%j has the subject %j', (a, subject) => {
    setLanguage('zh');
    expect(digestSubject(agenda(a))).toBe(subject);
  });

  it('writes the sections, the days late, the complaint steps and the footer in Chinese, actions as verbs; names and titles stay as they are', () => {
    setLanguage('zh');
    const mail = renderDigest(
      agenda({
        overdue: [row({ id: 3, due: '2026-02-28', title: '回访王芳', customerName: '王芳' }), row({ id: 5, due: '2026-03-01', customerName: 'Anna' })],
        due: [row({ id: 4, rule: 'thank-you', action: 'note', title: 'Thank Anna', email: 'anna@example.de', channel: 'email' })],
        complaints: [
          { id: 7, customer: { id: 2, name: '王芳' }, step: 'resolve', promisedBy: '2026-03-02T17:00' },
          { id: 8, customer: { id: 1, name: 'Anna' }, step: 'listen', promisedBy: null },
          { id: 9, customer: { id: 1, name: 'Anna' }, step: 'confirm', promisedBy: '2026-03-04T12:00' },
        ],
      }),
      new Map([[4, 'anna@example.de']]),
    );
    expect(mail.subject).toBe('2026年3月2日 周一 跟进：1 项到期，2 项逾期，3 件未结投诉');
    expect(mail.text).toBe(
      '2026年3月2日 周一 跟进：1 项到期，2 项逾期，3 件未结投诉\n\n' +
        '已逾期（2）\n- #3 王芳: 回访王芳 [致电，逾期 2 天] 555 0100\n- #5 Anna: Day-2 call [致电，逾期 1 天] 555 0100\n\n' +
        '今日到期（1）\n- #4 Anna: Thank Anna [写便条] anna@example.de\n  crm 今天会发邮件给 anna@example.de\n\n' +
        '未结投诉（3）\n- 投诉 #7 王芳: 步骤：解决，承诺在 2026-03-02T17:00 前答复（已到期）\n' +
        '- 投诉 #8 Anna: 步骤：倾听，未承诺答复时间\n' +
        '- 投诉 #9 Anna: 步骤：确认，承诺在 2026-03-04T12:00 前答复\n\n' +
        '完成跟进：crm done ID；改期：crm snooze ID；放弃：crm skip ID --reason 原因。\n',
    );
    expect(mail.html).toMatch(/^<!DOCTYPE html><html lang="zh-CN">/);
    expect(mail.html).toContain('<h3>未结投诉（3）</h3>');
    expect(mail.html).toContain('<li><b>#4 Anna</b>: Thank Anna [写便条] anna@example.de<br><i>crm 今天会发邮件给 anna@example.de</i></li>');
  });
});
