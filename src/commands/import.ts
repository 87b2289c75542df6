/**
 * `crm import`: customers and sales from a sheet (CSV) or JSON, every row checked before one is
 * written. Registration only; the work is loaded when the command runs.
 */
import type { Command } from 'commander';
import type { RunCommand } from '../cli.js';
import type { ImportOptions } from './import-run.js';
import { t } from '../i18n.js';
import { DEFAULT_PACE, PACE_HELP } from './pacing.js';

export function register(program: Command, run: RunCommand): void {
  program
    .command('import')
    .description(t('import customers and sales from CSV (UTF-8 or GBK, English or Chinese headers) or JSON'))
    .argument('<file>', t('a .csv sheet, a JSON list of rows, or a crm export --format json file'))
    .option('--dry-run', t('check every row and say what would change; write nothing'))
    .option('--map <HEADER=COLUMN,...>', t('name other headers: --map "客户名称=name,序号=-" (- skips a column; repeatable)'), (v: string, prev: string[] = []) => [...prev, v])
    .option('--encoding <name>', t("the file's encoding when it is not UTF-8, UTF-16 or GBK/GB18030, e.g. windows-1252, big5"))
    .option('--pace <n>', PACE_HELP())
    .option('--date-order <order>', t('how a date like 3/2/2026 is read: dmy (3 February) or mdy (2 March); needed only when no part is over 12'))
    .addHelpText(
      'after',
      t(`
Columns (header names in English or Chinese, any case; name other headers with --map):
  customer  name (姓名, 名字, 客户), company (公司, 单位), phone (电话, 手机, 手机号),
            email (邮箱, 电子邮件), birthday (生日: MM-DD or YYYY-MM-DD), address (地址),
            role (职位, 角色), channel (渠道, 联系方式: phone, email, wechat/微信, sms, visit,
            letter, other), tags (标签: "vip,important"), notes (备注), special_days (纪念日:
            "05-20 结婚纪念日; 10-01 公司周年"), referred_by (介绍人: a customer's name),
            do_not_contact (yes/no), character, hobbies, family, source, credit, competitors
  sale      product (产品, 商品), amount (金额, 价格), cost (成本), quantity (数量),
            date (日期, 成交日期; default today), delivery (交货日期, 交付日期),
            warranty_months (保修, 保修月数), use_up_days, verbal (yes/no), sale_channel, sale_note
  ignored   id, customer_id, sale_id, created_on, updated_on (written by crm export)

A row with a product is a sale of the customer on that row. A row means a customer already on file
(or earlier in the file) with the same phone, else the same email, else the same name and no other
phone, email or company; its non-empty cells update that customer. A sale already on file (same
customer, date, product, amount and quantity; without a date in the row, the same on any date) is
not added again: importing a file twice is safe (give a repeat purchase of the same thing its date).
Every row is checked first; any error lists row, column and the fix, and nothing is imported (exit 2).
Sales are planned by the playbook, as add-sale plans them: passed steps of the last 30 days are
recorded as missed, older ones are history (counted, not stored). Steps due already (a win-back
call 90 days after the last purchase) fall on today, {pace} a working day (more if that takes over
{days} working days; --pace N: N a day); the rest move to the next working days, most valuable
customers first, each move kept as a snooze.
Dates may be 2026-03-02, 2026/3/2, 2026年3月2日, 02.03.2026 (day first) or 3/2/2026 with
--date-order; amounts may carry ¥, 元, € or RMB, and a decimal comma (49,90).

Files: CSV (comma, semicolon or tab; UTF-8 with or without BOM, UTF-16, or GBK/GB18030 as Chinese
Excel saves; name any other with --encoding), a JSON list of rows with the same column names, or a
crm export --format json file, which is restored whole (follow-ups, contacts, complaints, the
classification, playbooks, settings, outbox): with the same ids into an empty database, else with
new ids, keeping what the database already has.

Examples:
  $ crm import customers.csv --dry-run
  $ crm import 客户.csv --map "客户名称=name,序号=-"
  $ crm import backup.json`, { pace: DEFAULT_PACE.perDay, days: DEFAULT_PACE.withinDays }),
    )
    .action((file: string, opts: ImportOptions) => run(async (deps) => (await import('./import-run.js')).runImport(file, opts, deps)));
}
