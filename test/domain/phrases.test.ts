import { describe, expect, it } from 'vitest';
import { findForbiddenPhrases } from '../../src/domain/phrases.js';

describe('forbidden phrases (#307)', () => {
  it.each([
    ["Told him I don't know when it ships", "I don't know"],
    ['I do not know the cause', "I don't know"],
    ['That can\'t be done, sorry', "can't be done"],
    ['There is nothing I can do', 'Nothing I can do'],
    ['Said: sort it out yourself', 'Sort it out yourself'],
    ['It will maybe arrive Friday', 'Maybe… / probably…'],
    ["I'm busy, call another day", "I'm busy, another day"],
    ['This is not my department', 'Not my department, call X'],
    ['Please read the manual', 'Read the manual'],
    ['客户问了，我说不知道', '不知道'],
    ['这个不行', '不行'],
    ['实在没办法', '没办法'],
    ['你自己解决吧', '你自己解决吧'],
    ['大概是吧', '大概是吧 / 可能是……吧'],
    ['可能是电池的问题吧', '大概是吧 / 可能是……吧'],
    ['我很忙,改天再说', '我很忙，改天再说'],
    ['这不是我负责的范围', '这不是我负责的范围'],
    ['产品有说明书,你自己照着上面做', '产品有说明书，你自己照着上面做'],
  ])('%j warns about %j', (text, phrase) => {
    expect(findForbiddenPhrases(text).map((w) => w.phrase)).toContain(phrase);
  });

  it.each(['Reached her, all good, will call back Friday at 10', '客户很满意，下周三回访', 'Known issue fixed; knowledge base updated', ''])(
    '%j is fine',
    (text) => expect(findForbiddenPhrases(text)).toEqual([]),
  );
});
