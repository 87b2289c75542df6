/** What `crm classify --explain` prints: the thresholds in force, where each comes from, the rules. */
import { DEALER_TAGS } from '../domain/engagement.js';
import { SETTING_KEYS, VALUE_SETTINGS, showSetting, type SettingSpec } from '../domain/value-settings.js';
import type { Thresholds } from '../domain/value.js';

/** The thresholds as JSON: money in currency units, like every amount crm prints. */
export function thresholdsJson(t: Thresholds) {
  return Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const spec: SettingSpec = VALUE_SETTINGS[key];
      const v = t.values[key];
      const value = v === null ? null : spec.kind === 'money' ? v / 100 : v;
      return [key, { value, origin: t.origin[key], help: spec.help }];
    }),
  );
}

function originText(t: Thresholds, key: (typeof SETTING_KEYS)[number]): string {
  const spec: SettingSpec = VALUE_SETTINGS[key];
  if (t.origin[key] === 'set') return 'set';
  if (t.origin[key] === 'default') return 'default';
  return `derived: ${spec.derived} (${t.basis} customer${t.basis === 1 ? '' : 's'})`;
}

export function explainText(t: Thresholds): string {
  const width = Math.max(...SETTING_KEYS.map((k) => k.length)) + 2;
  const lines = ['Thresholds (change one with crm classify --set KEY=VALUE; KEY= goes back to the default):'];
  for (const key of SETTING_KEYS) {
    lines.push(`  ${key.padEnd(width)}${showSetting(key, t.values[key]).padEnd(10)}${originText(t, key)}`);
    lines.push(`  ${''.padEnd(width + 10)}${VALUE_SETTINGS[key].help}`);
  }
  lines.push(
    'Tiers, by profit per deal and how often a customer buys again (seed 000):',
    '  new     first purchase less than new-days ago: too little history to judge',
    '  burden  margin at or under burden-margin, or no profit at all: buys only at rock-bottom prices',
    '  gold    loyal, profit per deal at least gold-profit',
    '  stream  loyal, profit per deal under gold-profit',
    '  meteor  not loyal: buys now and then, keeps trying others',
    '  loyal:  at least loyal-repeats repeat purchases a year (days with a purchase, counted over a year',
    '          at least) and a purchase within lapse-days; a sale without --cost earns margin',
    `Strategy, for customers tagged ${DEALER_TAGS.join(' or ')} (seed 003), by their monthly volume of our line:`,
    '  at least type1-volume: type 1, let go; at least type3-volume: type 2, persist;',
    '  under type3-volume: type 3, persist if capable, give up if not (judge with --capable yes|no)',
  );
  return lines.join('\n') + '\n';
}
