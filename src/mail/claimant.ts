/**
 * Who is sending. A row in 'sending' names the run that claimed it (host/pid/run): while that run
 * is alive the mail is in flight; once the run is gone, nobody knows whether it arrived.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IsoDate } from '../domain/dates.js';

/** Runs of this process still sending: tests run crm in-process, one pid for many runs. */
const liveRuns = new Set<string>();

export interface SendingRun {
  id: string;
  end(): void;
}

export function startRun(): SendingRun {
  const id = `${hostname()}/${process.pid}/${randomUUID()}`;
  liveRuns.add(id);
  return { id, end: () => liveRuns.delete(id) };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the run that claimed a row may still be sending it. A claim from an earlier day is
 * never live (a reused pid after a reboot must not hide a lost mail); a claim from another host
 * is taken as live on its day, as its process cannot be seen from here.
 */
export function claimIsLive(claimedBy: string | null, claimedOn: IsoDate | null, today: IsoDate): boolean {
  if (!claimedBy || claimedOn !== today) return false;
  if (liveRuns.has(claimedBy)) return true;
  const [host, pid] = claimedBy.split('/');
  if (host !== hostname()) return true;
  return Number(pid) !== process.pid && processExists(Number(pid));
}
