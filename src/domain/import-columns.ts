/**
 * The columns `crm import` understands and the header names that mean them. The canonical names
 * are machine vocabulary (the export writes them, scripts rely on them): they are never translated.
 */
import { UsageError } from '../errors.js';
import { t } from '../i18n.js';

export const CUSTOMER_COLUMNS = [
  'name', 'company', 'address', 'phone', 'email', 'birthday', 'role', 'character', 'hobbies', 'family', 'channel',
  'source', 'referred_by', 'credit', 'competitors', 'notes', 'tags', 'special_days', 'do_not_contact',
] as const;
export const SALE_COLUMNS = [
  'product', 'amount', 'cost', 'quantity', 'date', 'delivery', 'warranty_months', 'use_up_days', 'verbal',
  'sale_channel', 'sale_note',
] as const;
/** Bookkeeping an export writes; read back without complaint and without effect. */
export const IGNORED_COLUMNS = ['id', 'customer_id', 'sale_id', 'created_on', 'updated_on'] as const;

export type CustomerColumn = (typeof CUSTOMER_COLUMNS)[number];
export type SaleColumn = (typeof SALE_COLUMNS)[number];
export type Column = CustomerColumn | SaleColumn;

// i18n-ignore-start: header names as people write them in sheets: data, read in either language
const SYNONYMS: Record<string, Column> = {
  customer: 'name', full_name: 'name', 姓名: 'name', 名字: 'name', 客户: 'name', 客户名称: 'name', 客户姓名: 'name',
  organisation: 'company', organization: 'company', 公司: 'company', 单位: 'company', 公司名称: 'company',
  mobile: 'phone', tel: 'phone', telephone: 'phone', 电话: 'phone', 手机: 'phone', 手机号: 'phone', 联系电话: 'phone',
  e_mail: 'email', mail: 'email', 邮箱: 'email', 电子邮件: 'email', 电子邮箱: 'email',
  birth_date: 'birthday', date_of_birth: 'birthday', 生日: 'birthday', 出生日期: 'birthday',
  地址: 'address', 职位: 'role', 角色: 'role', 职务: 'role', 性格: 'character', 爱好: 'hobbies', 兴趣: 'hobbies',
  家庭: 'family', 渠道: 'channel', 联系方式: 'channel', 来源: 'source', referrer: 'referred_by', 介绍人: 'referred_by',
  推荐人: 'referred_by', 信用: 'credit', 付款条件: 'credit', 竞争对手: 'competitors', note: 'notes', 备注: 'notes',
  tag: 'tags', 标签: 'tags', special_day: 'special_days', 纪念日: 'special_days', 勿扰: 'do_not_contact', 不联系: 'do_not_contact',
  产品: 'product', 商品: 'product', price: 'amount', 金额: 'amount', 价格: 'amount', 成本: 'cost', qty: 'quantity',
  数量: 'quantity', sale_date: 'date', 日期: 'date', 成交日期: 'date', delivery_date: 'delivery', 交货日期: 'delivery',
  交付日期: 'delivery', warranty: 'warranty_months', 保修: 'warranty_months', 保修月数: 'warranty_months',
  用完天数: 'use_up_days', 口头: 'verbal', 口头订单: 'verbal', 成交渠道: 'sale_channel', 销售备注: 'sale_note',
  手机号码: 'phone', 移动电话: 'phone', 商品名称: 'product', 产品名称: 'product', 品名: 'product', 购买日期: 'date',
  下单日期: 'date', 成交时间: 'date', 购买时间: 'date', 成交金额: 'amount', 销售额: 'amount', 总价: 'amount',
  总金额: 'amount', 实付金额: 'amount',
};
/** A sheet's own row numbers (序号 1, 2, 3...): read and ignored, like an export's ids. */
const ROW_NUMBERS = new Set(['序号', '行号', 'no', 'no.', '#']);
// i18n-ignore-end

const KNOWN = new Set<string>([...CUSTOMER_COLUMNS, ...SALE_COLUMNS]);
const IGNORED = new Set<string>(IGNORED_COLUMNS);

/** "Warranty Months", "warranty-months" and " WARRANTY_MONTHS " all mean warranty_months. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function columnOf(header: string): Column | null | undefined {
  const key = normaliseHeader(header);
  if (KNOWN.has(key)) return key as Column;
  if (IGNORED.has(key) || ROW_NUMBERS.has(key)) return null;
  return SYNONYMS[key] ?? SYNONYMS[header.trim()];
}

/** --map "客户名称=name,序号=-": header -> column, or null to skip the column. */
export function parseMapOption(values: string[]): Map<string, Column | null> {
  const map = new Map<string, Column | null>();
  for (const pair of values.flatMap((v) => v.split(','))) {
    if (!pair.trim()) continue;
    const m = /^(.+)=(.+)$/.exec(pair.trim());
    const target = m ? (m[2].trim() === '-' ? '-' : normaliseHeader(m[2])) : '';
    if (!m || (target !== '-' && !KNOWN.has(target))) {
      throw new UsageError(
        t('--map must be HEADER=COLUMN pairs like "客户名称=name,序号=-", COLUMN one of {columns} or - to skip (got {got})', {
          columns: [...KNOWN].join(', '), got: JSON.stringify(pair.trim()),
        }),
      );
    }
    map.set(normaliseHeader(m[1]), target === '-' ? null : (target as Column));
  }
  return map;
}

export interface HeaderLayout {
  /** For each cell position, its column, or null when the column is skipped. */
  columns: (Column | null)[];
  /** The header as written in the file, for messages the user can find in their sheet. */
  labels: string[];
}

export function resolveHeader(header: string[], map = new Map<string, Column | null>()): HeaderLayout {
  const columns = header.map((h) => {
    const key = normaliseHeader(h);
    return map.has(key) ? map.get(key)! : h.trim() === '' ? null : columnOf(h);
  });
  const unknown = header.filter((_h, i) => columns[i] === undefined);
  if (unknown.length) {
    const names = unknown.map((h) => h.trim());
    const vars = {
      columns: names.map((h) => JSON.stringify(h)).join(', '), first: names[0], skip: names.map((h) => `${h}=-`).join(','), known: [...KNOWN].join(', '),
    };
    throw new UsageError(
      unknown.length > 1
        ? t('columns {columns} not known: name each with --map "{first}=COLUMN", or skip them all with --map "{skip}"; known columns: {known} (see crm import --help)', vars)
        : t('column {columns} not known: name it with --map "{first}=COLUMN", or skip it with --map "{skip}"; known columns: {known} (see crm import --help)', vars),
    );
  }
  const seen = new Map<Column, string>();
  header.forEach((h, i) => {
    const c = columns[i];
    if (!c) return;
    if (seen.has(c)) {
      const vars = { a: JSON.stringify(seen.get(c)), b: JSON.stringify(h.trim()), column: c, header: h.trim() };
      throw new UsageError(t('columns {a} and {b} both mean {column}; skip one with --map "{header}=-"', vars));
    }
    seen.set(c, h.trim());
  });
  if (!seen.has('name')) {
    throw new UsageError(t('the file has no name column (姓名); the header must name one, e.g. name,phone,product,amount,date, or use --map "客户名称=name"'));
  }
  return { columns: columns as (Column | null)[], labels: header.map((h) => h.trim()) };
}
