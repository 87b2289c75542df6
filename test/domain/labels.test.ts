import { afterEach, describe, expect, it } from 'vitest';
import { contactKindLabel, contactNote, outcomeLabel } from '../../src/domain/labels.js';
import { setLanguage, valuesOf } from '../../src/i18n.js';

afterEach(() => setLanguage('en'));

describe('a contact in the customer history, as people read it', () => {
  it('names kinds and outcomes in the language in force, and keeps an unknown id as it is', () => {
    expect(['done', 'attempt', 'skipped', 'snoozed', 'log', 'new'].map(contactKindLabel)).toEqual(['done', 'attempt', 'skipped', 'snoozed', 'log', 'new']);
    expect(['reached', 'no-answer', 'left-message'].map(outcomeLabel)).toEqual(['reached', 'no-answer', 'left-message']);
    setLanguage('zh');
    expect(['done', 'attempt', 'skipped', 'snoozed', 'log', 'new'].map(contactKindLabel)).toEqual(['已完成', '尝试联系', '已跳过', '已改期', '计划外联系', 'new']);
    expect(['reached', 'no-answer', 'left-message'].map(outcomeLabel)).toEqual(['已联系上', '无人接听', '已留言']);
  });

  const written = {
    snooze: { en: 'from 2026-03-03 to 2026-03-05', zh: '从 2026-03-03 改到 2026-03-05' },
    pacing: { en: 'spread by crm import, 20 a day: from 2026-03-02 to 2026-03-04', zh: '由 crm import 分散安排，每天 20 条：从 2026-03-02 推迟到 2026-03-04' },
    email: { en: 'emailed to anna@example.de: Thank you, Anna!', zh: '已发邮件给 anna@example.de：Thank you, Anna!' },
    log: { en: '[wechat] 聊了滤网', zh: '[微信] 聊了滤网' },
  };
  const kinds = { snooze: 'snoozed', pacing: 'snoozed', email: 'done', log: 'log' } as const;

  it.each(Object.keys(written) as (keyof typeof written)[])('says the %s note crm wrote in either language again in the one in force', (what) => {
    for (const lang of ['en', 'zh'] as const) {
      setLanguage(lang);
      // crm log stores the channel's id, in any language.
      const stored = what === 'log' ? [written.log.en] : Object.values(written[what]);
      for (const note of stored) expect(contactNote(kinds[what], note)).toBe(written[what][lang]);
    }
  });

  it("leaves the salesperson's own words as written, even when they look like crm's", () => {
    setLanguage('zh');
    for (const [kind, note] of [
      ['done', 'from 2026-03-03 to 2026-03-05'],
      ['skipped', 'from 2026-03-03 to 2026-03-05'],
      ['log', '[boss] said yes'],
      ['done', 'loyalty survey; why us: price'],
      ['attempt', null],
    ] as const) {
      expect(contactNote(kind, note)).toBe(note);
    }
  });

  it('recognises a text by its whole shape, characters of regular expressions included', () => {
    expect(valuesOf('emailed to {to}: {subject}', 'emailed to a+b@x.org: (re) [1] $5 *new*?')).toEqual({ to: 'a+b@x.org', subject: '(re) [1] $5 *new*?' });
    expect(valuesOf('from {from} to {to}', 'moved from 2026-03-03 to 2026-03-05')).toBeUndefined();
    expect(valuesOf('from {from} to {to}', 'from 2026-03-03 to 2026-03-05\nand more')).toEqual({ from: '2026-03-03', to: '2026-03-05\nand more' });
  });
});
