import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeText } from '../../src/domain/decode.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => Uint8Array.from(Buffer.from(s, 'utf16le'));

/** Text as Chinese Excel saves it (GBK), from the decoder's own table: Node has no GBK encoder. */
let gbkTable: Map<string, number[]> | undefined;
function gbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) gbkTable.set(decoder.decode(Uint8Array.of(lead, trail)), [lead, trail]);
    }
  }
  return Uint8Array.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : gbkTable!.get(c)!)));
}

describe('decodeText', () => {
  it.each([
    ['UTF-8 without BOM', utf8('姓名,电话\n王芳,1'), '姓名,电话\n王芳,1', 'utf-8', false],
    ['UTF-8 with BOM (Excel "CSV UTF-8")', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('姓名')]), '姓名', 'utf-8', true],
    ['plain ASCII', utf8('name,phone'), 'name,phone', 'utf-8', false],
    // 姓名,电话 as GBK: what Chinese Excel writes for "CSV (逗号分隔)".
    ['GBK', bytes(0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0), '姓名,电话', 'gb18030', false],
    // 王芳 and an emoji, which only GB18030 (not GBK) encodes, in four bytes.
    ['GB18030 four-byte sequence', bytes(0xcd, 0xf5, 0xb7, 0xbc, 0x94, 0x39, 0xfc, 0x36), '王芳😀', 'gb18030', false],
    ['UTF-16 LE with BOM (Excel "Unicode text")', Uint8Array.from([0xff, 0xfe, ...utf16le('姓名\t电话')]), '姓名\t电话', 'utf-16le', true],
    ['UTF-16 BE with BOM', bytes(0xfe, 0xff, 0x59, 0xd3, 0x54, 0x0d), '姓名', 'utf-16be', true],
  ])('%s', (_name, input, text, encoding, bom) => {
    expect(decodeText(input)).toEqual({ text, encoding, bom });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, naming --encoding', () => {
    expect(() => decodeText(bytes(0x61, 0xff))).toThrow(/not valid gb18030; save it as "CSV UTF-8" or name its encoding, e.g. --encoding windows-1252/);
  });

  it('refuses a Windows-1252 sheet that GB18030 would read without an error, naming --encoding windows-1252', () => {
    const western = Uint8Array.from(Buffer.from('name,company\r\nAnna M\u00fcller,Caf\u00e9s Bistro\r\nJ\u00f6rg,\u00c5ngstr\u00f6m AB\r\n', 'latin1'));
    expect(() => decodeText(western)).toThrow(
      'the file reads as "M黮ler" in GBK but as "Müller" in Windows-1252 (a Western Excel); save it as "CSV UTF-8", or import it with --encoding windows-1252',
    );
    expect(decodeText(western, 'windows-1252').text).toContain('Anna Müller,Cafés Bistro');
  });

  it.each([
    ['Chinese with Latin letters glued on', '姓名,公司,产品\r\n王芳,IBM中国,iPhone手机\r\n李明,华为Huawei,VIP客户服务\r\n'],
    ['one short name among English', 'name,company\r\n王芳,Acme\r\nAnna,Bmw\r\n'],
    ['a Pinyin name glued to its characters', 'name\r\nWang芳\r\n'],
    // Every one of these characters is two Windows-1252 letters too (王 is Íõ): only the GBK pairs' second bytes tell.
    ['English headers and names whose bytes read as Latin letters', 'name,phone\r\nKevin王,13800000001\r\n李敏,13800000002\r\n张磊,13800000003\r\n刘洋,13800000004\r\n'],
  ])('keeps a genuine GBK sheet: %s', (_why, text) => {
    expect(decodeText(gbk(text))).toEqual({ text, encoding: 'gb18030', bom: false });
  });

  it.each([
    ['windows-1252', bytes(0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72), 'Müller'],
    ['big5', bytes(0xa4, 0xfd, 0xaa, 0xda), '王芳'],
    ['utf-8', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('x')]), 'x'],
  ])('decodes --encoding %s', (encoding, input, text) => {
    expect(decodeText(input, encoding).text).toBe(text);
  });

  it('refuses an unknown --encoding', () => {
    expect(() => decodeText(utf8('x'), 'klingon')).toThrow(/^--encoding must be one Node knows/);
  });

  it('reads the GBK fixture file as Chinese text', () => {
    const { text, encoding } = decodeText(readFileSync(new URL('../fixtures/customers-gbk.csv', import.meta.url)));
    expect(encoding).toBe('gb18030');
    expect(text.split('\r\n')[0]).toBe('姓名,公司,手机号,邮箱,生日,渠道,标签,备注,产品,金额,成交日期,保修月数');
    expect(text).toContain('王芳,华星贸易');
  });
});
