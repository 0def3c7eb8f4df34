// What /proc says about a benchmark's child process: CPU time used and peak memory. Linux only.
import { readFileSync } from 'node:fs';

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
