/** What `crm classify --explain` prints: the thresholds in force, where each comes from, the rules. */
import { t } from '../i18n.js';
import { DEALER_TAGS } from '../domain/engagement.js';
import { SETTING_KEYS, VALUE_SETTINGS, english, settingTexts, showSetting, type SettingSpec } from '../domain/value-settings.js';
import type { Thresholds } from '../domain/value.js';
import { displayWidth } from '../ui/width.js';

/** The thresholds as JSON: money in currency units, like every amount crm prints; help in English, as all --json. */
export function thresholdsJson(th: Thresholds) {
  const texts = settingTexts(english);
  return Object.fromEntries(
    SETTING_KEYS.map((key) => {
      const spec: SettingSpec = VALUE_SETTINGS[key];
      const v = th.values[key];
      const value = v === null ? null : spec.kind === 'money' ? v / 100 : v;
      return [key, { value, origin: th.origin[key], help: texts[key].help }];
    }),
  );
}

function originText(th: Thresholds, key: (typeof SETTING_KEYS)[number], derived: string | undefined): string {
  if (th.origin[key] === 'set') return t('set');
  if (th.origin[key] === 'default') return t('default');
  if (th.basis === 1) return t('derived: {how} (1 customer)', { how: derived ?? '' });
  return t('derived: {how} ({n} customers)', { how: derived ?? '', n: th.basis });
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(1, width - displayWidth(text)));

export function explainText(th: Thresholds): string {
  const width = Math.max(...SETTING_KEYS.map((k) => k.length)) + 2;
  const texts = settingTexts();
  const lines = [t('Thresholds (change one with crm classify --set KEY=VALUE; KEY= goes back to the default):')];
  for (const key of SETTING_KEYS) {
    lines.push(`  ${pad(key, width)}${pad(showSetting(key, th.values[key]), 10)}${originText(th, key, texts[key].derived)}`);
    lines.push(`  ${''.padEnd(width + 10)}${texts[key].help}`);
  }
  // One text per block, so each language lays out its own lines.
  lines.push(
    t('Tiers, by profit per deal and how often a customer buys again (seed 000):\n  new     first purchase less than new-days ago: too little history to judge\n  burden  margin at or under burden-margin, or no profit at all: buys only at rock-bottom prices\n  gold    loyal, profit per deal at least gold-profit\n  stream  loyal, profit per deal under gold-profit\n  meteor  not loyal: buys now and then, keeps trying others\n  loyal:  at least loyal-repeats repeat purchases a year (days with a purchase, counted over a year\n          at least) and a purchase within lapse-days; a sale without --cost earns margin'),
    t('Strategy, for customers tagged {tags} (seed 003), by their monthly volume of our line:\n  at least type1-volume: type 1, let go; at least type3-volume: type 2, persist;\n  under type3-volume: type 3, persist if capable, give up if not (judge with --capable yes|no)', { tags: DEALER_TAGS.join(t(' or ')) }),
  );
  return lines.join('\n') + '\n';
}
