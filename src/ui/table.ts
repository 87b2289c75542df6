/**
 * Tables for people and rows for scripts. On a terminal: cli-table3 (it measures CJK characters as
 * two columns), fitted to the terminal's width when it is known: the widest columns wrap, and when
 * that would leave them too narrow to read, each row becomes a block of `label: value` lines.
 * Piped: tab-separated rows with a header line, so grep, cut and awk work.
 */
import { createRequire } from 'node:module';
import { t } from '../i18n.js';
import type { Io } from './io.js';
import { displayWidth, wrapText } from './width.js';

type Table = new (options: object) => { push(row: string[]): void; toString(): string };
const require = createRequire(import.meta.url);

export type Cell = string | number | null | undefined;

/** A wrapped column narrower than this reads one word a line: the rows are stacked instead. */
export const MIN_COLUMN_WIDTH = 10;

function cellText(c: Cell): string {
  return c === null || c === undefined ? '' : String(c);
}

/** The width of a cell's widest line, in terminal columns. */
function textWidth(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

export function renderTable(io: Io, head: string[], rows: Cell[][]): string {
  if (!io.isTTY) {
    const clean = (c: Cell) => cellText(c).replace(/[\t\r\n]+/g, ' ');
    return [head, ...rows].map((r) => r.map(clean).join('\t')).join('\n') + '\n';
  }
  const cells = rows.map((r) => r.map(cellText));
  const columns = io.columns;
  if (!columns || !cells.length) return drawTable(io, head, cells);
  const widths = fitWidths([head, ...cells], columns);
  if (widths) {
    const wrap = (text: string, i: number) => (textWidth(text) > widths[i] ? wrapText(text, widths[i]) : text);
    const table = drawTable(io, head.map(wrap), cells.map((r) => r.map(wrap)));
    // cli-table3 measures with its own tables of wide characters: trust only what fits by ours.
    if (table.split('\n').every((line) => displayWidth(line) <= columns)) return table;
  }
  return renderStacked(io, head, cells, columns);
}

function drawTable(io: Io, head: string[], rows: string[][]): string {
  // Loaded only when a terminal needs it: it is the heaviest module on the agenda's path.
  const CliTable = require('cli-table3') as Table;
  const table = new CliTable({
    head: head.map((h) => io.color.bold(h)),
    // cli-table3 colours heads and borders even when piped: turn its colours off, chalk decides.
    style: { head: [], border: [] },
    // No rule between rows: a day's agenda reads as a list.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) table.push(r);
  return table.toString() + '\n';
}

/**
 * The width of each column's text so that the table, borders and padding included, fits in
 * `columns`: the widest columns are narrowed to one common width, the largest that fits, so no
 * column wraps while a wider one does not. Undefined when that width is under MIN_COLUMN_WIDTH.
 */
export function fitWidths(rows: string[][], columns: number): number[] | undefined {
  const natural = rows[0].map((_, i) => Math.max(...rows.map((r) => textWidth(r[i]))));
  // "│ " before each column, " " after it, and the closing "│".
  const room = columns - (3 * natural.length + 1);
  const used = (cap: number) => natural.reduce((sum, w) => sum + Math.min(w, cap), 0);
  if (used(Infinity) <= room) return natural;
  let cap = Math.max(...natural);
  while (cap > 0 && used(cap) > room) cap--;
  if (cap < MIN_COLUMN_WIDTH) return undefined;
  // What is left over goes to the narrowed columns, one column each, widest first.
  let spare = room - used(cap);
  const widths = natural.map((w) => Math.min(w, cap));
  const narrowed = natural.map((w, i) => ({ w, i })).filter(({ w }) => w > cap).sort((a, b) => b.w - a.w);
  for (const { i } of narrowed) if (spare-- > 0) widths[i]++;
  return widths;
}

/**
 * Each row as a block of `label: value` lines, the values side by side in one column and wrapped
 * to the terminal (below their labels when the labels leave too little room); blocks apart by a
 * blank line. Empty cells are left out.
 */
function renderStacked(io: Io, head: string[], rows: string[][], columns: number): string {
  const labels = head.map((h) => t('{label}:', { label: h }));
  const labelWidth = Math.max(...labels.map(displayWidth)) + 1;
  const beside = columns - labelWidth >= MIN_COLUMN_WIDTH;
  const indent = ' '.repeat(beside ? labelWidth : 2);
  const valueWidth = Math.max(2, columns - indent.length);
  const blocks = rows.map((r) => {
    const lines: string[] = [];
    r.forEach((cell, i) => {
      if (!cell.trim()) return;
      const value = wrapText(cell, valueWidth).split('\n');
      const label = io.color.bold(labels[i]);
      if (beside) lines.push(label + ' '.repeat(labelWidth - displayWidth(labels[i])) + value.shift());
      else lines.push(label);
      lines.push(...value.map((v) => indent + v));
    });
    return lines.map((l) => l.trimEnd()).join('\n');
  });
  return blocks.join('\n\n') + '\n';
}

export function printTable(io: Io, head: string[], rows: Cell[][]): void {
  io.stdout(renderTable(io, head, rows));
}
