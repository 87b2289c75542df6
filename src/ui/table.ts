/**
 * Tables for people and rows for scripts. On a terminal: cli-table3 (it measures CJK characters as
 * two columns). Piped: tab-separated rows with a header line, so grep, cut and awk work.
 */
import { createRequire } from 'node:module';
import type { Io } from './io.js';
import { displayWidth, wrapText } from './width.js';

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
    style: { head: [], border: [] },
    // No rule between rows: a day's agenda reads as a list.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of fitToWidth(head, rows.map((r) => r.map(cellText)), io.columns)) table.push(r);
  return table.toString() + '\n';
}

/** Wraps the widest column so the table fits the terminal; the others keep their width. */
function fitToWidth(head: string[], rows: string[][], columns: number | undefined): string[][] {
  if (!columns || !rows.length) return rows;
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => Math.max(...r[i].split('\n').map(displayWidth)))));
  const total = widths.reduce((a, b) => a + b + 3, 1);
  if (total <= columns) return rows;
  const widest = widths.indexOf(Math.max(...widths));
  const room = widths[widest] - (total - columns);
  if (room < 12) return rows;
  return rows.map((r) => r.map((c, i) => (i === widest ? wrapText(c, room) : c)));
}

export function printTable(io: Io, head: string[], rows: Cell[][]): void {
  io.stdout(renderTable(io, head, rows));
}
