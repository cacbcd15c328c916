/** Small measuring helpers for the benchmark: timing, percentiles, a bounded-concurrency pool, RSS. */
import fs from 'node:fs';

/** Milliseconds `fn` took, and its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `count` jobs with at most `concurrency` at once; returns their results in order. */
export async function pool<T>(count: number, concurrency: number, job: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await job(i);
      }
    }),
  );
  return results;
}

/** Resident memory of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');

/** Prints rows of [what, raw, service, ratio] as an aligned table. */
export function printTable(rows: Array<[string, number | undefined, number | undefined, string]>): string {
  const lines = [['what', 'raw Temporal', 'through the service', 'ratio']];
  for (const [what, raw, service, unit] of rows) {
    const ratio = raw !== undefined && service !== undefined ? `${(service / raw).toFixed(2)}×` : '';
    lines.push([
      what,
      raw === undefined ? '' : `${fmt(raw)} ${unit}`,
      service === undefined ? '' : `${fmt(service)} ${unit}`,
      ratio,
    ]);
  }
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  return lines.map((l) => l.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n');
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU time (user + system, ms) a process has used so far (Linux /proc); 0 once it is gone. */
export function cpuMs(pid: number): number {
  try {
    // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU time (ms) of every process whose command name is `name` (PostgreSQL's backends, say). */
export function cpuMsByName(name: string): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) total += cpuMs(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** CPU used by each named process between `start()` and `stop()`, in ms. */
export function cpuMeter(pids: Record<string, () => number>): { stop(): Record<string, number> } {
  const before = Object.fromEntries(Object.entries(pids).map(([name, read]) => [name, read()]));
  return {
    stop: () => Object.fromEntries(Object.entries(pids).map(([name, read]) => [name, read() - before[name]!])),
  };
}
