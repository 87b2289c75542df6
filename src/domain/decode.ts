/**
 * Turning the bytes of an imported file into text. Spreadsheets write UTF-8 with or without a BOM,
 * UTF-16 for "Unicode text", and Chinese Excel writes GBK (GB18030 is its superset). Bytes that are
 * not valid UTF-8 are read as GB18030: valid UTF-8 is almost never also meaningful GBK text. Any
 * other encoding (Windows-1252 from a Western Excel, Big5, Shift_JIS) is named with --encoding.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';

export interface Decoded {
  text: string;
  encoding: string;
  bom: boolean;
}

/** The byte order marks a file may open with. */
export const BOM = { utf8: [0xef, 0xbb, 0xbf], utf16le: [0xff, 0xfe], utf16be: [0xfe, 0xff] } as const;

export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function strict(encoding: string, bytes: Uint8Array): string {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new UsageError(t('--encoding must be one Node knows, like utf-8, gb18030, big5, shift_jis or windows-1252 (got {got})', { got: JSON.stringify(encoding) }));
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new UsageError(t('the file is not valid {encoding}; save it as "CSV UTF-8" or name its encoding, e.g. --encoding windows-1252', { encoding: decoder.encoding }));
  }
}

/** `encoding` forces one; otherwise BOM, then UTF-8, then GB18030. */
export function decodeText(bytes: Uint8Array, encoding?: string): Decoded {
  if (encoding) return { text: strict(encoding, bytes).replace(/^\ufeff/, ''), encoding: new TextDecoder(encoding).encoding, bom: false };
  if (startsWith(bytes, BOM.utf8)) return { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (startsWith(bytes, BOM.utf16le)) return { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, BOM.utf16be)) return { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    const text = strict('gb18030', bytes);
    refuseWestern(bytes, text);
    return { text, encoding: 'gb18030', bom: false };
  }
}

/**
 * Whether every two-byte GBK character of the file ends in an ASCII byte: what an accented Western
 * letter and the letter after it make (ü l is 黮). Common Chinese characters (GB2312: 王 is CD F5)
 * end in a byte of 0xA1 or more, so a genuine Chinese sheet has at least one that does not.
 */
function allPairsEndInAscii(bytes: Uint8Array): boolean {
  let ascii = 0;
  for (let i = 0; i < bytes.length; ) {
    if (bytes[i] < 0x80 || i + 1 >= bytes.length) i++;
    else if (bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39) i += 4; // a four-byte GB18030 character
    else if (bytes[i + 1] >= 0x80) return false;
    else (ascii++, (i += 2));
  }
  return ascii > 0;
}

/** A Latin letter glued to a Chinese character inside one word: Müller read as GBK is M黮ler. */
const GLUED = /\p{L}*(?:[A-Za-z][\u4e00-\u9fff]|[\u4e00-\u9fff][a-z])\p{L}*/u;

/**
 * A Western Excel's Windows-1252 file whose accented letters each happen to form a GBK pair with
 * the letter after them decodes as GB18030 without an error, into words like "M黮ler". Such a
 * file is refused when its Windows-1252 reading is all letters where GBK glues Latin to Chinese:
 * genuine Chinese text read as Windows-1252 is full of symbols (·, ¼, ±), never letters alone.
 */
function refuseWestern(bytes: Uint8Array, gb: string): void {
  const glued = GLUED.exec(gb);
  if (!glued || !allPairsEndInAscii(bytes)) return;
  const latin = new TextDecoder('windows-1252').decode(bytes);
  const foreign = latin.match(/[^\x00-\x7f]/g) ?? [];
  if (!foreign.every((c) => /\p{L}/u.test(c))) return;
  const word = /\p{L}*[^\x00-\x7f]\p{L}*/u.exec(latin)?.[0] ?? '';
  throw new UsageError(t('the file reads as {gbk} in GBK but as {latin} in Windows-1252 (a Western Excel); save it as "CSV UTF-8", or import it with --encoding windows-1252', {
    gbk: JSON.stringify(glued[0]), latin: JSON.stringify(word),
  }));
}
