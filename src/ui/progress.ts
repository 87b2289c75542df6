/**
 * A progress bar on stderr for long imports, drawn only on a terminal: piped or logged stderr gets
 * no carriage returns. Redrawn only when the percentage changes, so it costs nothing per row.
 */
import type { Io } from './io.js';

/** Below this many rows an import is over before a bar would be read. */
export const PROGRESS_MIN_ROWS = 2000;

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const WIDTH = 30;

export function renderBar(label: string, done: number, total: number): string {
  const pct = total ? Math.floor((done / total) * 100) : 100;
  const filled = Math.round((pct / 100) * WIDTH);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`;
}

export function progressBar(io: Io, label: string, total: number): Progress {
  if (!io.stderrIsTTY || total < PROGRESS_MIN_ROWS) return { update: () => {}, finish: () => {} };
  let shown = -1;
  return {
    update(done) {
      const pct = Math.floor((done / total) * 100);
      if (pct === shown) return;
      shown = pct;
      io.stderr(`\r${renderBar(label, done, total)}`);
    },
    finish() {
      if (shown >= 0) io.stderr('\r\x1b[2K');
    },
  };
}
