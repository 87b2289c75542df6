/**
 * Tables for people and rows for scripts. On a terminal: cli-table3 (it measures CJK characters as
 * two columns). Piped: tab-separated rows with a header line, so grep, cut and awk work.
 */
import { createRequire } from 'node:module';
import type { Io } from './io.js';

type Table = new (options: object) => { push(row: string[]): void; toString(): string };
const require = createRequire(import.meta.url);

export type Cell = string | number | null | undefined;

function cellText(c: Cell): string {
  return c === null || c === undefined ? '' : String(c);
}

export function renderTable(io: Io, head: string[], rows: Cell[][]): string {
  if (!io.isTTY) {
    const clean = (c: Cell) => cellText(c).replace(/[\t\r\n]+/g, ' ');
    return [head, ...rows].map((r) => r.map(clean).join('\t')).join('\n') + '\n';
  }
  // Loaded only when a terminal needs it: it is the heaviest module on the agenda's path.
  const CliTable = require('cli-table3') as Table;
  const table = new CliTable({
    head: head.map((h) => io.color.bold(h)),
    // cli-table3 colours heads and borders even when piped: turn its colours off, chalk decides.
    style: { head: [], border: [], compact: false },
  });
  for (const r of rows) table.push(r.map(cellText));
  return table.toString() + '\n';
}

export function printTable(io: Io, head: string[], rows: Cell[][]): void {
  io.stdout(renderTable(io, head, rows));
}
