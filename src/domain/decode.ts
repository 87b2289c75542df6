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
    return { text: strict('gb18030', bytes), encoding: 'gb18030', bom: false };
  }
}
