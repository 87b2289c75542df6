/**
 * Real-terminal tests: a tmux server of the test's own (its socket in the test's temp dir, no user
 * config), started by the first `tmux new-session` and killed after each test with the dir.
 */
import { afterEach, beforeEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, tempDir } from './cli.js';

export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;

export interface TmuxRig {
  dir: string;
  /** The isolated environment crm runs with in the panes (CRM_TODAY 2026-03-02, an xterm). */
  env: NodeJS.ProcessEnv;
  /** Runs a tmux command against the test's server; throws with tmux's words when it fails. */
  tmux(...args: string[]): string;
}

/** A new temp dir and tmux server for every test of the file, handed to `use` before each test. */
export function eachWithTmux(use: (rig: TmuxRig) => void, extraEnv: NodeJS.ProcessEnv = {}): void {
  let socket = '';
  let cleanup = () => {};
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    socket = join(t.dir, 'tmux.sock');
    const env = isolatedEnv(t.dir, { CRM_TODAY: '2026-03-02', TERM: 'xterm-256color', ...extraEnv });
    const tmux = (...args: string[]) => {
      const r = spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
      return r.stdout;
    };
    use({ dir: t.dir, env, tmux });
  });
  afterEach(() => {
    if (HAS_TMUX && existsSync(socket)) spawnSync('tmux', ['-S', socket, 'kill-server']);
    cleanup();
  });
}
