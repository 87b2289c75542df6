import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { setLanguage } from '../../src/i18n.js';
import { readPlaybook } from '../../src/domain/rules-file.js';
import { english } from '../../src/domain/value-settings.js';
import { placeholdersIn } from '../../src/domain/template.js';

const shipped = (name: string) => readFileSync(new URL(`../../playbooks/${name}.yaml`, import.meta.url), 'utf8');

describe('the shipped playbooks', () => {
  it.each(['default', 'car-dealer', 'b2b-distributor'])('%s passes the check', (name) => {
    const { playbook, problems } = readPlaybook(shipped(name));
    expect(problems).toEqual([]);
    expect(playbook!.name).toBe(name);
    expect(playbook!.rules.length).toBeGreaterThan(5);
  });

  it.each(['default', 'car-dealer', 'b2b-distributor'])('%s has a Chinese email beside every email, with the same placeholders', (name) => {
    const rules = readPlaybook(shipped(name)).playbook!.rules;
    if (name === 'default') expect(rules.find((r) => r.id === 'loyalty-survey')!.emailZh?.text).toMatch(/^\{customer\}您好：\n/);
    for (const r of rules.filter((x) => x.email)) {
      for (const part of ['subject', 'text'] as const) {
        expect(r.emailZh?.[part], r.id).toMatch(/[\u4e00-\u9fff]/);
        expect(new Set(placeholdersIn(r.emailZh![part])), r.id).toEqual(new Set(placeholdersIn(r.email![part])));
      }
    }
  });

  it.each(['default', 'car-dealer', 'b2b-distributor'])('%s has a Chinese title for every rule, with the same placeholders', (name) => {
    for (const r of readPlaybook(shipped(name)).playbook!.rules) {
      expect(r.titleZh, r.id).toMatch(/[\u4e00-\u9fff]/);
      expect(new Set(placeholdersIn(r.titleZh!)), r.id).toEqual(new Set(placeholdersIn(r.title)));
    }
  });
});

const rule = (extra: string, when = '{ relative-to: close }') =>
  `version: 1\nname: t\nrules:\n  - id: r\n    action: call\n    title: Call {customer}\n    lesson: "#299"\n    when: ${when}\n${extra}`;

