import { readFileSync, writeFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux everywhere). */
const ticksPerSecond = 100;

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond;
}

/** Resident memory now (VmRSS) and its peak (VmHWM) since the last `resetPeak`, in MB. */
export function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)![1]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/** Starts a new peak of resident memory (Linux ≥ 4.0: "5" to clear_refs resets VmHWM). */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

export interface RoundUsage<T> {
  result: T;
  /** CPU the process used during the round, in ms. */
  cpuMs: number;
  rssMb: number;
  peakMb: number;
}

/** Runs `load` while measuring the CPU and resident memory of the server process `pid`. */
export async function measured<T>(pid: number, load: () => Promise<T>): Promise<RoundUsage<T>> {
  resetPeak(pid);
  const before = cpuMs(pid);
  const result = await load();
  const used = cpuMs(pid) - before;
  const { rss, peak } = residentMb(pid);
  return { result, cpuMs: used, rssMb: rss, peakMb: peak };
}
