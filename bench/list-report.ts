import type { RoundUsage } from "./process-usage.ts";
import type { LoadResult } from "./run-load.ts";

export type Round = RoundUsage<LoadResult>;

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The medians of a server's rounds of one scenario (peak memory: the highest). */
export function summary(rounds: readonly Round[]) {
  return {
    rps: median(rounds.map((r) => r.result.requestsPerSecond)),
    p50: median(rounds.map((r) => r.result.p50)),
    p99: median(rounds.map((r) => r.result.p99)),
    cpu: median(rounds.map((r) => r.cpuMs / Math.max(1, r.result.sent))),
    rss: median(rounds.map((r) => r.rssMb)),
    peak: Math.max(...rounds.map((r) => r.peakMb)),
    failed: rounds.reduce((n, r) => n + r.result.errors + r.result.non2xx, 0),
  };
}

export type Summary = ReturnType<typeof summary>;

/** One round as a line: requests/s, latencies, CPU per request, memory. */
export function roundLine(r: Round): string {
  const { result } = r;
  const failed = result.errors + result.non2xx;
  return `${result.requestsPerSecond.toFixed(0).padStart(5)} req/s  p50 ${String(result.p50).padStart(4)} ms  p99 ${String(result.p99).padStart(4)} ms  CPU ${(r.cpuMs / Math.max(1, result.sent)).toFixed(2)} ms/req  RSS ${r.rssMb.toFixed(0)} MB (peak ${r.peakMb.toFixed(0)})${failed > 0 ? `  ${failed} FAILED` : ""}`;
}

const cell = (x: number, digits = 0) => x.toFixed(digits).padStart(8);

/** The table of one scenario: each server's medians, then engine/baseline with the targets. */
export function scenarioTable(title: string, engine: Summary, baseline: Summary): string {
  const row = (name: string, s: Summary) =>
    `  ${name.padEnd(9)}${cell(s.rps)}${cell(s.p50, 1)}${cell(s.p99, 1)}${cell(s.cpu, 2)}${cell(s.rss)}${cell(s.peak)}${s.failed > 0 ? `  (${s.failed} failed)` : ""}`;
  const ratio = (a: number, b: number) => cell(b > 0 ? a / b : Number.NaN, 2);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const throughput = engine.rps / baseline.rps;
  const p99 = engine.p99 / baseline.p99;
  return [
    title,
    `  ${"".padEnd(9)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"CPU ms".padStart(8)}${"RSS MB".padStart(8)}${"peak MB".padStart(8)}`,
    row("engine", engine),
    row("baseline", baseline),
    `  ${"ratio".padEnd(9)}${ratio(engine.rps, baseline.rps)}${ratio(engine.p50, baseline.p50)}${ratio(engine.p99, baseline.p99)}${ratio(engine.cpu, baseline.cpu)}${ratio(engine.rss, baseline.rss)}${ratio(engine.peak, baseline.peak)}`,
    `  throughput ${throughput.toFixed(2)}× (target ≥ 0.9: ${verdict(throughput >= 0.9)}), p99 ${p99.toFixed(2)}× (target ≤ 1.2: ${verdict(p99 <= 1.2)})`,
  ].join("\n");
}
