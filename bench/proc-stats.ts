// What /proc says about a benchmark's child process: CPU time used and peak memory. Linux only.
import { readdirSync, readFileSync } from 'node:fs';

export const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK); /proc/<pid>/stat counts in these ticks

/** utime + stime of a process, in clock ticks; null when it is gone. Fields 14 and 15 of /proc/<pid>/stat, after the
 *  parenthesised command name (which may itself hold spaces). */
export function cpuTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export const ticksToSeconds = (ticks: number): number => ticks / CLOCK_TICKS_PER_SECOND;

/** Peak and current resident set (VmHWM, VmRSS), KiB; null when the process is gone. */
export function memoryKiBOf(pid: number): { peak: number; current: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { peak: Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0), current: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** Busy and total clock ticks of the whole machine so far (all CPUs; /proc/stat's first line; busy = total − idle − iowait). */
export function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - fields[4], total };
}

/** CPU ticks used so far by each live process whose command is `name` (e.g. every Postgres backend and helper). */
export function ticksByPidOf(name: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) ticks.set(Number(entry), cpuTicksOf(Number(entry)) ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

/**
 * Ticks those processes used between two readings: each one's own difference, and all of a process that started
 * in between. A process that ended in between is not counted (its ticks left with it): a slight undercount.
 */
export function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, now] of after) ticks += Math.max(0, now - (before.get(pid) ?? 0));
  return ticks;
}
