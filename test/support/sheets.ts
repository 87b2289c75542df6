/** Writing import files for tests: sheets from objects, and large generated ones. */
import { writeFileSync } from 'node:fs';
import { formatCsvRow } from '../../src/domain/csv.js';

/** A CSV file whose header is every key used, in first-seen order (no BOM, LF: as a script would write it). */
export function writeSheet(path: string, rows: Record<string, string | undefined>[]): string {
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  writeFileSync(path, [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => formatCsvRow(cells)).join('\n') + '\n');
  return path;
}

/**
 * `rows` sale rows over rows/perCustomer customers, sales spread over the 700 days from `from`
 * with warranties on every third: a salesperson's history, for the large-import tests.
 */
export function writeHistory(path: string, rows: number, perCustomer = 5, from = '2024-01-01'): string {
  const lines = ['name,company,phone,email,birthday,tags,product,amount,date,warranty_months'];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / perCustomer);
    const date = new Date(Date.parse(from) + ((i * 7919) % 700) * 86_400_000).toISOString().slice(0, 10);
    const birthday = `${String(1 + (c % 12)).padStart(2, '0')}-${String(1 + (c % 28)).padStart(2, '0')}`;
    lines.push(`客户${c},公司${c % 100},+86 138 ${String(c).padStart(8, '0')},c${c}@example.cn,${birthday},${c % 10 ? '' : 'important'},产品 ${i % 50},${100 + (i % 900)}.50,${date},${i % 3 ? '' : 12}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
