/**
 * Phrases never to use in after-sale contact (#307), in English and Chinese, each with the better
 * thing to say. A note that contains one is still saved: the warning teaches, it does not block.
 * The English advice follows the interface language; the Chinese phrases' advice is Chinese, as
 * the note it answers is.
 */
import { t } from '../i18n.js';

export interface PhraseWarning {
  phrase: string;
  better: string;
}

interface Rule {
  pattern: RegExp;
  phrase: string;
  better: () => string;
}

// i18n-ignore-start: the Chinese phrases and their Chinese advice are data in their own language
const zh = (text: string) => () => text;
const RULES: Rule[] = [
  { pattern: /\bI\s+(?:do\s*n[o']?t|dunno)\s+know\b|\bdunno\b/i, phrase: "I don't know", better: () => t('"Let me find out and call you back by <time>."') },
  { pattern: /不知道/, phrase: '不知道', better: zh('“我马上帮您查清楚，在……之前答复您。”') },
  { pattern: /\bcan(?:no|')t\s+be\s+done\b|\bimpossible\b/i, phrase: "can't be done", better: () => t('"Here is what we can do: ..."') },
  { pattern: /不行/, phrase: '不行', better: zh('“我们可以这样办：……”') },
  { pattern: /\bnothing\s+(?:I|we)\s+can\s+do\b/i, phrase: 'Nothing I can do', better: () => t('"Let\'s look at what we can do together."') },
  { pattern: /没办法/, phrase: '没办法', better: zh('“我们一起看看能怎么解决。”') },
  { pattern: /\bsort\s+it\s+out\s+yourself\b|\bfigure\s+it\s+out\s+yourself\b/i, phrase: 'Sort it out yourself', better: () => t('"I\'ll take care of it for you."') },
  { pattern: /自己解决/, phrase: '你自己解决吧', better: zh('“这件事交给我来处理。”') },
  { pattern: /\b(?:maybe|probably|perhaps)\b/i, phrase: 'Maybe… / probably…', better: () => t('a definite answer, or a time by which you will confirm it') },
  { pattern: /大概是吧|大概吧|可能是.{0,20}吧/, phrase: '大概是吧 / 可能是……吧', better: zh('明确的答复，或者承诺一个确认的时间') },
  { pattern: /\bI'?m\s+(?:too\s+)?busy\b|\banother\s+day\b/i, phrase: "I'm busy, another day", better: () => t('"I\'ll call you back today at <time>."') },
  { pattern: /我很忙|改天再说/, phrase: '我很忙，改天再说', better: zh('“我今天……点给您回电话。”') },
  { pattern: /\bnot\s+my\s+(?:department|job|responsibility|problem)\b/i, phrase: 'Not my department, call X', better: () => t('"I\'ll get X to call you and make sure it is solved."') },
  { pattern: /不是我负责|不归我管/, phrase: '这不是我负责的范围', better: zh('“我请负责的同事联系您，并跟进到底。”') },
  { pattern: /\bread\s+the\s+manual\b|\bRTFM\b/i, phrase: 'Read the manual', better: () => t('"Let me show you how it works."') },
  { pattern: /说明书.{0,10}自己|自己照着/, phrase: '产品有说明书，你自己照着上面做', better: zh('“我来一步一步教您用。”') },
];
// i18n-ignore-end

export function findForbiddenPhrases(text: string): PhraseWarning[] {
  return RULES.filter((r) => r.pattern.test(text)).map(({ phrase, better }) => ({ phrase, better: better() }));
}

/** The stderr line for one finding. */
export function phraseWarningText(w: PhraseWarning): string {
  return t('"{phrase}" is a phrase to avoid with customers (#307); say instead: {better}', { phrase: w.phrase, better: w.better });
}
