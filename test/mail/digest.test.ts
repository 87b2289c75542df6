import { describe, expect, it } from 'vitest';
import { digestIsEmpty, digestSubject, renderDigest } from '../../src/mail/digest.js';
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
  return { date: '2026-03-02', overdue: [], due: [], upcoming: [], complaints: [], ...over };
}

describe('the digest', () => {
  it.each([
    [{}, 'Nothing due on Mon 2026-03-02'],
    [{ due: [row({})] }, 'Follow-ups for Mon 2026-03-02: 1 due'],
    [{ due: [row({}), row({ id: 2 })], overdue: [row({ id: 3, due: '2026-02-27' })] }, 'Follow-ups for Mon 2026-03-02: 2 due, 1 overdue'],
    [{ complaints: [{ id: 1, customer: { id: 1, name: 'A' }, step: 'resolve', promisedBy: null }] }, 'Follow-ups for Mon 2026-03-02: 1 complaint answer'],
    [{ overdue: [row({})], complaints: [1, 2].map((id) => ({ id, customer: { id, name: 'A' }, step: 'listen', promisedBy: null })) }, 'Follow-ups for Mon 2026-03-02: 1 overdue, 2 complaint answers'],
  ])('%j has the subject %j', (a, subject) => expect(digestSubject(agenda(a))).toBe(subject));

  it('is empty only with nothing overdue, due or promised; coming-up follow-ups do not count', () => {
    expect(digestIsEmpty(agenda({ upcoming: [row({ due: '2026-03-05' })] }))).toBe(true);
    expect(digestIsEmpty(agenda({ overdue: [row({})] }))).toBe(false);
  });

  it('lists overdue, due and promised complaint answers, and which follow-ups crm emails', () => {
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
      'Follow-ups for Mon 2026-03-02: 1 due, 1 overdue, 2 complaint answers\n\n' +
        'Overdue (1)\n- #3 王芳: Day-2 call to 王芳 [call, 2 days late] 555 0100\n\n' +
        'Due today (1)\n- #4 Anna: Thank Anna [note] anna@example.de\n  crm emails this to anna@example.de today\n\n' +
        'Complaint answers promised (2)\n- complaint #7 王芳: step resolve, answer promised by 2026-03-02T17:00 (due)\n' +
        '- complaint #8 Anna: step listen, no answer time promised\n\n' +
        'Close a follow-up with crm done ID, move it with crm snooze ID, drop it with crm skip ID --reason TEXT.\n',
    );
    expect(mail.html).toContain('<li><b>#4 Anna</b>: Thank Anna [note] anna@example.de<br><i>crm emails this to anna@example.de today</i></li>');
  });

  it('escapes every value in the HTML part', () => {
    const mail = renderDigest(agenda({ due: [row({ customerName: '<script>alert("x")</script>', title: "Tom & Jerry's <b>" })] }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Tom &amp; Jerry&#39;s &lt;b&gt;');
    expect(mail.text).toContain('<script>alert("x")</script>');
  });
});
