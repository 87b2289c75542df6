/**
 * Timing child processes: hyperfine when installed (no shell, output to /dev/null), else a loop of
 * spawnSync with the same warm-up and run counts. Both report the median wall time in ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function hasProgram(name, args = ['--version']) {
  return spawnSync(name, args, { stdio: 'ignore' }).status === 0;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/**
 * Times each command right next to `baseline` (node -e 0), so each ratio compares runs made under the
 * same background load: on a shared 2-core machine the load drifts between one command and the next.
 * Returns [{ name, median, min, max, runs, baseline, baselineMin }] in ms: the paired baseline's median and min.
 */
export function timePaired(baseline, commands, { runs, warmup, cwd, env, hyperfine }) {
  return commands.map((c) => {
    const [b, x] = (hyperfine ? hyperfinePair : loopPair)([baseline, c], { runs, warmup, cwd, env });
    process.stderr.write(`  ${c.name}: median ${x.median.toFixed(1)} ms, node -e 0 beside it ${b.median.toFixed(1)} ms\n`);
    return { ...x, name: c.name, baseline: b.median, baselineMin: b.min };
  });
}

function hyperfinePair(pair, { runs, warmup, cwd, env }) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
  try {
    const json = join(dir, 'out.json');
    const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--export-json', json, '--style', 'none'];
    for (const c of pair) args.push('--command-name', c.name, c.argv.map(quote).join(' '));
    const r = spawnSync('hyperfine', args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`hyperfine failed on ${pair[1].name} (exit ${r.status})`);
    return JSON.parse(readFileSync(json, 'utf8')).results.map((x) => ({ median: x.median * 1e3, min: x.min * 1e3, max: x.max * 1e3, runs: x.times.length }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Without hyperfine: spawnSync, alternating the two commands run by run. */
function loopPair(pair, { runs, warmup, cwd, env }) {
  const devNull = openSync('/dev/null', 'w');
  const times = pair.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    pair.forEach((c, k) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(c.argv[0], c.argv.slice(1), { cwd, env, stdio: ['ignore', devNull, 'ignore'] });
      if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}`);
      if (i >= warmup) times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return times.map((t) => ({ median: median(t), min: Math.min(...t), max: Math.max(...t), runs }));
}

/** Peak resident set size in MiB: GNU time when present, else the child reports its own. */
export function peakRss(argv, { cwd, env }) {
  const devNull = openSync('/dev/null', 'w');
  if (hasProgram('/usr/bin/time', ['-v', 'true'])) {
    const r = spawnSync('/usr/bin/time', ['-v', ...argv], { cwd, env, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    if (m) return { mib: Number(m[1]) / 1024, how: '/usr/bin/time -v' };
  }
  const [node, first, ...rest] = argv;
  const body = first === '-e'
    ? rest[0]
    : `process.argv = [process.argv[0], ${JSON.stringify(first)}, ...${JSON.stringify(rest)}]; await import(${JSON.stringify(pathToFileURL(join(cwd, first)).href)});`;
  const wrapper = `process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + '\\n')); ${body}`;
  const r = spawnSync(node, ['--input-type=module', '-e', wrapper], { cwd, env, stdio: ['ignore', devNull, 'pipe'], encoding: 'utf8' });
  return { mib: Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024, how: 'process.resourceUsage()' };
}
