/**
 * How output reaches the user: data on stdout, chatter on stderr, colour only for a terminal
 * (or when forced), and nothing but one JSON document on stdout under --json.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { t } from '../i18n.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stdout is a terminal: tables with borders; otherwise tab-separated rows. */
  isTTY: boolean;
  /** The terminal's width, when stdout is one: wide tables wrap their widest column to fit. */
  columns?: number;
  /** stderr is a terminal: progress bars may be drawn there. Optional: absent means no. */
  stderrIsTTY?: boolean;
  /** stdin is a terminal: questions may be asked. */
  stdinIsTTY: boolean;
  json: boolean;
  color: ChalkInstance;
}

export interface ColorChoice {
  isTTY: boolean;
  json: boolean;
  noColorFlag: boolean;
  env: NodeJS.ProcessEnv;
}

/** --json and --no-color win; then NO_COLOR; then FORCE_COLOR; else colour only on a terminal. */
export function colorLevel({ isTTY, json, noColorFlag, env }: ColorChoice): 0 | 1 {
  if (json || noColorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  return isTTY && env.TERM !== 'dumb' ? 1 : 0;
}

export function makeColor(level: 0 | 1): ChalkInstance {
  return new Chalk({ level });
}

export function printJson(io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}

/** Status for people on stderr, kept out of the data stream. */
export function info(io: Io, message: string): void {
  io.stderr(message + '\n');
}

export function warn(io: Io, message: string): void {
  io.stderr(io.color.yellow(t('warning: {message}', { message })) + '\n');
}

export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  // i18n-ignore: digit grouping with commas reads the same in both languages
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const frac = abs % 100;
  return `${sign}${whole}${frac ? '.' + String(frac).padStart(2, '0') : ''}`;
}