describe('a broken playbook gives each problem with its line and the fix', () => {
  it.each([
    ['not YAML', 'version: 1\nname: [\n', 3, /^not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/],
    ['wrong version', 'version: 2\nname: t\nrules: []\n', 1, /^version must be one of 1 \(got 2\)$/],
    ['no rules', 'version: 1\nname: t\n', 1, /^rules must be a list with at least one rule$/],
    ['unknown field', rule('    colour: red\n'), 9, /^unknown field "colour" in rules\[0\]; the fields are: id, action, title, title-zh, lesson, when, if/],
    ['unknown top-level field', 'nom: x\n' + rule(''), 1, /^unknown field "nom" in the file; the fields are: version, name, description, rules$/],
    ['bad offset', rule('', '{ relative-to: close, offset: +2x }'), 8, /^rules\[0\]\.when\.offset must be an offset like \+1 day, -2 days, \+1 week or -1 month \(got "\+2x"\)$/],
    ['unknown anchor', rule('', '{ relative-to: payday }'), 8, /^rules\[0\]\.when\.relative-to must be one of close, delivery, received, warranty-end, use-up, first-purchase, last-purchase, strategy-start, birthday/],
    ['unknown tier', rule('    if: { not-tiers: [platinum] }\n'), 9, /^rules\[0\]\.if\.not-tiers\[0\] must be one of gold, meteor, stream, burden, new \(got "platinum"\)$/],
    ['unknown strategy', rule('    if: { not-strategies: [wait] }\n'), 9, /^rules\[0\]\.if\.not-strategies\[0\] must be one of let-go, persist, give-up \(got "wait"\)$/],
    ['any with one condition', rule('    if: { any: [{ tiers: [gold] }] }\n'), 9, /^rules\[0\]\.if\.any must list at least 2 \(got \[\{"tiers":\["gold"\]\}\]\)$/],
    ['unknown field inside any', rule('    if:\n      any:\n        - { tiers: [gold] }\n        - { tag: vip }\n'), 12, /^unknown field "tag" in rules\[0\]\.if\.any\[1\]; the fields are: verbal, referred, first-purchase, tags-any, channels, min-amount, max-amount, product-contains, tiers, strategies, not-tiers, not-strategies$/],
    ['any inside any', rule('    if: { any: [{ any: [] }, { tiers: [gold] }] }\n'), 9, /^unknown field "any" in rules\[0\]\.if\.any\[0\]; the fields are: verbal, /],
    ['empty list', rule('    if: { tags-any: [] }\n'), 9, /^rules\[0\]\.if\.tags-any must list at least 1 \(got \[\]\)$/],
    ['unknown festival', rule('', '{ relative-to: festival, festivals: [easter] }'), 8, /^rules\[0\]\.when\.festivals\[0\] must be one of new-year, /],
    ['festival without festivals', rule('', '{ relative-to: festival }'), 8, /^rules\[0\]\.when: relative-to: festival needs festivals: \[/],
    ['every without count', rule('', '{ relative-to: close, every: 3 months }'), 8, /^rules\[0\]\.when: every needs relative-to: close and a count/],
    ['bad interval', rule('', '{ relative-to: close, every: fortnightly, count: 2 }'), 8, /^rules\[0\]\.when\.every must be an interval like 3 months or 2 weeks/],
    ['every 0 months', rule('', '{ relative-to: close, every: 0 months, count: 12 }'), 8, /^rules\[0\]\.when\.every must be at least 1 week or 1 month, like 3 months or 2 weeks \(got "0 months"\)$/],
    ['every 0 weeks', rule('', '{ relative-to: close, every: 0w, count: 3 }'), 8, /^rules\[0\]\.when\.every must be at least 1 week or 1 month/],
    ['missing lesson', rule('').replace('    lesson: "#299"\n', ''), 4, /^rules\[0\]\.lesson is missing$/],
    ['missing action', rule('').replace('    action: call\n', ''), 4, /^rules\[0\]\.action is missing$/],
    ['missing when', rule('').replace('    when: { relative-to: close }\n', ''), 4, /^rules\[0\]\.when is missing$/],
    ['missing anchor', rule('', '{ offset: +1 day }'), 8, /^rules\[0\]\.when\.relative-to is missing$/],
    ['unknown action', rule('').replace('action: call', 'action: shout'), 5, /^rules\[0\]\.action must be one of call, note, card, visit, email, check, message, confirm \(got "shout"\)$/],
    ['unknown placeholder', rule('').replace('{customer}', '{customr}'), 4, /^unknown placeholder \{customr\} in rule "r"; the placeholders are: \{customer\}/],
    ['unknown placeholder in email', rule('    email: { subject: "Hi {nam}", text: x }\n'), 4, /^unknown placeholder \{nam\} in rule "r"/],
    ['bad condition', rule('    if: { tags-any: important }\n'), 9, /^rules\[0\]\.if\.tags-any must be a list like \[a, b\] \(got "important"\)$/],
    ['unknown condition', rule('    if: { weather: sunny }\n'), 9, /^unknown field "weather" in rules\[0\]\.if; the fields are: verbal, referred, first-purchase, tags-any/],
    ['missing title', rule('').replace('    title: Call {customer}\n', ''), 4, /^rules\[0\]\.title is missing$/],
    ['title-zh with other placeholders', rule('    title-zh: "给{customr}打电话"\n'), 9, /^title-zh of rule "r" must use the same placeholders as its title: \{customer\} \(got \{customr\}\)$/],
    ['title-zh without the placeholders', rule('    title-zh: "打电话"\n'), 9, /^title-zh of rule "r" must use the same placeholders as its title: \{customer\} \(got none\)$/],
    ['unknown placeholder in email-zh', rule('    email: { subject: "Hi {customer}", text: x }\n    email-zh: { subject: "{customr}您好", text: x }\n'), 4, /^unknown placeholder \{customr\} in rule "r"/],
    ['email-zh with other placeholders in the subject', rule('    email: { subject: "Hi {customer}", text: "{product}" }\n    email-zh: { subject: "您好", text: "{product}" }\n'), 10, /^the subject in email-zh of rule "r" must use the same placeholders as the subject in email: \{customer\} \(got none\)$/],
    ['email-zh with other placeholders in the text', rule('    email: { subject: x, text: "Dear {customer}, {sender}" }\n    email-zh: { subject: x, text: "{name}您好" }\n'), 10, /^the text in email-zh of rule "r" must use the same placeholders as the text in email: \{customer\}, \{sender\} \(got \{name\}\)$/],
    ['email-zh without email', rule('    email-zh: { subject: x, text: y }\n'), 9, /^email-zh of rule "r" needs an email beside it/],
    ['unknown field in email-zh', rule('    email: { subject: x, text: y }\n    email-zh: { subject: x, body: y }\n'), 10, /^unknown field "body" in rules\[0\]\.email-zh; the fields are: subject, text$/],
    ['bad id', rule('').replace('id: r', 'id: Call Day 2'), 4, /^rules\[0\]\.id must be lower-case letters, digits and dashes, like call-day-2 \(got "Call Day 2"\)$/],
  ])('%s', (_name, text, line, message) => {
    const { playbook, problems } = readPlaybook(text);
    expect(playbook).toBeUndefined();
    expect(problems).toContainEqual({ line, message: expect.stringMatching(message) });
  });

  it('reports a duplicate id with both lines, and every problem of every rule at once', () => {
    const text = rule('') + rule('').split('rules:\n')[1].replace('{customer}', '{x}').replace('action: call', 'action: yell');
    const { problems } = readPlaybook(text);
    expect(problems.map((p) => p.line)).toEqual([9, 9, 10]);
    expect(problems.map((p) => p.message)).toEqual([
      'duplicate rule id "r" (first on line 4); give each rule its own id',
      expect.stringMatching(/^unknown placeholder \{x\}/),
      expect.stringMatching(/^rules\[1\]\.action must be one of/),
    ]);
  });

  it('reads offsets in days, weeks and months', () => {
    const when = (w: string) => readPlaybook(rule('', w)).playbook!.rules[0].when;
    expect(when('{ relative-to: close, offset: +2 weeks }')).toEqual({ after: 'close', days: 14 });
    expect(when('{ relative-to: warranty-end, offset: -1 month }')).toEqual({ after: 'warranty-end', months: -1 });
    expect(when('{ relative-to: birthday, offset: -3d }')).toEqual({ yearly: 'birthday', days: -3 });
    expect(when('{ relative-to: close, every: 2 weeks, count: 3 }')).toEqual({ every: { weeks: 2 }, count: 3 });
    expect(when('{ relative-to: festival-each-month, months: 6, offset: -2 days }')).toEqual({ monthlyCards: { count: 6, leadDays: 2 } });
    expect(when('{ relative-to: last-purchase, offset: +90 days }')).toEqual({ after: 'last-purchase', days: 90 });
    expect(when('{ relative-to: first-purchase, offset: +1 month }')).toEqual({ after: 'first-purchase', months: 1 });
    expect(when('{ relative-to: strategy-start, offset: +2 days }')).toEqual({ after: 'strategy-start', days: 2 });
    expect(readPlaybook(rule('', '{ relative-to: last-purchase, every: 3 months, count: 2 }')).problems[0].message).toMatch(/every needs relative-to: close/);
  });

  it('reads any, not-tiers and not-strategies into the engine\'s conditions', () => {
    const text = rule('    if:\n      not-tiers: [burden]\n      not-strategies: [give-up]\n      any: [{ tags-any: [VIP] }, { tiers: [gold], min-amount: 100 }]\n');
    expect(readPlaybook(text).playbook!.rules[0].if).toEqual({
      notTiers: ['burden'], notStrategies: ['give-up'], any: [{ tagsAny: ['vip'] }, { tiers: ['gold'], minAmount: 100 }],
    });
  });
});

describe('problems in Chinese', () => {
  afterEach(() => setLanguage('en'));
  const broken = rule('    title-zh: "打电话"\n', '{ relative-to: close, offset: soon }');

  it('words every problem in the language in force, and in English when asked (for --json)', () => {
    setLanguage('zh');
    expect(readPlaybook(broken).problems).toEqual([
      { line: 8, message: 'rules[0].when.offset 必须是偏移，如 +1 day、-2 days、+1 week 或 -1 month（收到 "soon"）' },
      { line: 9, message: '规则“r”的 title-zh 必须与 title 使用相同的占位符：{customer}（实际为 无）' },
    ]);
    expect(readPlaybook(broken, english).problems.map((p) => p.message)).toEqual([
      'rules[0].when.offset must be an offset like +1 day, -2 days, +1 week or -1 month (got "soon")',
      'title-zh of rule "r" must use the same placeholders as its title: {customer} (got none)',
    ]);
  });
});
